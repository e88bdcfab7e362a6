import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseSummary } from '../../../../domain/cases.ts';
import { formatDateTime } from '../../ui/format.ts';
import { CaseStatusBadge, HandlingBadge } from './case-badges.tsx';
import { offenceLabel } from './case-labels.ts';

/** Props of {@link CasesTable}. */
export interface CasesTableProps {
  items: CaseSummary[];
  total: number;
  /** The next page is loading; the current rows stay, marked busy. */
  busy: boolean;
}

/** The cases found, each reference linking to its page: the most recently changed first, best matches first when searching. */
export function CasesTable({ items, total, busy }: CasesTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy} data-testid="cases-table">
        <Table.Caption>{t('cases.caption', { count: total })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.fields.reference')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.title')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.status')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.handlingShort')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.offences')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid={`case-row-${item.reference}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/cases/${item.id}`} fw={600} ff="monospace">
                  {item.reference}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ minWidth: 200, overflowWrap: 'anywhere' }}>{item.title}</Table.Td>
              <Table.Td>
                <CaseStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <HandlingBadge code={item.handlingCode} />
              </Table.Td>
              <Table.Td style={{ minWidth: 200 }}>
                {item.offenceCategories.length === 0 ? (
                  <Text span c="dimmed" size="sm">
                    {t('cases.noOffences')}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {item.offenceCategories.map((category) => (
                      <Text key={category} size="sm">
                        {offenceLabel(category, i18n.language)}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.updatedAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
