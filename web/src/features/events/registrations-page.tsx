import { Anchor, Badge, Button, Group, NativeSelect, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EXPORT_FORMATS,
  participantRoleSchema,
  REGISTRATION_STATUSES,
  registrationStatusSchema,
  type EventView,
  type Registration,
} from '../../../../domain/events.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { countryName } from '../../ui/names.ts';
import { Paging } from '../directory/paging.tsx';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams, useSearchText } from '../directory/search-params.ts';
import { AttendanceImport } from './attendance-import.tsx';
import { EventFrame } from './event-frame.tsx';
import {
  countryOptions,
  formatAnswer,
  formatInstant,
  organisationTypeLabel,
  registrationStatusColor,
  registrationStatusLabel,
  roleLabel,
  roleOptions,
  visitorTimeZone,
} from './event-labels.ts';
import { exportUrl, useApproveRegistration, useRegistrations, type RegistrationFilters } from './events-api.ts';
import { ManualRegistrationModal } from './manual-registration-modal.tsx';
import { MessagesModal } from './messages-modal.tsx';
import { RejectModal } from './reject-modal.tsx';

/** `/events/:id/registrations`: the organiser's table of registrations with filters, actions, import and export. */
export function RegistrationsPage() {
  return <EventFrame current="registrations">{(event) => <Registrations event={event} />}</EventFrame>;
}

