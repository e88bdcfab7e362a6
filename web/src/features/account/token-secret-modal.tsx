import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from '../../../../domain/api.ts';
import { SecretValue } from '../../ui/secret-value.tsx';
import { AppModal } from '../../ui/app-modal.tsx';

/** Props of {@link TokenSecretModal}. */
export interface TokenSecretModalProps {
  /** The token just created; the modal is open while it is set. */
  created: CreatedToken | null;
  onClose: () => void;
}

/** A new token's secret, shown this once, with a copy button and how to use it. */
export function TokenSecretModal({ created, onClose }: TokenSecretModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={created !== null}
      onClose={onClose}
      title={t('account.tokens.secretTitle')}
      closeOnClickOutside={false}
      size="lg"
    >
      {created && (
        <Stack>
          <Text>{t('account.tokens.secretFor', { name: created.token.name })}</Text>
          <SecretValue value={created.secret} label={t('account.tokens.secretLabel')} testId="token-secret" />
          <Alert color="yellow" title={t('account.tokens.secretWarningTitle')}>
            {t('account.tokens.secretWarning')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="token-secret-done">
              {t('common.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
