import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../domain/cases.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { IncomingRequestModal, NewRequestModal } from './new-request-modal.tsx';
import { useRequests } from './requests-api.ts';
import { RequestsTable } from './requests-table.tsx';

/** Roles that receive requests from abroad and register them. */
const RECEIVERS = ['contact_point', 'central_authority'];

/**
 * The case's requests, soonest deadline first, with the button to start one (any type, the
 * counterpart and, for an emergency, its facts) and, for 24/7 points and central authorities,
 * to register one received from abroad.
 */
export function CaseRequestsTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const requests = useRequests({ caseId: caseData.id, limit: 200, offset: 0 });
  const [creating, setCreating] = useState(false);
  const [registering, setRegistering] = useState(false);
  const open = caseData.status !== 'closed';
  const canStart = caseData.allowed.edit && open;
  const receives = me.user.roles.some((role) => RECEIVERS.includes(role));

  return (
    <Stack component="section" aria-labelledby="case-requests-heading">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3" id="case-requests-heading">
          {t('requests.caseTab.heading')}
        </Title>
        {canStart && (
          <Group gap="xs">
            {receives && (
              <Button variant="default" onClick={() => setRegistering(true)} data-testid="request-register-incoming">
                {t('requests.incoming.open')}
              </Button>
            )}
            <Button onClick={() => setCreating(true)} data-testid="request-new">
              {t('requests.new.open')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" maw={800}>
        {t('requests.caseTab.intro')}
      </Text>
      {caseData.allowed.edit && !open && <Alert color="gray">{t('requests.caseTab.closed')}</Alert>}
      <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      {requests.isPending && <PageLoader />}
      {requests.data &&
        (requests.data.items.length === 0 ? (
          <Text data-testid="case-requests-empty">{t('requests.caseTab.none')}</Text>
        ) : (
          <RequestsTable items={requests.data.items} caption={t('requests.caseTab.caption', { count: requests.data.total })} testId="case-requests" />
        ))}
      <NewRequestModal opened={creating} caseId={caseData.id} onClose={() => setCreating(false)} />
      <IncomingRequestModal opened={registering} caseId={caseData.id} onClose={() => setRegistering(false)} />
    </Stack>
  );
}
