import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../domain/api.ts';
import { formatUtcMillis } from '../../ui/format.ts';

const OUTCOME_COLOURS: Record<AuditEvent['outcome'], string> = {
  success: 'green',
  failure: 'red',
  denied: 'orange',
};

/** Audit events as a table, one row per event, in the order given (newest first). */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.seq')}</Table.Th>
            <Table.Th scope="col">{t('audit.time')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.target')}</Table.Th>
            <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
            <Table.Th scope="col">{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.seq}>
              <Table.Td ff="monospace">{event.seq}</Table.Td>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {formatUtcMillis(event.occurredAt)}
              </Table.Td>
              <Table.Td title={event.actorId ?? undefined}>{event.actorLabel}</Table.Td>
              <Table.Td>
                <Code>{event.action}</Code>
              </Table.Td>
              <Table.Td>
                {event.targetType ? (
                  <Text size="sm" style={{ wordBreak: 'break-all' }}>
                    {event.targetType}
                    {event.targetId && ` ${event.targetId}`}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOURS[event.outcome]}>{t(`audit.outcomes.${event.outcome}`)}</Badge>
              </Table.Td>
              <Table.Td ff="monospace">{event.ip ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
