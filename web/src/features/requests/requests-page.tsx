import { Anchor, Badge, Group, NativeSelect, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REQUEST_STATES } from '../../../../domain/lifecycle.ts';
import type { DashboardItem } from '../../../../domain/requests/api.ts';
import { fromLocal } from '../../../../domain/time.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { Paging } from '../directory/paging.tsx';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams } from '../directory/search-params.ts';
import { DueTimes } from './deadlines-section.tsx';
import { DeadlineStateBadge, EmergencyBadge } from './request-badges.tsx';
import { counterpartKindLabel, deadlineKindLabel, isRequestStatus, isRequestType, requestTypeOptions, requestTypeTitle, userTimeZone } from './request-labels.ts';
import { useDashboard, useRequests, type DashboardQuery } from './requests-api.ts';
import { RequestsTable } from './requests-table.tsx';

/** The horizons the dashboard offers, in days. */
export const HORIZONS = [7, 14, 30, 90] as const;

/**
 * The requests section: first what is overdue, due soon and coming up (in the user's cases or in
 * every case they may see, within a horizon), then every request with filters.
 */
export function RequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.title'));
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('requests.title')}</Title>
        <Text maw={820}>{t('requests.intro')}</Text>
      </Stack>
      <DeadlineDashboard />
      <RequestList />
    </Stack>
  );
}

function DeadlineDashboard() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<DashboardQuery>({ days: 14, scope: 'mine' });
  const dashboard = useDashboard(query);
  return (
    <Stack component="section" aria-labelledby="dashboard-heading" gap="md" data-testid="deadline-dashboard">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} id="dashboard-heading">
            {t('requests.dashboard.heading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('requests.dashboard.zoneNote', { zone: userTimeZone() })}
          </Text>
        </Stack>
        <Group align="flex-end" gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="dashboard-scope-label">
              {t('requests.dashboard.scope')}
            </Text>
            <SegmentedControl
              aria-labelledby="dashboard-scope-label"
              value={query.scope}
              onChange={(scope) => setQuery((previous) => ({ ...previous, scope: scope === 'visible' ? 'visible' : 'mine' }))}
              data={[
                { value: 'mine', label: t('requests.dashboard.mine') },
                { value: 'visible', label: t('requests.dashboard.visible') },
              ]}
              data-testid="dashboard-scope"
            />
          </Stack>
          <NativeSelect
            label={t('requests.dashboard.horizon')}
            value={String(query.days)}
            onChange={(event) => {
              const days = Number(event.currentTarget.value);
              setQuery((previous) => ({ ...previous, days }));
            }}
            data={HORIZONS.map((days) => ({ value: String(days), label: t('requests.dashboard.days', { count: days }) }))}
            w={160}
            data-testid="dashboard-days"
          />
        </Group>
      </Group>
      <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      {dashboard.isPending && <PageLoader />}
      {dashboard.data && (
        <Stack gap="lg" aria-busy={dashboard.isPlaceholderData}>
          <DeadlineGroup group="overdue" items={dashboard.data.overdue} />
          <DeadlineGroup group="dueSoon" items={dashboard.data.dueSoon} />
          <DeadlineGroup group="upcoming" items={dashboard.data.upcoming} />
        </Stack>
      )}
    </Stack>
  );
}

const GROUP_COLORS = { overdue: 'red', dueSoon: 'orange', upcoming: 'blue' } as const;

