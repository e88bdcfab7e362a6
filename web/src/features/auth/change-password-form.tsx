import { Button, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordBodySchema, MIN_PASSWORD_LENGTH } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { useChangePassword } from './auth-api.ts';

/** Props of {@link ChangePasswordForm}. */
export interface ChangePasswordFormProps {
  /** Runs after the server accepted the new password. */
  onChanged?: () => void;
}

/** Current and new password; used at first sign-in and on the account page. */
export function ChangePasswordForm({ onChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const changePassword = useChangePassword();
  const form = useSchemaForm(changePasswordBodySchema, {
    ...changePassword,
    mutate: (body) =>
      changePassword.mutate(body, {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          onChanged?.();
        },
      }),
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ currentPassword, newPassword });
      }}
    >
      <Stack>
        <ErrorAlert error={changePassword.error} />
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          error={form.errors.currentPassword}
          data-testid="current-password"
        />
        <PasswordInput
          label={t('password.new')}
          description={t('password.rule', { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={form.errors.newPassword}
          data-testid="new-password"
        />
        <Button type="submit" loading={changePassword.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
