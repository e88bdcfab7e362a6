import { Anchor, Button, DataList, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Provider } from '../../../../domain/directory.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { SourceLinks } from '../../ui/external-links.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { useProvider } from './directory-api.ts';
import { FictitiousBadge, YesNo } from './entry-parts.tsx';

/** A service provider: who holds the data, where, for how long, and how it answers foreign requests. */
export function ProviderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const provider = useProvider(id);
  usePageTitle(provider.data?.name ?? t('provider.title'));

  if (provider.isPending) return <PageLoader />;
  if (provider.error instanceof ApiError && provider.error.code === 'not_found') {
    return (
      <Stack>
        <Title order={1}>{t('provider.notFoundTitle')}</Title>
        <Text>{t('provider.notFound')}</Text>
        <Anchor component={Link} to="/directory?tab=providers">
          {t('provider.backToDirectory')}
        </Anchor>
      </Stack>
    );
  }
  if (!provider.data) return <ErrorAlert error={provider.error} onRetry={() => void provider.refetch()} />;
  return <ProviderProfile provider={provider.data} />;
}

/** A label and its value, or "not stated" when the directory has nothing. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === undefined || children === null || children === false || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{empty ? <Text c="dimmed" size="sm">{t('provider.notStated')}</Text> : children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function ProviderProfile({ provider }: { provider: Provider }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useCountryNames();
  const countryLink = (code: string) => (
    <Anchor component={Link} to={`/countries/${code}`}>
      {nameOf(code)} ({code})
    </Anchor>
  );
  const portal = provider.lawEnforcementPortal;
  return (
    <Stack gap="xl" maw={1000}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/directory?tab=providers" size="sm">
            {t('provider.backToDirectory')}
          </Anchor>
          <Group gap="sm">
            <Title order={1} data-testid="provider-name">
              {provider.name}
            </Title>
            {provider.fictitious && <FictitiousBadge />}
          </Group>
          {provider.aliases.length > 0 && <Text>{t('provider.alsoKnownAs', { aliases: provider.aliases.join(', ') })}</Text>}
        </Stack>
        <Button component={Link} to={`/routes?provider=${provider.id}`} data-testid="provider-ask-route">
          {t('country.askAdvisor')}
        </Button>
      </Group>

      <Paper withBorder p="md" component="section" aria-labelledby="provider-entity-heading">
        <Title order={2} size="h3" id="provider-entity-heading" mb="sm">
          {t('provider.entityHeading')}
        </Title>
        <DataList labelWidth="16rem">
          <Fact label={t('provider.legalEntity')}>{provider.legalEntity}</Fact>
          <Fact label={t('provider.country')}>{countryLink(provider.country)}</Fact>
          <Fact label={t('provider.euEstablishment')}>
            {provider.euEstablishmentCountry && (
              <>
                {provider.euEstablishmentName ? `${provider.euEstablishmentName}, ` : ''}
                {countryLink(provider.euEstablishmentCountry)}
              </>
            )}
          </Fact>
          <Fact label={t('provider.address')}>
            {provider.address && <Text style={{ whiteSpace: 'pre-line' }}>{provider.address}</Text>}
          </Fact>
        </DataList>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="provider-requests-heading">
        <Title order={2} size="h3" id="provider-requests-heading" mb="sm">
          {t('provider.requestsHeading')}
        </Title>
        <DataList labelWidth="16rem">
          <Fact label={t('provider.portal')}>
            {portal &&
              (/^https?:\/\//i.test(portal) ? (
                <Anchor href={portal} target="_blank" rel="noopener noreferrer">
                  {portal}
                </Anchor>
              ) : (
                portal
              ))}
          </Fact>
          <Fact label={t('provider.acceptsDirectPreservation')}>
            <YesNo value={provider.acceptsDirectPreservation} />
          </Fact>
          <Fact label={t('provider.preservationDays')}>
            {provider.preservationDays ?? undefined}
          </Fact>
          <Fact label={t('provider.disclosesNonContentVoluntarily')}>
            <YesNo value={provider.disclosesNonContentVoluntarily} />
          </Fact>
          <Fact label={t('provider.directRequestsFrom')}>{provider.directRequestsFrom}</Fact>
          <Fact label={t('provider.userNotificationPolicy')}>{provider.userNotificationPolicy}</Fact>
        </DataList>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="provider-emergency-heading">
        <Title order={2} size="h3" id="provider-emergency-heading" mb="sm">
          {t('provider.emergencyHeading')}
        </Title>
        <DataList labelWidth="16rem">
          <Fact label={t('provider.emergencyProcedure')}>{provider.emergencyProcedure}</Fact>
          <Fact label={t('provider.emergencyContact')}>{provider.emergencyContact}</Fact>
        </DataList>
      </Paper>

      <Stack component="section" aria-labelledby="provider-data-heading">
        <Title order={2} size="h3" id="provider-data-heading">
          {t('provider.dataHeld')}
        </Title>
        {provider.dataHeld.length === 0 ? (
          <Text>{t('provider.noDataHeld')}</Text>
        ) : (
          <Table striped maw={700} data-testid="provider-data-held">
            <Table.Caption>{t('provider.dataHeldCaption', { name: provider.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('provider.category')}</Table.Th>
                <Table.Th scope="col">{t('provider.retention')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {provider.dataHeld.map((item, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{t(`dataCategories.${item.category}`)}</Table.Td>
                  <Table.Td>{item.retention || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('directory.source')}:
          </Text>
          <SourceLinks source={provider.source} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('provider.updatedAt', { time: formatDateTime(provider.updatedAt, i18n.language) })}
        </Text>
      </Stack>
    </Stack>
  );
}

