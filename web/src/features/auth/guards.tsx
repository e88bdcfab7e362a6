/**
 * Route guards implementing the sign-in stage machine: a page renders only when the session is
 * at that page's stage, and otherwise sends the user where the session says they must be.
 */
import { Navigate } from 'react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Title } from '@mantine/core';
import type { AuthStage } from '../../../../domain/api.ts';
import type { Permission } from '../../../../domain/roles.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { pathForStage, useCan, useMe } from './session.ts';

/** Props of {@link RequireStage}. */
export interface RequireStageProps {
  stage: AuthStage;
  children: ReactNode;
}

/**
 * Renders `children` only for a session at `stage`: signed-out users go to the login page and
 * half signed-in users to the step they still owe, so nothing else is reachable until `done`.
 */
export function RequireStage({ stage, children }: RequireStageProps) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to="/login" replace />;
  if (me.data.stage !== stage) return <Navigate to={pathForStage(me.data.stage)} replace />;
  return children;
}

/** The login page's guard: someone already signed in (even halfway) continues where they are. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.data) return <Navigate to={pathForStage(me.data.stage)} replace />;
  // A failed session check must not lock people out of the login form.
  return children;
}

/** Props of {@link RequirePermission}. */
export interface RequirePermissionProps {
  permission: Permission;
  children: ReactNode;
}

/**
 * For pages reached by typing their address: the navigation already hides what the user may not
 * open, and the server refuses it anyway, so this only explains why the page is empty.
 */
export function RequirePermission({ permission, children }: RequirePermissionProps) {
  const allowed = useCan(permission);
  if (allowed) return children;
  return <ForbiddenNotice />;
}

/** What a page shows instead of its content to someone whose roles do not open it. */
export function ForbiddenNotice() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1}>{t('forbidden.title')}</Title>
      <Alert color="gray" mt="md">
        {t('forbidden.body')}
      </Alert>
    </>
  );
}
