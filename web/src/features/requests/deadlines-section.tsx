import { Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInZone, type DeadlineAction } from '../../../../domain/deadlines.ts';
import type { DeadlineView, RequestView } from '../../../../domain/requests/api.ts';
import type { RequestType } from '../../../../domain/requests/types.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { regionalLocale } from '../../ui/format.ts';
import { DeadlineStateBadge } from './request-badges.tsx';
import { deadlineKindLabel, isDeadlineAction, userTimeZone } from './request-labels.ts';
import { useStartFollowUp, type StartFollowUp } from './use-start-follow-up.ts';

/** A deadline's due time in the reader's zone and, under it, in the counterpart's. */
export function DueTimes({ dueAt, counterpartZone }: { dueAt: string; counterpartZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.language);
  const mine = userTimeZone();
  return (
    <Stack gap={0} style={{ minWidth: 170 }}>
      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="due-mine">
        {formatInZone(dueAt, mine, locale)}
      </Text>
      {counterpartZone && counterpartZone !== mine && (
        <div data-testid="due-counterpart">
          <Text size="xs" c="dimmed">
            {t('requests.deadlines.there', { zone: counterpartZone })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatInZone(dueAt, counterpartZone, locale)}
          </Text>
        </div>
      )}
    </Stack>
  );
}

/** What a deadline action does with this request: a follow-up of a given type, or advice only. */
function followUpFor(action: DeadlineAction, request: RequestView): { type: RequestType; relation: 'extension' | 'follow_up' } | null {
  const offered = request.direction === 'outgoing' ? request.allowed.followUps : [];
  const find = (relation: 'extension' | 'follow_up', type?: RequestType) =>
    offered.find((followUp) => followUp.relation === relation && (type === undefined || followUp.type === type)) ?? null;
  switch (action) {
    case 'extend':
      return find('extension');
    case 'follow_up_mla':
      return find('follow_up', 'mla_subscriber');
    case 'follow_up_production':
      return find('follow_up', 'epoc');
    case 'follow_up_order_given_effect':
      return find('follow_up', 'p2_order_given_effect');
    case 'new_preservation':
    case 'chase':
    case 'escalate':
    case 'notify_requester':
      return null;
  }
}

/**
 * The time limits running on the request: due time in the reader's zone and the counterpart's,
 * where each stands, the rule with its article, and the next steps offered (extend, follow up).
 */
export function DeadlinesSection({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const report = request.deadlines;
  const start = useStartFollowUp(request);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-deadlines-heading" data-testid="request-deadlines">
      <Title order={2} size="h3" id="request-deadlines-heading" mb="sm">
        {t('requests.deadlines.heading')}
      </Title>
      {report.deadlines.length === 0 ? (
        <Text c="dimmed" data-testid="deadlines-none">
          {request.sentAt === null && request.direction === 'outgoing' ? t('requests.deadlines.notYet') : t('requests.deadlines.none')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="deadlines-list">
          <Text size="sm" c="dimmed">
            {t('requests.deadlines.caption', { zone: userTimeZone() })}
          </Text>
          {report.deadlines.map((deadline, index) => (
            <DeadlineCard key={`${deadline.kind}-${index}`} deadline={deadline} request={request} onStart={start} />
          ))}
        </Stack>
      )}
      {report.elapsed && (
        <Text size="sm" mt="sm" data-testid="deadlines-elapsed">
          {t('requests.deadlines.elapsed', { days: report.elapsed.days })}
        </Text>
      )}
      {report.notes.length > 0 && (
        <List size="sm" mt="sm" spacing={4}>
          {report.notes.map((note, index) => (
            <List.Item key={index}>{note}</List.Item>
          ))}
        </List>
      )}
      <ErrorAlert error={start.error} />
    </Paper>
  );
}

function DeadlineCard({ deadline, request, onStart }: { deadline: DeadlineView; request: RequestView; onStart: StartFollowUp }) {
  const { t } = useTranslation();
  const actions = (deadline.actions ?? []).filter(isDeadlineAction);
  const headingId = `deadline-${deadline.kind}-heading`;
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-labelledby={headingId} data-testid="deadline-row" data-kind={deadline.kind}>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3} size="h5" id={headingId}>
              {deadlineKindLabel(deadline.kind, t)}
            </Title>
            <DeadlineStateBadge state={deadline.state} />
          </Group>
          {!deadline.binding && (
            <Text size="xs" c="dimmed">
              {t('requests.deadlines.target')}
            </Text>
          )}
          <DueTimes dueAt={deadline.dueAt} counterpartZone={request.counterpart.timeZone} />
        </Stack>
        <Stack gap={2} style={{ gridColumn: 'span 1' }}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('requests.deadlines.rule')}
          </Text>
          <Text size="sm">{deadline.rule}</Text>
          <Text size="xs" c="dimmed">
            {deadline.source}
          </Text>
          {(deadline.notes ?? []).map((note, index) => (
            <Text key={index} size="xs">
              {note}
            </Text>
          ))}
        </Stack>
        {actions.length > 0 && (
          <Stack gap={6} align="flex-start">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {t('requests.deadlines.next')}
            </Text>
            {actions.map((action) => {
              const followUp = followUpFor(action, request);
              if (followUp) {
                return (
                  <Button
                    key={action}
                    size="compact-sm"
                    variant="light"
                    loading={onStart.pending === `${followUp.type}-${followUp.relation}`}
                    onClick={() => onStart.start(followUp.type, followUp.relation)}
                    data-testid={`deadline-action-${action}`}
                  >
                    {t(`requests.deadlines.actions.${action}`)}
                  </Button>
                );
              }
              return (
                <Text key={action} size="sm">
                  {t(`requests.deadlines.actions.${action}`)}
                </Text>
              );
            })}
          </Stack>
        )}
      </SimpleGrid>
    </Paper>
  );
}
