import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Provider } from '../../../../domain/directory.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { FictitiousBadge, YesNo } from './entry-parts.tsx';
import { RowActions } from './row-actions.tsx';

/** Props of {@link ProvidersTable}. */
export interface ProvidersTableProps {
  items: Provider[];
  total: number;
  canManage: boolean;
  busy: boolean;
  onEdit: (provider: Provider) => void;
  onDelete: (provider: Provider) => void;
}

/** The providers found, each linking to its profile. */
export function ProvidersTable({ items, total, canManage, busy, onEdit, onDelete }: ProvidersTableProps) {
  const { t } = useTranslation();
  const { nameOf } = useCountryNames();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={busy} data-testid="directory-results">
        <Table.Caption>{t('directory.providersCaption', { count: total })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('directory.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('provider.legalEntity')}</Table.Th>
            <Table.Th scope="col">{t('directory.columns.country')}</Table.Th>
            <Table.Th scope="col">{t('provider.euEstablishment')}</Table.Th>
            <Table.Th scope="col">{t('provider.preservationShort')}</Table.Th>
            <Table.Th scope="col">{t('provider.directPreservationShort')}</Table.Th>
            <Table.Th scope="col">{t('provider.voluntaryShort')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('directory.columns.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((provider) => (
            <Table.Tr key={provider.id} data-testid={`provider-row-${provider.id}`}>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Anchor component={Link} to={`/providers/${provider.id}`} fw={600}>
                    {provider.name}
                  </Anchor>
                  {provider.aliases.length > 0 && (
                    <Text size="sm" c="dimmed">
                      {provider.aliases.join(', ')}
                    </Text>
                  )}
                  {provider.fictitious && <FictitiousBadge />}
                </Stack>
              </Table.Td>
              <Table.Td>{provider.legalEntity}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/countries/${provider.country}`}>
                  {nameOf(provider.country)}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({provider.country})
                </Text>
              </Table.Td>
              <Table.Td>{provider.euEstablishmentCountry ? nameOf(provider.euEstablishmentCountry) : '—'}</Table.Td>
              <Table.Td>
                {provider.preservationDays === null ? '—' : provider.preservationDays}
              </Table.Td>
              <Table.Td>
                <YesNo value={provider.acceptsDirectPreservation} />
              </Table.Td>
              <Table.Td>
                <YesNo value={provider.disclosesNonContentVoluntarily} />
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <RowActions
                    name={provider.name}
                    testId={`provider-${provider.id}`}
                    onEdit={() => onEdit(provider)}
                    onDelete={() => onDelete(provider)}
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