function DeadlineGroup({ group, items }: { group: 'overdue' | 'dueSoon' | 'upcoming'; items: DashboardItem[] }) {
  const { t, i18n } = useTranslation();
  const headingId = `dashboard-${group}-heading`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`dashboard-${group}`}>
      <Group gap="xs" mb="sm">
        <Title order={3} size="h4" id={headingId}>
          {t(`requests.dashboard.groups.${group}`)}
        </Title>
        <Badge color={GROUP_COLORS[group]} variant={group === 'overdue' && items.length > 0 ? 'filled' : 'light'} circle={items.length < 10}>
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`requests.dashboard.empty.${group}`)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t('requests.dashboard.caption', { group: t(`requests.dashboard.groups.${group}`), count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('requests.list.reference')}</Table.Th>
                <Table.Th scope="col">{t('requests.list.case')}</Table.Th>
                <Table.Th scope="col">{t('requests.list.type')}</Table.Th>
                <Table.Th scope="col">{t('requests.list.counterpart')}</Table.Th>
                <Table.Th scope="col">{t('requests.deadlines.kind')}</Table.Th>
                <Table.Th scope="col">{t('requests.deadlines.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, index) => (
                <Table.Tr key={`${item.id}-${item.deadline.kind}-${index}`} data-testid="dashboard-row" data-reference={item.reference} data-kind={item.deadline.kind}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/requests/${item.id}`} ff="monospace" fw={600}>
                      {item.reference}
                    </Anchor>
                    {item.emergency && (
                      <div>
                        <EmergencyBadge />
                      </div>
                    )}
                  </Table.Td>
                  <Table.Td style={{ minWidth: 130 }}>
                    <Anchor component={Link} to={`/cases/${item.caseId}?tab=requests`} ff="monospace" size="sm">
                      {item.caseReference}
                    </Anchor>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {item.caseTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 150 }}>
                    <Text size="sm">{requestTypeTitle(item.type, i18n.language)}</Text>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 140, overflowWrap: 'anywhere' }}>
                    <Text size="sm">{item.counterpart.name ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {counterpartKindLabel(item.counterpart.kind, t)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {deadlineKindLabel(item.deadline.kind, t)}
                    </Text>
                    <DeadlineStateBadge state={item.deadline.state} />
                  </Table.Td>
                  <Table.Td>
                    <DueTimes dueAt={item.deadline.dueAt} counterpartZone={item.counterpart.timeZone} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** The end of a calendar day (`2026-12-01`) in the reader's zone, as the ISO instant the list filter takes. */
function endOfDay(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  try {
    return new Date(fromLocal({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, userTimeZone())).toISOString();
  } catch {
    return undefined;
  }
}

function RequestList() {
  const { t, i18n } = useTranslation();
  const { get, update, page } = useFilterParams();
  const status = get('status');
  const type = get('type');
  const dueBefore = get('dueBefore');
  const requests = useRequests({
    status: isRequestStatus(status) ? status : undefined,
    type: isRequestType(type) ? type : undefined,
    dueBefore: endOfDay(dueBefore),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const filtered = isRequestStatus(status) || isRequestType(type) || endOfDay(dueBefore) !== undefined;
  return (
    <Stack component="section" aria-labelledby="request-list-heading" gap="md" data-testid="request-list">
      <Title order={2} id="request-list-heading">
        {t('requests.list.heading')}
      </Title>
      <Paper withBorder p="md">
        <form role="search" aria-label={t('requests.list.filters')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('requests.list.status')}
              value={isRequestStatus(status) ? status : ''}
              onChange={(event) => update({ status: event.currentTarget.value })}
              data={[{ value: '', label: t('requests.list.anyStatus') }, ...REQUEST_STATES.map((value) => ({ value, label: t(`requests.status.${value}`) }))]}
              data-testid="requests-filter-status"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('requests.list.type')}
              value={isRequestType(type) ? type : ''}
              onChange={(event) => update({ type: event.currentTarget.value })}
              data={[{ value: '', label: t('requests.list.anyType') }, ...requestTypeOptions(i18n.language)]}
              data-testid="requests-filter-type"
            />
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="date"
              label={t('requests.list.dueBefore')}
              description={t('requests.list.dueBeforeHint')}
              value={dueBefore}
              onChange={(event) => update({ dueBefore: event.currentTarget.value })}
              data-testid="requests-filter-due-before"
            />
          </SimpleGrid>
        </form>
      </Paper>
      <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      {requests.isPending && <PageLoader />}
      {requests.data &&
        (requests.data.total === 0 ? (
          <Text data-testid="requests-empty">{filtered ? t('requests.list.noMatch') : t('requests.list.none')}</Text>
        ) : (
          <>
            <RequestsTable items={requests.data.items} caption={t('requests.list.caption', { count: requests.data.total })} withCase busy={requests.isPlaceholderData} />
            <Paging page={page} total={requests.data.total} onChange={(next) => update({ page: String(next) })} label={t('requests.list.paging')} />
          </>
        ))}
    </Stack>
  );
}
