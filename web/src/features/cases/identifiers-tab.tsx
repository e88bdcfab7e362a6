import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseIdentifier } from '../../../../domain/cases.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import type { CaseTabProps } from './case-tabs.tsx';
import { useCaseIdentifiers, useRemoveIdentifier } from './cases-api.ts';
import { IdentifierForm } from './identifier-form.tsx';
import { IdentifiersTable } from './identifiers-table.tsx';

/**
 * The case's identifiers: where else each one turns up first (the reason to record them here),
 * then the form to add one and the table. A closed case keeps its identifiers but takes no new ones.
 */
export function IdentifiersTab({ caseData }: CaseTabProps) {
  const { t } = useTranslation();
  const identifiers = useCaseIdentifiers(caseData.id);
  const [removing, setRemoving] = useState<CaseIdentifier | null>(null);
  const open = caseData.status !== 'closed';
  const canChange = caseData.allowed.edit && open;
  const linked = identifiers.data?.items.filter((identifier) => identifier.links.length > 0) ?? [];

  return (
    <Stack>
      {linked.length > 0 && <LinksSummary linked={linked} />}
      {caseData.allowed.edit && !open && (
        <Alert color="gray" data-testid="identifiers-closed">
          {t('cases.identifiers.closed')}
        </Alert>
      )}
      {canChange && <IdentifierForm caseId={caseData.id} />}
      <Stack component="section" aria-labelledby="identifiers-heading" gap="sm">
        <Title order={2} size="h3" id="identifiers-heading">
          {t('cases.identifiers.heading')}
        </Title>
        <ErrorAlert error={identifiers.error} onRetry={() => void identifiers.refetch()} />
        {identifiers.isPending && <PageLoader />}
        {identifiers.data &&
          (identifiers.data.items.length === 0 ? (
            <Text data-testid="identifiers-empty">{t('cases.identifiers.none')}</Text>
          ) : (
            <IdentifiersTable items={identifiers.data.items} canRemove={canChange} onRemove={setRemoving} />
          ))}
      </Stack>
      {removing && <RemoveIdentifierModal caseId={caseData.id} identifier={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

/** "203.0.113.7 is also in case 2026/00012 — Second forum": the leads between cases, on top. */
function LinksSummary({ linked }: { linked: CaseIdentifier[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('cases.identifiers.linksTitle', { count: linked.length })} data-testid="identifiers-links">
      <Text size="sm" mb="xs">
        {t('cases.identifiers.linksIntro')}
      </Text>
      <List size="sm" spacing={4}>
        {linked.map((identifier) => (
          <List.Item key={identifier.id} style={{ overflowWrap: 'anywhere' }}>
            <Text span ff="monospace" size="sm" fw={600}>
              {identifier.display}
            </Text>
            {' — '}
            {identifier.links.map((link, index) => (
              <span key={link.identifierId}>
                {index > 0 && ', '}
                <Anchor component={Link} to={`/cases/${link.caseId}?tab=identifiers`} size="sm">
                  {t('cases.identifiers.alsoInCase', { reference: link.reference, title: link.title })}
                </Anchor>
              </span>
            ))}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function RemoveIdentifierModal({ caseId, identifier, onClose }: { caseId: string; identifier: CaseIdentifier; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useRemoveIdentifier(caseId);
  return (
    <ConfirmModal
      opened
      title={t('cases.identifiers.removeTitle')}
      message={t('cases.identifiers.removeConfirm', { display: identifier.display })}
      confirmLabel={t('cases.identifiers.remove')}
      danger
      loading={remove.isPending}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(identifier.id, {
          onSuccess: () => {
            notifySuccess(t('cases.identifiers.removed', { display: identifier.display }));
            onClose();
          },
          onError: (error) => notifyFailure(t('cases.identifiers.removeFailed'), describeError(error, t)),
        })
      }
    />
  );
}
