import { Button, Stack, Text, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { RecoveryCodesList } from '../auth/recovery-codes-list.tsx';
import { useRegenerateRecoveryCodes } from './account-api.ts';
import { AccountSection } from './account-section.tsx';
import { AppModal } from '../../ui/app-modal.tsx';

/**
 * New recovery codes, for when the old ones ran low or may have been seen. Confirmed first,
 * because the old codes stop working at once.
 */
export function RecoveryCodesSection() {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  const [confirming, setConfirming] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  function generate() {
    regenerate.mutate(undefined, {
      onSuccess: ({ recoveryCodes }) => {
        setCodes(recoveryCodes);
        notifySuccess(t('account.recovery.done'));
      },
      onError: (error) => notifyFailure(t('account.recovery.failed'), describeError(error, t)),
      onSettled: () => setConfirming(false),
    });
  }

  return (
    <AccountSection id="recovery" title={t('account.recovery.title')}>
      <Text mb="md">{t('account.recovery.intro')}</Text>
      <Button variant="default" onClick={() => setConfirming(true)} data-testid="recovery-regenerate">
        {t('account.recovery.regenerate')}
      </Button>
      <ConfirmModal
        opened={confirming}
        title={t('account.recovery.regenerate')}
        message={t('account.recovery.confirm')}
        confirmLabel={t('account.recovery.regenerate')}
        danger
        loading={regenerate.isPending}
        onConfirm={generate}
        onClose={() => setConfirming(false)}
      />
      <AppModal
        opened={codes !== null}
        onClose={() => setCodes(null)}
        title={t('recovery.title')}
        closeOnClickOutside={false}
        size="lg"
      >
        {codes && (
          <Stack>
            <Text>{t('recovery.warning')}</Text>
            <RecoveryCodesList codes={codes} />
            <Group justify="flex-end">
              <Button onClick={() => setCodes(null)} data-testid="recovery-confirm">
                {t('recovery.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </AppModal>
    </AccountSection>
  );
}
