import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCan } from '../auth/session.ts';
import { auditExportUrl, useAuditEvents, type AuditFilters } from './audit-api.ts';
import { AuditFilterForm } from './audit-filter-form.tsx';
import { AuditTable } from './audit-table.tsx';
import { VerifyChain } from './verify-chain.tsx';

/** The audit log: filters, events newest first with "load older", export and chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const [filters, setFilters] = useState<AuditFilters>({});
  const canExport = useCan('audit.export');

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <Paper withBorder p="md">
        <AuditFilterForm onApply={setFilters} />
      </Paper>
      <Group justify="space-between" align="flex-start">
        <VerifyChain />
        {canExport && <ExportLinks filters={filters} />}
      </Group>
      <AuditEvents filters={filters} />
    </Stack>
  );
}

/** Download links for the current filters; the server sends the file. */
function ExportLinks({ filters }: { filters: AuditFilters }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <Text fw={600}>{t('audit.export')}</Text>
      <Anchor href={auditExportUrl(filters, 'csv')} download data-testid="audit-export-csv">
        {t('audit.exportCsv')}
      </Anchor>
      <Anchor href={auditExportUrl(filters, 'json')} download data-testid="audit-export-json">
        {t('audit.exportJson')}
      </Anchor>
    </Group>
  );
}

function AuditEvents({ filters }: { filters: AuditFilters }) {
  const { t } = useTranslation();
  const audit = useAuditEvents(filters);
  if (audit.isPending) return <PageLoader />;
  // A failed "load older" keeps the events already shown; only a failed first page has none.
  if (!audit.data) return <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />;
  const events = audit.data.pages.flatMap((page) => page.events);
  if (events.length === 0) return <Text>{t('audit.empty')}</Text>;
  return (
    <Stack>
      <AuditTable events={events} />
      {audit.isFetchNextPageError && <ErrorAlert error={audit.error} />}
      {audit.hasNextPage ? (
        <Button
          variant="default"
          loading={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
          data-testid="audit-load-older"
          style={{ alignSelf: 'center' }}
        >
          {t('audit.loadOlder')}
        </Button>
      ) : (
        <Text ta="center">{t('audit.end')}</Text>
      )}
    </Stack>
  );
}
