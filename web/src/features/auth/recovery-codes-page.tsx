import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useAuthOutlet } from './auth-layout.tsx';
import { RecoveryCodesList } from './recovery-codes-list.tsx';
import { pathForStage, useMe, useRefreshSession } from './session.ts';

/**
 * The recovery codes issued at enrolment, shown once. The user must say they saved them before
 * entering the app; without codes in memory (e.g. after a reload) the page sends them on, and
 * new codes can be generated from the account page.
 */
export function RecoveryCodesPage() {
  const { t } = useTranslation();
  usePageTitle(t('recovery.title'));
  const me = useMe();
  const navigate = useNavigate();
  const refreshSession = useRefreshSession();
  const { recoveryCodes } = useAuthOutlet();
  const [leaving, setLeaving] = useState(false);

  if (me.isPending) return <PageLoader />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (!recoveryCodes) return <Navigate to={pathForStage(me.data.stage)} replace />;

  async function confirmSaved() {
    setLeaving(true);
    // Enter the app only once the session is known to be complete, or its guard bounces back.
    await refreshSession();
    // Leaving the sign-in layout drops the codes from memory with it.
    void navigate('/', { replace: true });
  }

  return (
    <Stack>
      <Title order={1}>{t('recovery.title')}</Title>
      <Text>{t('recovery.intro')}</Text>
      <Alert color="yellow" title={t('recovery.warningTitle')}>
        {t('recovery.warning')}
      </Alert>
      <RecoveryCodesList codes={recoveryCodes} />
      <Button loading={leaving} onClick={() => void confirmSaved()} data-testid="recovery-confirm">
        {t('recovery.confirm')}
      </Button>
    </Stack>
  );
}
