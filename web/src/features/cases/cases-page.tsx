import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, caseStatusSchema } from '../../../../domain/cases.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCan } from '../auth/session.ts';
import { Paging } from '../directory/paging.tsx';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams, useSearchText } from '../directory/search-params.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { useCases } from './cases-api.ts';
import { CasesTable } from './cases-table.tsx';

/**
 * The cases the user may see (their teams', and those of the people they supervise): full-text
 * search, a status filter and paging, all kept in the address so "back" from a case returns here.
 */
export function CasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.title'));
  const canWrite = useCan('case.write');
  const { get, update, page } = useFilterParams();
  const [text, setText] = useSearchText(get('q'), (q) => update({ q }));
  const status = caseStatusSchema.safeParse(get('status'));
  const cases = useCases({
    q: get('q') || undefined,
    status: status.success ? status.data : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [creating, setCreating] = useState(false);
  const filtered = get('q') !== '' || status.success;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{t('cases.title')}</Title>
        {canWrite && (
          <Button onClick={() => setCreating(true)} data-testid="case-new">
            {t('cases.new')}
          </Button>
        )}
      </Group>
      <Text maw={800}>{t('cases.intro')}</Text>

      <Paper withBorder p="md">
        <form role="search" aria-label={t('cases.filters.label')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="search"
              label={t('cases.filters.search')}
              description={t('cases.filters.searchHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-testid="cases-search"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('cases.filters.status')}
              value={status.success ? status.data : ''}
              onChange={(event) => update({ status: event.currentTarget.value })}
              data={[
                { value: '', label: t('cases.filters.anyStatus') },
                ...CASE_STATUSES.map((value) => ({ value, label: t(`cases.status.${value}`) })),
              ]}
              data-testid="cases-status"
            />
          </SimpleGrid>
        </form>
      </Paper>

      <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
      {cases.isPending && <PageLoader />}
      {cases.data &&
        (cases.data.total === 0 ? (
          <Text data-testid="cases-empty">{filtered ? t('cases.noMatch') : t('cases.none')}</Text>
        ) : (
          <>
            <CasesTable items={cases.data.items} total={cases.data.total} busy={cases.isPlaceholderData} />
            <Paging
              page={page}
              total={cases.data.total}
              onChange={(next) => update({ page: String(next) })}
              label={t('cases.paging')}
            />
          </>
        ))}

      <CaseFormModal opened={creating} existing={null} onClose={() => setCreating(false)} />
    </Stack>
  );
}
