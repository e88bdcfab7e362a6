import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/page-title.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useCan, useCurrentUser } from '../auth/session.ts';

/** The landing page after sign-in: who you are signed in as, and until when. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const seesCases = useCan('case.read');
  usePageTitle(t('home.title'));
  return (
    <Stack maw={720}>
      <Title order={1}>{t('home.welcome', { name: me.user.displayName })}</Title>
      <Text>{t('home.organisation', { organisation: me.organisation.name, country: me.organisation.country })}</Text>
      <Text>{t('home.sessionEnds', { time: formatDateTime(me.session.absoluteExpiresAt, i18n.language) })}</Text>
      <Text>{t('home.intro')}</Text>
      {seesCases && (
        <Anchor component={Link} to="/requests" fw={600} data-testid="home-deadlines">
          {t('home.deadlinesLink')}
        </Anchor>
      )}
      {seesCases && (
        <Anchor component={Link} to="/cases" fw={600} data-testid="home-cases">
          {t('home.casesLink')}
        </Anchor>
      )}
    </Stack>
  );
}
