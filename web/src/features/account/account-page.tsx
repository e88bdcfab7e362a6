import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/page-title.ts';
import { CalendarSection } from './calendar-section.tsx';
import { PasswordSection } from './password-section.tsx';
import { ProfileSection } from './profile-section.tsx';
import { RecoveryCodesSection } from './recovery-codes-section.tsx';
import { SessionsSection } from './sessions-section.tsx';
import { TokensSection } from './tokens-section.tsx';

/** The user's own account: profile, password, sessions, API tokens, calendar feed, recovery codes. */
export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('account.title')}</Title>
      <ProfileSection />
      <PasswordSection />
      <SessionsSection />
      <TokensSection />
      <CalendarSection />
      <RecoveryCodesSection />
    </Stack>
  );
}
