import { Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EVENT_STATUSES, eventStatusSchema, type EventSummary } from '../../../../domain/events.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { Paging } from '../directory/paging.tsx';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams, useSearchText } from '../directory/search-params.ts';
import { eventStatusColor, formatInstant, visitorTimeZone } from './event-labels.ts';
import { useEvents } from './events-api.ts';

/**
 * The organiser's events: status, dates in the reader's own zone, seats taken out of the capacity
 * and how many wait, with filters kept in the address.
 */
export function EventsPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.list.title'));
  const { get, update, page } = useFilterParams();
  const status = eventStatusSchema.safeParse(get('status'));
  const all = get('all') === '1';
  const [text, setText] = useSearchText(get('q'), (q) => update({ q }));
  // "Upcoming" is fixed when the page opens: a list that shifts under the reader every minute helps nobody.
  const now = useMemo(() => new Date().toISOString(), []);
  const events = useEvents({
    status: status.success ? status.data : undefined,
    q: get('q') || undefined,
    endsAfter: all ? undefined : now,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('events.list.title')}</Title>
          <Text maw={820}>{t('events.list.intro')}</Text>
        </Stack>
        <Button component={Link} to="/events/new" data-testid="event-new">
          {t('events.list.new')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <form role="search" aria-label={t('events.list.filters')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="search"
              label={t('events.list.search')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-testid="events-filter-q"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('events.list.status')}
              value={status.success ? status.data : ''}
              onChange={(event) => update({ status: event.currentTarget.value })}
              data={[{ value: '', label: t('events.list.anyStatus') }, ...EVENT_STATUSES.map((value) => ({ value, label: t(`events.status.${value}`) }))]}
              data-testid="events-filter-status"
            />
            <Switch
              label={t('events.list.includePast')}
              checked={all}
              onChange={(event) => update({ all: event.currentTarget.checked ? '1' : '' })}
              mb={8}
              data-testid="events-filter-all"
            />
          </SimpleGrid>
        </form>
      </Paper>
      <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      {events.isPending && <PageLoader />}
      {events.data &&
        (events.data.total === 0 ? (
          <Text data-testid="events-empty">{t('events.list.none')}</Text>
        ) : (
          <>
            <EventsTable items={events.data.items} busy={events.isPlaceholderData} caption={t('events.list.caption', { count: events.data.total, zone: visitorTimeZone() })} />
            <Paging page={page} total={events.data.total} onChange={(next) => update({ page: String(next) })} label={t('events.list.paging')} />
          </>
        ))}
    </Stack>
  );
}

function EventsTable({ items, busy, caption }: { items: EventSummary[]; busy: boolean; caption: string }) {
  const { t, i18n } = useTranslation();
  const zone = visitorTimeZone();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy} data-testid="events-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('events.fields.title')}</Table.Th>
            <Table.Th scope="col">{t('events.list.status')}</Table.Th>
            <Table.Th scope="col">{t('events.fields.startsAt')}</Table.Th>
            <Table.Th scope="col">{t('events.list.registration')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('events.list.seats')}
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('events.list.waiting')}
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('events.list.pending')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => (
            <Table.Tr key={event.id} data-testid={`event-row-${event.slug}`}>
              <Table.Td style={{ overflowWrap: 'anywhere', minWidth: 220 }}>
                <Anchor component={Link} to={`/events/${event.id}`} fw={600}>
                  {event.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`events.kind.${event.kind}`)} · /e/{event.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={eventStatusColor(event.status)} variant="light" data-testid="event-status">
                  {t(`events.status.${event.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ minWidth: 190 }}>
                <Text size="sm">{formatInstant(event.startsAt, zone, i18n.language)}</Text>
                {event.timeZone !== zone && (
                  <Text size="xs" c="dimmed">
                    {t('events.list.there', { time: formatInstant(event.startsAt, event.timeZone, i18n.language), zone: event.timeZone })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`events.window.${event.registrationState}`)}</Text>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="event-seats">
                {t('events.list.seatsValue', { taken: event.seatsTaken, capacity: event.capacity })}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }} data-testid="event-waiting">
                {event.counts.waiting}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{event.counts.pending_approval}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
