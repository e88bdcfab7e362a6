import { Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  caseStatusSchema,
  handlingCodeSchema,
  offenceCategorySchema,
  teamRoleSchema,
  type TeamMember,
  type TimelineEvent,
} from '../../../../domain/cases.ts';
import { identifierKindSchema } from '../../../../domain/identifiers.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formatDateTime, formatUtcMillis } from '../../ui/format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { isRequestType, isTransitionId, requestTypeTitle, statusLabel, transitionLabel } from '../requests/request-labels.ts';
import { offenceLabel, personName } from './case-labels.ts';
import type { CaseTabProps } from './case-tabs.tsx';
import { useCaseTimeline } from './cases-api.ts';

/** Everything that happened in the case (the audit events naming it), newest first, with "load more". */
export function TimelineTab({ caseData }: CaseTabProps) {
  const { t } = useTranslation();
  const timeline = useCaseTimeline(caseData.id);
  const events = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="case-timeline-heading">
      <Title order={2} size="h3" id="case-timeline-heading">
        {t('cases.timeline.heading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('cases.timeline.intro')}
      </Text>
      {timeline.isPending && <PageLoader />}
      {!timeline.isPending && !timeline.data && <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.data &&
        (events.length === 0 ? (
          <Text>{t('cases.timeline.none')}</Text>
        ) : (
          <>
            <TimelineTable events={events} team={caseData.team} />
            {timeline.isFetchNextPageError && <ErrorAlert error={timeline.error} />}
            {timeline.hasNextPage ? (
              <Button
                variant="default"
                loading={timeline.isFetchingNextPage}
                onClick={() => void timeline.fetchNextPage()}
                style={{ alignSelf: 'center' }}
                data-testid="timeline-more"
              >
                {t('cases.timeline.more')}
              </Button>
            ) : (
              <Text ta="center" size="sm" c="dimmed">
                {t('cases.timeline.end')}
              </Text>
            )}
          </>
        ))}
    </Stack>
  );
}

/** A row of the timeline: one event, or a run of autosaves of the same draft by the same person. */
interface TimelineRow {
  event: TimelineEvent;
  /** How many saves the row stands for (1 for any other event). */
  count: number;
  /** The earliest event of the run. */
  since: string;
}

/**
 * Autosave audits every pause in typing; on the timeline a run of saves of one draft by one
 * person (with nothing else between them) reads as one line, "saved 11 times since 14:40".
 */
function groupAutosaves(events: readonly TimelineEvent[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const event of events) {
    const last = rows[rows.length - 1];
    if (
      last &&
      event.action === 'request.update' &&
      last.event.action === 'request.update' &&
      last.event.actor === event.actor &&
      last.event.targetId === event.targetId
    ) {
      last.count += 1;
      last.since = event.occurredAt;
    } else {
      rows.push({ event, count: 1, since: event.occurredAt });
    }
  }
  return rows;
}

function TimelineTable({ events, team }: { events: TimelineEvent[]; team: readonly TeamMember[] }) {
  const { t, i18n } = useTranslation();
  const rows = groupAutosaves(events);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="sm" data-testid="case-timeline">
        <Table.Caption>{t('cases.timeline.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.timeline.when')}</Table.Th>
            <Table.Th scope="col">{t('cases.timeline.who')}</Table.Th>
            <Table.Th scope="col">{t('cases.timeline.what')}</Table.Th>
            <Table.Th scope="col">{t('cases.timeline.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ event, count, since }) => {
            const label = actionLabel(event.action, t);
            const details = describeDetails(event, t, i18n.language);
            return (
              <Table.Tr key={event.seq} data-testid="timeline-event" data-action={event.action}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={event.occurredAt} title={formatUtcMillis(event.occurredAt)}>
                    {formatDateTime(event.occurredAt, i18n.language)}
                  </time>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'break-word' }}>{personName(team, event.actor)}</Table.Td>
                <Table.Td>{label ?? <Code>{event.action}</Code>}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">
                    {count > 1 ? `${details} — ${t('cases.timeline.saves', { count, since: formatDateTime(since, i18n.language) })}` : details}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The action in words; `undefined` for an action this version does not know (shown as its code). */
function actionLabel(action: string, t: TFunction): string | undefined {
  switch (action) {
    case 'case.create':
      return t('cases.timeline.actions.create');
    case 'case.update':
      return t('cases.timeline.actions.update');
    case 'case.member.add':
      return t('cases.timeline.actions.memberAdd');
    case 'case.member.update':
      return t('cases.timeline.actions.memberUpdate');
    case 'case.member.remove':
      return t('cases.timeline.actions.memberRemove');
    case 'case.note.add':
      return t('cases.timeline.actions.noteAdd');
    case 'case.identifier.add':
      return t('cases.timeline.actions.identifierAdd');
    case 'case.identifier.merge':
      return t('cases.timeline.actions.identifierMerge');
    case 'case.identifier.remove':
      return t('cases.timeline.actions.identifierRemove');
    case 'request.create':
      return t('cases.timeline.actions.requestCreate');
    case 'request.update':
      return t('cases.timeline.actions.requestUpdate');
    case 'request.register':
      return t('cases.timeline.actions.requestRegister');
    case 'request.document.generate':
      return t('cases.timeline.actions.documentGenerate');
    case 'request.document.download':
      return t('cases.timeline.actions.documentDownload');
    default: {
      // request.<transition>: the transitions of domain/lifecycle.ts.
      const transition = action.startsWith('request.') ? action.slice('request.'.length) : '';
      return isTransitionId(transition) ? t('cases.timeline.actions.requestTransition', { action: transitionLabel(transition, t) }) : undefined;
    }
  }
}

/** A request event's details: the request's reference, then what it was about. */
function describeRequestDetails(event: TimelineEvent, t: TFunction, language: string): string {
  const details = event.details;
  const parts = [text(details['reference'])];
  const type = text(details['type']);
  if (type && isRequestType(type)) parts.push(requestTypeTitle(type, language));
  const from = text(details['from']);
  const to = text(details['to']);
  if (from && to) parts.push(`${statusLabel(from, t)} → ${statusLabel(to, t)}`);
  else if (from) parts.push(from);
  const format = text(details['format']);
  if (format) parts.push(`${format.toUpperCase()} (${text(details['language']) ?? ''}), v${text(details['version']) ?? ''}`);
  for (const key of ['decision', 'channel', 'reason']) {
    const value = text(details[key]);
    if (value) parts.push(value);
  }
  return parts.filter(Boolean).join(' — ');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** A changed field's value in words: statuses, codes and offences translated, the rest as stored. */
function fieldValue(field: string, value: unknown, t: TFunction, language: string): string {
  if (field === 'status') {
    const status = caseStatusSchema.safeParse(value);
    if (status.success) return t(`cases.status.${status.data}`);
  }
  if (field === 'handlingCode') {
    const code = handlingCodeSchema.safeParse(value);
    if (code.success) return code.data;
  }
  if (field === 'offenceCategories' && Array.isArray(value)) {
    if (value.length === 0) return t('cases.timeline.noneValue');
    return value
      .map((item) => {
        const category = offenceCategorySchema.safeParse(item);
        return category.success ? offenceLabel(category.data, language) : String(item);
      })
      .join(', ');
  }
  return text(value) ?? JSON.stringify(value);
}

function fieldName(field: string, t: TFunction): string {
  switch (field) {
    case 'title':
      return t('cases.fields.title');
    case 'summary':
      return t('cases.fields.summary');
    case 'offenceCategories':
      return t('cases.fields.offences');
    case 'handlingCode':
      return t('cases.fields.handlingCode');
    case 'status':
      return t('cases.fields.status');
    default:
      return field;
  }
}

function kindName(kind: unknown, t: TFunction): string {
  const parsed = identifierKindSchema.safeParse(kind);
  return parsed.success ? t(`cases.identifiers.kinds.${parsed.data}`) : (text(kind) ?? '');
}

function teamRoleName(role: unknown, t: TFunction): string {
  const parsed = teamRoleSchema.safeParse(role);
  return parsed.success ? t(`cases.teamRoles.${parsed.data}`) : (text(role) ?? '');
}

/** What the event's details say, in a line: who joined, which identifier, what changed from what to what. */
function describeDetails(event: TimelineEvent, t: TFunction, language: string): string {
  const details = event.details;
  switch (event.action) {
    case 'case.create':
      return [text(details['reference']), text(details['title'])].filter(Boolean).join(' — ');
    case 'case.update': {
      const changes = details['changes'];
      if (typeof changes !== 'object' || changes === null) return '';
      return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)
        .map(([field, change]) =>
          field === 'summary'
            ? t('cases.timeline.summaryChanged')
            : t('cases.timeline.change', {
                field: fieldName(field, t),
                from: fieldValue(field, change.from, t, language),
                to: fieldValue(field, change.to, t, language),
              }),
        )
        .join('; ');
    }
    case 'case.member.add':
    case 'case.member.update':
      return t('cases.timeline.member', { email: text(details['email']) ?? '', role: teamRoleName(details['teamRole'], t) });
    case 'case.member.remove':
      return text(details['email']) ?? '';
    case 'case.note.add':
      return t('cases.timeline.noteLength', { count: Number(details['length'] ?? 0) });
    case 'case.identifier.add':
    case 'case.identifier.merge':
    case 'case.identifier.remove':
      return t('cases.timeline.identifier', { kind: kindName(details['kind'], t), display: text(details['display']) ?? '' });
    default:
      if (event.action.startsWith('request.')) return describeRequestDetails(event, t, language);
      return Object.entries(details)
        .filter(([key, value]) => key !== 'caseId' && text(value) !== undefined)
        .map(([key, value]) => `${key}: ${text(value) ?? ''}`)
        .join('; ');
  }
}
