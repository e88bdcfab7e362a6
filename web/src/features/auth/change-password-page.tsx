import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/page-title.ts';
import { AbandonSignIn } from './abandon-sign-in.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';

/**
 * First sign-in with the one-time password an administrator gave out: it must be replaced
 * before anything else, since someone else has seen it. The guard moves on once it is.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.firstTitle'));
  return (
    <Stack>
      <Title order={1}>{t('password.firstTitle')}</Title>
      <Text>{t('password.firstIntro')}</Text>
      <ChangePasswordForm />
      <Group justify="flex-end">
        <AbandonSignIn />
      </Group>
    </Stack>
  );
}
