import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestSummary } from '../../../../domain/requests/api.ts';
import { countryName } from '../../ui/names.ts';
import { DueTimes } from './deadlines-section.tsx';
import { EmergencyBadge, RequestStatusBadge } from './request-badges.tsx';
import { counterpartKindLabel, deadlineKindLabel, requestTypeTitle } from './request-labels.ts';

/** Props of {@link RequestsTable}. */
export interface RequestsTableProps {
  items: RequestSummary[];
  /** Shown as the table's caption (what the rows are). */
  caption: string;
  /** Show the case column (the list of every request; a case's own tab leaves it out). */
  withCase?: boolean;
  busy?: boolean;
  testId?: string;
}

/** Requests, each reference linking to its page: type, direction, status, counterpart and next deadline. */
export function RequestsTable({ items, caption, withCase = false, busy = false, testId = 'requests-table' }: RequestsTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={withCase ? 820 : 740}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy} data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('requests.list.reference')}</Table.Th>
            {withCase && <Table.Th scope="col">{t('requests.list.case')}</Table.Th>}
            <Table.Th scope="col">{t('requests.list.type')}</Table.Th>
            <Table.Th scope="col">{t('requests.list.status')}</Table.Th>
            <Table.Th scope="col">{t('requests.list.counterpart')}</Table.Th>
            <Table.Th scope="col">{t('requests.list.nextDeadline')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid={`request-row-${item.reference}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/requests/${item.id}`} fw={600} ff="monospace">
                  {item.reference}
                </Anchor>
              </Table.Td>
              {withCase && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/cases/${item.caseId}?tab=requests`} ff="monospace" size="sm">
                    {item.caseReference}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td style={{ minWidth: 160 }}>
                <Text size="sm">{requestTypeTitle(item.type, i18n.language)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`requests.direction.${item.direction}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <RequestStatusBadge status={item.status} testId="request-row-status" />
                  {item.emergency && <EmergencyBadge />}
                </Stack>
              </Table.Td>
              <Table.Td style={{ minWidth: 150, overflowWrap: 'anywhere' }}>
                {item.counterpart.name ? (
                  <>
                    <Text size="sm">{item.counterpart.name}</Text>
                    <Text size="xs" c="dimmed">
                      {[counterpartKindLabel(item.counterpart.kind, t), item.counterpart.country ? countryName(item.counterpart.country, i18n.language) : '']
                        .filter(Boolean)
                        .join(' — ')}
                    </Text>
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {item.nextDue ? (
                  <>
                    <Badge variant="outline" color="gray" tt="none" mb={4}>
                      {deadlineKindLabel(item.nextDue.kind, t)}
                    </Badge>
                    <DueTimes dueAt={item.nextDue.dueAt} counterpartZone={item.counterpart.timeZone} />
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('requests.list.noDeadline')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
