import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SecretValue } from '../../ui/secret-value.tsx';
import { AppModal } from '../../ui/app-modal.tsx';

/** Props of {@link OneTimePasswordModal}. */
export interface OneTimePasswordModalProps {
  /** Whose password it is: shown so the administrator hands it to the right person. */
  userLabel: string;
  /** The password; the modal is open while it is set. */
  password: string | null;
  onClose: () => void;
}

/**
 * A freshly issued one-time password. The server never shows it again, so the modal says so and
 * offers a copy button; it closes only on an explicit "Done" (not on a stray click outside).
 */
export function OneTimePasswordModal({ userLabel, password, onClose }: OneTimePasswordModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={password !== null}
      onClose={onClose}
      title={t('users.otp.title')}
      closeOnClickOutside={false}
      size="lg"
    >
      <Stack>
        <Text>{t('users.otp.for', { user: userLabel })}</Text>
        {password !== null && <SecretValue value={password} label={t('users.otp.label')} testId="one-time-password" />}
        <Alert color="yellow" title={t('users.otp.warningTitle')}>
          {t('users.otp.warning')}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="one-time-password-done">
            {t('common.done')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