function Registrations({ event }: { event: EventView }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('events.registrations.pageTitle', { title: event.title }));
  const { get, update, page } = useFilterParams();
  const status = registrationStatusSchema.safeParse(get('status'));
  const role = participantRoleSchema.safeParse(get('role'));
  const country = get('country');
  const [text, setText] = useSearchText(get('q'), (q) => update({ q }));
  const filters: RegistrationFilters = {
    status: status.success ? [status.data] : undefined,
    role: role.success ? [role.data] : undefined,
    country: country ? [country] : undefined,
    q: get('q') || undefined,
  };
  const registrations = useRegistrations(event.id, { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const [adding, setAdding] = useState(false);
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('events.registrations.heading')}</Title>
        <Group gap="xs">
          {event.status !== 'cancelled' && (
            <Button onClick={() => setAdding(true)} data-testid="registration-add">
              {t('events.registrations.add')}
            </Button>
          )}
          {EXPORT_FORMATS.map((format) => (
            <Button key={format} component="a" variant="default" href={exportUrl(event.id, format, filters)} download data-testid={`export-${format}`}>
              {t('events.registrations.export', { format: format.toUpperCase() })}
            </Button>
          ))}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" maw={820}>
        {t('events.registrations.exportHint')}
      </Text>
      <Paper withBorder p="md">
        <form role="search" aria-label={t('events.registrations.filters')} onSubmit={(e) => e.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('events.registrations.status')}
              value={status.success ? status.data : ''}
              onChange={(e) => update({ status: e.currentTarget.value })}
              data={[
                { value: '', label: t('events.registrations.anyStatus') },
                ...REGISTRATION_STATUSES.map((value) => ({ value, label: `${registrationStatusLabel(value, i18n.language)} (${event.counts[value]})` })),
              ]}
              data-testid="registrations-filter-status"
            />
            <Select
              inputWrapperOrder={FILTER_ORDER}
              label={t('events.registrant.country')}
              placeholder={t('events.registrations.anyCountry')}
              searchable
              clearable
              // Mantine hides the clear button from keyboards and screen readers; a searchable Select
              // cannot be emptied by deleting its text, so without this the filter could not be removed.
              clearButtonProps={{ 'aria-label': t('events.registrations.clearCountry'), 'aria-hidden': false, tabIndex: 0 }}
              value={country || null}
              onChange={(value) => update({ country: value ?? '' })}
              data={countries}
              limit={50}
              nothingFoundMessage={t('events.registrant.noCountry')}
              data-testid="registrations-filter-country"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('events.registrant.role')}
              value={role.success ? role.data : ''}
              onChange={(e) => update({ role: e.currentTarget.value })}
              data={[{ value: '', label: t('events.registrations.anyRole') }, ...roleOptions(i18n.language)]}
              data-testid="registrations-filter-role"
            />
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="search"
              label={t('events.registrations.search')}
              description={t('events.registrations.searchHint')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="registrations-filter-q"
            />
          </SimpleGrid>
        </form>
      </Paper>
      <ErrorAlert error={registrations.error} onRetry={() => void registrations.refetch()} />
      {registrations.isPending && <PageLoader />}
      {registrations.data &&
        (registrations.data.total === 0 ? (
          <Text data-testid="registrations-empty">{filtered ? t('events.registrations.noMatch') : t('events.registrations.none')}</Text>
        ) : (
          <>
            <RegistrationsTable event={event} items={registrations.data.items} total={registrations.data.total} busy={registrations.isPlaceholderData} />
            <Paging page={page} total={registrations.data.total} onChange={(next) => update({ page: String(next) })} label={t('events.registrations.paging')} />
          </>
        ))}
      {event.status !== 'cancelled' && <AttendanceImport eventId={event.id} />}
      <ManualRegistrationModal event={event} opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function RegistrationsTable({ event, items, total, busy }: { event: EventView; items: Registration[]; total: number; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const zone = visitorTimeZone();
  const approve = useApproveRegistration(event.id);
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const [reading, setReading] = useState<Registration | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy} data-testid="registrations-table">
          <Table.Caption>{t('events.registrations.caption', { count: total, zone })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('events.registrant.name')}</Table.Th>
              <Table.Th scope="col">{t('events.registrant.organisation')}</Table.Th>
              <Table.Th scope="col">{t('events.registrant.country')}</Table.Th>
              <Table.Th scope="col">{t('events.registrant.role')}</Table.Th>
              <Table.Th scope="col">{t('events.registrations.status')}</Table.Th>
              {event.questions.length > 0 && <Table.Th scope="col">{t('events.registrations.answers')}</Table.Th>}
              <Table.Th scope="col">{t('events.registrations.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((registration) => (
              <Table.Tr key={registration.id} data-testid="registration-row" data-email={registration.email ?? ''} data-status={registration.status}>
                <Table.Td style={{ overflowWrap: 'break-word', minWidth: 190, maxWidth: 260 }}>
                  <Text size="sm" fw={600}>
                    {registration.anonymisedAt ? t('events.registrations.anonymised') : registration.name}
                  </Text>
                  {registration.email && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {registration.email}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('events.registrations.registeredAt', { time: formatInstant(registration.createdAt, zone, i18n.language) })}
                  </Text>
                  {registration.source === 'organiser' && (
                    <Text size="xs" c="dimmed">
                      {t('events.registrations.addedByHand')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'break-word', minWidth: 150 }}>
                  <Text size="sm">{registration.organisation}</Text>
                  {registration.organisationType && (
                    <Text size="xs" c="dimmed">
                      {organisationTypeLabel(registration.organisationType, i18n.language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{countryName(registration.country, i18n.language)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{roleLabel(registration.role, i18n.language)}</Text>
                </Table.Td>
                <Table.Td style={{ minWidth: 150 }}>
                  <Badge color={registrationStatusColor(registration.status)} variant="light" data-testid="registration-status">
                    {registrationStatusLabel(registration.status, i18n.language)}
                  </Badge>
                  {registration.waitingPosition !== null && (
                    <Text size="xs" c="dimmed">
                      {t('events.registrations.position', { position: registration.waitingPosition })}
                    </Text>
                  )}
                  {registration.offerExpiresAt && (
                    <Text size="xs" c="dimmed">
                      {t('events.registrations.offerUntil', { time: formatInstant(registration.offerExpiresAt, zone, i18n.language) })}
                    </Text>
                  )}
                </Table.Td>
                {event.questions.length > 0 && (
                  <Table.Td style={{ overflowWrap: 'break-word', minWidth: 160 }}>
                    {event.questions.map((question) =>
                      registration.answers[question.id] === undefined ? null : (
                        <Text key={question.id} size="xs">
                          <Text span fw={600} size="xs">
                            {/[?:!.]$/.test(question.label.trim()) ? question.label : `${question.label}:`}
                          </Text>{' '}
                          {formatAnswer(registration.answers[question.id], t('common.yes'), t('common.no'))}
                        </Text>
                      ),
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  <Stack gap={6} align="flex-start">
                    {registration.allowed.approve && (
                      <Button
                        size="xs"
                        loading={approve.isPending && approve.variables === registration.id}
                        onClick={() =>
                          approve.mutate(registration.id, {
                            onSuccess: (approved) => notifySuccess(t('events.registrations.approved', { name: approved.name, status: registrationStatusLabel(approved.status, i18n.language) })),
                            onError: (error) => notifyFailure(t('events.registrations.approveFailed'), describeError(error, t)),
                          })
                        }
                        aria-label={t('events.registrations.approveNamed', { name: registration.name })}
                        data-testid="registration-approve"
                      >
                        {t('events.registrations.approve')}
                      </Button>
                    )}
                    {registration.allowed.reject && (
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        onClick={() => setRejecting(registration)}
                        aria-label={t('events.registrations.rejectNamed', { name: registration.name })}
                        data-testid="registration-reject"
                      >
                        {t('events.registrations.reject')}
                      </Button>
                    )}
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => setReading(registration)}
                      aria-label={t('events.registrations.messagesNamed', { name: registration.name || registration.id })}
                      data-testid="registration-messages"
                    >
                      {t('events.registrations.messages')}
                    </Anchor>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RejectModal eventId={event.id} registration={rejecting} onClose={() => setRejecting(null)} />
      <MessagesModal eventId={event.id} registration={reading} onClose={() => setReading(null)} />
    </>
  );
}
