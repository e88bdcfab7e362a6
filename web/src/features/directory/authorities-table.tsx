import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Authority } from '../../../../domain/directory.ts';
import { languageList } from '../../ui/names.ts';
import { useNow } from '../../ui/time.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { AvailabilityInfo, ChannelList, FictitiousBadge } from './entry-parts.tsx';
import { RowActions } from './row-actions.tsx';

/** Props of {@link AuthoritiesTable}. */
export interface AuthoritiesTableProps {
  items: Authority[];
  total: number;
  canManage: boolean;
  /** The next page is loading; the current rows stay, marked busy. */
  busy: boolean;
  onEdit: (authority: Authority) => void;
  onDelete: (authority: Authority) => void;
}

/** The authorities found: who, where, when they answer (with their local time now) and how to reach them. */
export function AuthoritiesTable({ items, total, canManage, busy, onEdit, onDelete }: AuthoritiesTableProps) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { nameOf } = useCountryNames();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy} data-testid="directory-results">
        <Table.Caption>{t('directory.authoritiesCaption', { count: total })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('directory.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('directory.columns.kind')}</Table.Th>
            <Table.Th scope="col">{t('directory.columns.country')}</Table.Th>
            <Table.Th scope="col">{t('directory.columns.availability')}</Table.Th>
            <Table.Th scope="col">{t('directory.columns.channels')}</Table.Th>
            <Table.Th scope="col">{t('directory.columns.languages')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('directory.columns.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((authority) => (
            <Table.Tr key={authority.id} data-testid={`authority-row-${authority.id}`}>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Anchor component={Link} to={`/countries/${authority.country}#authority-${authority.id}`} fw={600}>
                    {authority.name}
                  </Anchor>
                  {authority.unit && (
                    <Text size="sm" c="dimmed">
                      {authority.unit}
                    </Text>
                  )}
                  {authority.fictitious && <FictitiousBadge />}
                </Stack>
              </Table.Td>
              <Table.Td>{t(`directory.kinds.${authority.kind}`)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/countries/${authority.country}`}>
                  {nameOf(authority.country)}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({authority.country})
                </Text>
              </Table.Td>
              <Table.Td>
                <AvailabilityInfo authority={authority} now={now} />
              </Table.Td>
              <Table.Td style={{ minWidth: 190 }}>
                <ChannelList channels={authority.channels} />
              </Table.Td>
              <Table.Td>{languageList(authority.languages, i18n.language)}</Table.Td>
              {canManage && (
                <Table.Td>
                  <RowActions
                    name={authority.name}
                    testId={`authority-${authority.id}`}
                    onEdit={() => onEdit(authority)}
                    onDelete={() => onDelete(authority)}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
