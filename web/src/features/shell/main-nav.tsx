import { AppShell, Button, NavLink, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCurrentUser, useSignOut } from '../auth/session.ts';
import { ADMIN_NAV_ITEMS, WORK_NAV_ITEMS } from './nav-items.ts';

/** Props of {@link MainNav}. */
export interface MainNavProps {
  /** Called after a link is followed, to close the menu on small screens. */
  onNavigate: () => void;
}

/** Props of {@link NavItem}. */
interface NavItemProps {
  to: string;
  label: string;
  testId: string;
  onNavigate: () => void;
  /** Other path prefixes under which this item is the current one. */
  alsoActiveUnder?: readonly string[];
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

function NavItem({ to, label, testId, onNavigate, alsoActiveUnder = [] }: NavItemProps) {
  const { pathname } = useLocation();
  const active = [to, ...alsoActiveUnder].some((prefix) => isUnder(pathname, prefix));
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
      data-testid={testId}
    />
  );
}

/** Section heading of the menu; plain text so the page's own `h1` stays the first heading. */
function NavGroupLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="gray.7" px="sm" pt="md" pb={4}>
      {children}
    </Text>
  );
}

/**
 * The side menu: the working sections, administration for those allowed to see it (the
 * permissions come from `/auth/me`), the account page and sign-out.
 */
export function MainNav({ onNavigate }: MainNavProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const signOut = useSignOut();
  const workItems = WORK_NAV_ITEMS.filter((item) => item.permission === undefined || me.permissions.includes(item.permission));
  const adminItems = ADMIN_NAV_ITEMS.filter((item) => me.permissions.includes(item.permission));

  return (
    <>
      <AppShell.Section grow component={ScrollArea}>
        <NavGroupLabel>{t('nav.workGroup')}</NavGroupLabel>
        {workItems.map((item) => (
          <NavItem
            key={item.key}
            to={item.path}
            label={t(`nav.${item.key}`)}
            testId={`nav-${item.key}`}
            onNavigate={onNavigate}
            alsoActiveUnder={item.alsoActiveUnder}
          />
        ))}
        {adminItems.length > 0 && <NavGroupLabel>{t('nav.adminGroup')}</NavGroupLabel>}
        {adminItems.map((item) => (
          <NavItem key={item.key} to={item.path} label={t(`nav.${item.key}`)} testId={`nav-${item.key}`} onNavigate={onNavigate} />
        ))}
        <NavGroupLabel>{t('nav.youGroup')}</NavGroupLabel>
        <NavItem to="/account" label={t('nav.account')} testId="nav-account" onNavigate={onNavigate} />
      </AppShell.Section>
      <AppShell.Section pt="sm">
        <Button variant="default" fullWidth loading={signOut.isPending} onClick={() => signOut.mutate()} data-testid="logout">
          {t('nav.signOut')}
        </Button>
      </AppShell.Section>
    </>
  );
}
