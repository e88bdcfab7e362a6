import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { MAIN_CONTENT_ID, SkipLink } from '../../ui/skip-link.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { MainNav } from './main-nav.tsx';

/** The frame of every signed-in page: header, side menu and the one `<main>` landmark. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [navOpened, { toggle, close }] = useDisclosure(false);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('shell.toggleNav')}
                aria-expanded={navOpened}
                aria-controls="main-nav"
              />
              <Text fw={700} size="xl">
                Liaison
              </Text>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Text size="sm" visibleFrom="sm" data-testid="current-user">
                {t('shell.signedInAs', { name: me.user.displayName, organisation: me.organisation.name })}
              </Text>
              <LanguageSwitch />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id="main-nav" p="sm" aria-label={t('shell.navLabel')}>
          <MainNav onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
