import { Paper, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { formatDateTime } from '../../ui/format.ts';
import { isCannotExecuteGround, payloadFieldLabel, statusLabel, transitionLabel } from './request-labels.ts';

type HistoryEntry = RequestView['history'][number];

function payloadLine(key: string, value: unknown, t: TFunction, language: string): string {
  const shown =
    key === 'ground' && typeof value === 'string' && isCannotExecuteGround(value)
      ? t(`requests.grounds.${value}`)
      : key === 'occurredAt' && typeof value === 'string'
        ? formatDateTime(value, language)
        : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  return `${payloadFieldLabel(key, t)}: ${shown}`;
}

/** What happened to the request, oldest first: each transition with who fired it, when, and what it carried. */
export function HistorySection({ request }: { request: RequestView }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-history-heading" data-testid="request-history">
      <Title order={2} size="h3" id="request-history-heading" mb="sm">
        {t('requests.history.heading')}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" striped data-testid="history-table">
          <Table.Caption>{t('requests.history.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('requests.history.when')}</Table.Th>
              <Table.Th scope="col">{t('requests.history.who')}</Table.Th>
              <Table.Th scope="col">{t('requests.history.what')}</Table.Th>
              <Table.Th scope="col">{t('requests.history.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.history.map((entry: HistoryEntry, index) => (
              <Table.Tr key={`${entry.at}-${index}`} data-testid="history-row" data-transition={entry.transition}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, i18n.language)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.actor}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {transitionLabel(entry.transition, t)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {entry.from === 'new' ? statusLabel(entry.to, t) : `${statusLabel(entry.from, t)} → ${statusLabel(entry.to, t)}`}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {Object.entries(entry.payload).map(([key, value]) => (
                    <Text key={key} size="sm">
                      {payloadLine(key, value, t, i18n.language)}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
