import { Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import type { Case } from '../../../../domain/cases.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { CaseStatusBadge } from './case-badges.tsx';
import { CaseFormModal } from './case-form-modal.tsx';
import { handlingDescription, personName } from './case-labels.ts';
import { CaseNotFound } from './case-not-found.tsx';
import { CASE_TABS } from './case-tabs.tsx';
import { useCase } from './cases-api.ts';

const caseIdSchema = z.uuid();

/**
 * One case: its header (reference, title, status, handling code) and its tabs. A case outside
 * the user's need-to-know answers 404, like one that does not exist; the page says both.
 */
export function CasePage() {
  const { id = '' } = useParams();
  // An address that cannot name a case is not sent to the server (it would answer 400, not 404).
  if (!caseIdSchema.safeParse(id).success) return <CaseNotFound />;
  // Keyed by case: following an "also in" link to another case must not carry over this case's
  // half-filled forms and notices (React Router keeps the component when only :id changes).
  return <CaseLoader key={id} id={id} />;
}

function CaseLoader({ id }: { id: string }) {
  const { t } = useTranslation();
  const found = useCase(id);
  usePageTitle(found.data ? `${found.data.reference} ${found.data.title}` : t('cases.title'));
  if (found.error instanceof ApiError && found.error.code === 'not_found') return <CaseNotFound />;
  if (found.isPending) return <PageLoader />;
  if (!found.data) return <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />;
  return <CaseView caseData={found.data} />;
}

function CaseView({ caseData }: { caseData: Case }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const tab = CASE_TABS.find((candidate) => candidate.value === params.get('tab')) ?? CASE_TABS[0];

  return (
    <Stack>
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text ff="monospace" fw={600} c="dimmed" data-testid="case-reference">
            {t('cases.referenceLabel', { reference: caseData.reference })}
          </Text>
          <Title order={1} style={{ overflowWrap: 'anywhere' }} data-testid="case-heading">
            {caseData.title}
          </Title>
          <Group gap="xs" mt={4}>
            <CaseStatusBadge status={caseData.status} />
            <Badge color={caseData.handlingCode === 'H0' ? 'blue' : 'grape'} variant="outline" tt="none" data-testid="case-handling">
              {handlingDescription(caseData.handlingCode, i18n.language)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('cases.openedBy', { name: personName(caseData.team, caseData.createdBy), time: formatDateTime(caseData.createdAt, i18n.language) })}
            {' · '}
            {t('cases.lastChange', { time: formatDateTime(caseData.updatedAt, i18n.language) })}
          </Text>
        </Stack>
        {caseData.allowed.edit && (
          <Button variant="default" onClick={() => setEditing(true)} style={{ flexShrink: 0 }} data-testid="case-edit">
            {t('cases.edit')}
          </Button>
        )}
      </Group>

      <Tabs
        value={tab?.value ?? null}
        onChange={(value) => setParams(value && value !== CASE_TABS[0]?.value ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('cases.tabs.label')}>
          {CASE_TABS.map((entry) => {
            const count = entry.count?.(caseData);
            return (
              <Tabs.Tab
                key={entry.value}
                value={entry.value}
                rightSection={
                  count === undefined ? undefined : (
                    <Badge size="sm" variant="light" color="gray" circle={count < 10}>
                      {count}
                    </Badge>
                  )
                }
                data-testid={`case-tab-${entry.value}`}
              >
                {entry.label(t)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {CASE_TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel caseData={caseData} />
          </Tabs.Panel>
        ))}
      </Tabs>

      {caseData.allowed.edit && <CaseFormModal opened={editing} existing={caseData} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
