import { Anchor, Badge, Button, DataList, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { MEMBERSHIP_STATUSES } from '../../../../domain/countries/treaties.ts';
import type { Authority, CountryProfile, Provider } from '../../../../domain/directory.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { SourceLinks } from '../../ui/external-links.tsx';
import { languageList } from '../../ui/names.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { formatCalendarDate, formatLocalTime, useNow } from '../../ui/time.ts';
import { AvailabilityInfo, ChannelList, FictitiousBadge, YesNo } from '../directory/entry-parts.tsx';
import { useCountryNames, useCountryProfile } from './countries-api.ts';

type Membership = CountryProfile['memberships'][number];

function isKnownStatus(status: string): status is (typeof MEMBERSHIP_STATUSES)[number] {
  return (MEMBERSHIP_STATUSES as readonly string[]).includes(status);
}

/**
 * A country: languages, time zones with the time there now, the treaties binding it (with dates
 * and sources), its authorities with their requirements, and the providers established there.
 */
export function CountryPage() {
  const { t } = useTranslation();
  const code = (useParams().code ?? '').toUpperCase();
  const { nameOf } = useCountryNames();
  const profile = useCountryProfile(code);
  const name = profile.data ? nameOf(code) : code;
  usePageTitle(name);
  useScrollToHash(profile.data !== undefined);

  if (profile.isPending) return <PageLoader />;
  if (profile.error instanceof ApiError && profile.error.code === 'not_found') {
    return (
      <Stack>
        <Title order={1}>{t('country.notFoundTitle')}</Title>
        <Text>{t('country.notFound', { code })}</Text>
        <Anchor component={Link} to="/directory">
          {t('country.backToDirectory')}
        </Anchor>
      </Stack>
    );
  }
  if (!profile.data) return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;
  const { country, memberships, authorities, providers } = profile.data;

  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/directory" size="sm">
            {t('country.backToDirectory')}
          </Anchor>
          <Title order={1} data-testid="country-name">
            {t('country.title', { name, code: country.code })}
          </Title>
        </Stack>
        <Button component={Link} to={`/routes?to=${country.code}`} data-testid="country-ask-route">
          {t('country.askAdvisor')}
        </Button>
      </Group>
      <CountryFacts profile={profile.data} />
      <TreatiesSection memberships={memberships} countryName={name} />
      <AuthoritiesSection authorities={authorities} countryName={name} />
      <ProvidersSection providers={providers} countryName={name} />
    </Stack>
  );
}

/** After the content has loaded, scrolls to the element the address's `#fragment` names. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash === '') return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}

function CountryFacts({ profile }: { profile: CountryProfile }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { country } = profile;
  const boundToday = profile.memberships.filter((membership) => membership.boundToday);
  return (
    <Paper withBorder p="md">
      <DataList labelWidth="14rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('country.languages')}</DataList.ItemLabel>
          <DataList.ItemValue>{country.languages.length > 0 ? languageList(country.languages, i18n.language) : '—'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('country.timeZones')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {country.timeZones.length === 0 ? (
              t('country.noTimeZone')
            ) : (
              <List listStyleType="none" spacing={4} data-testid="country-times">
                {zonesByLocalTime(country.timeZones, now, i18n.language).map(({ time, zones }) => (
                  <List.Item key={time}>
                    <Text span fw={600}>
                      {time}
                    </Text>{' '}
                    <Text span size="sm" c="dimmed">
                      {zones.map(zoneCity).join(', ')}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('country.boundToday')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {boundToday.length === 0 ? (
              t('country.noInstrument')
            ) : (
              <Group gap={6}>
                {boundToday.map((membership) => (
                  <Badge key={membership.instrument} variant="light" title={membership.instrumentName}>
                    {shortInstrumentName(membership, t)}
                  </Badge>
                ))}
              </Group>
            )}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Paper>
  );
}

/**
 * The time zones of a country grouped by the time it is there now (the United States has 29 zone
 * names but six local times), earliest first.
 */
function zonesByLocalTime(zones: readonly string[], now: Date, language: string): { time: string; zones: string[] }[] {
  const groups = new Map<string, { time: string; offset: number; zones: string[] }>();
  for (const zone of zones) {
    const time = formatLocalTime(now, zone, language) ?? zone;
    const group = groups.get(time) ?? { time, offset: utcOffsetMinutes(now, zone), zones: [] };
    group.zones.push(zone);
    groups.set(time, group);
  }
  return [...groups.values()].sort((a, b) => a.offset - b.offset);
}

/** Minutes east of UTC of `zone` at `now` (0 when the zone is unknown). */
function utcOffsetMinutes(now: Date, zone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(now)
      .reduce<Record<string, number>>((acc, part) => ({ ...acc, [part.type]: Number(part.value) }), {});
    const local = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
    return Math.round((local - now.getTime()) / 60_000);
  } catch {
    return 0;
  }
}

/** `America/Indiana/Knox` → "Indiana/Knox", `Europe/Paris` → "Paris". */
function zoneCity(zone: string): string {
  const parts = zone.split('/');
  return (parts.length > 1 ? parts.slice(1).join('/') : zone).replace(/_/g, ' ');
}

const SHORT_NAME_KEYS = ['budapest', 'budapest-p2', 'lanzarote', 'eu', 'eio', 'e-evidence', 'eurojust', 'interpol'] as const;

/** "Budapest Convention" rather than the treaty's full title; the full title when unknown. */
function shortInstrumentName(membership: Membership, t: TFunction): string {
  const key = SHORT_NAME_KEYS.find((candidate) => candidate === membership.instrument);
  return key === undefined ? membership.instrumentName : t(`treaties.${key}`);
}

function TreatiesSection({ memberships, countryName }: { memberships: Membership[]; countryName: string }) {
  const { t, i18n } = useTranslation();
  const date = (value: string | null) => formatCalendarDate(value, i18n.language);
  return (
    <Stack component="section" aria-labelledby="treaties-heading">
      <Title order={2} id="treaties-heading">
        {t('country.treaties')}
      </Title>
      {memberships.length === 0 ? (
        <Text>{t('country.noTreaties')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1000} type="native">
          <Table striped verticalSpacing="sm" horizontalSpacing="xs" fz="sm" data-testid="country-treaties">
            <Table.Caption>{t('country.treatiesCaption', { name: countryName })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('country.columns.instrument')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.signed')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.ratified')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.inForce')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.boundToday')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.source')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.checked')}</Table.Th>
                <Table.Th scope="col">{t('country.columns.notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {memberships.map((membership) => (
                <Table.Tr key={membership.instrument} data-testid={`treaty-row-${membership.instrument}`}>
                  <Table.Th scope="row" fw={600} style={{ width: 190 }}>
                    <Text size="sm" fw={600}>
                      {shortInstrumentName(membership, t)}
                    </Text>
                    <Text size="xs" c="dimmed" fw={400}>
                      {membership.instrumentName}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    {isKnownStatus(membership.status) ? t(`country.status.${membership.status}`) : membership.status}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(membership.signed)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(membership.ratified)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(membership.inForce)}</Table.Td>
                  <Table.Td>
                    <BoundMark bound={membership.boundToday} />
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 170 }}>
                    <SourceLinks source={membership.source} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(membership.checkedAt)}</Table.Td>
                  <Table.Td style={{ minWidth: 220 }}>
                    <Text size="sm">{membership.notes ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** ✓ or ✗, with the word for screen readers (the glyph alone is announced oddly or not at all). */
function BoundMark({ bound }: { bound: boolean }) {
  const { t } = useTranslation();
  return (
    <Text span fw={700} c={bound ? 'green.9' : 'red.9'} size="lg">
      <span aria-hidden="true">{bound ? '✓' : '✗'}</span>
      <VisuallyHidden>{bound ? t('common.yes') : t('common.no')}</VisuallyHidden>
    </Text>
  );
}

function AuthoritiesSection({ authorities, countryName }: { authorities: Authority[]; countryName: string }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Stack component="section" aria-labelledby="authorities-heading" data-testid="country-authorities">
      <Title order={2} id="authorities-heading">
        {t('country.authorities')}
      </Title>
      {authorities.length === 0 ? (
        <Text>{t('country.noAuthorities', { name: countryName })}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {authorities.map((authority) => (
            <AuthorityCard key={authority.id} authority={authority} now={now} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** One authority with everything a requesting State must know before sending anything. */
export function AuthorityCard({ authority, now, headingOrder = 3 }: { authority: Authority; now: Date; headingOrder?: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" id={`authority-${authority.id}`} data-testid={`authority-card-${authority.id}`} style={{ scrollMarginTop: 80 }}>
      <Stack gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge variant="outline">{t(`directory.kinds.${authority.kind}`)}</Badge>
            {authority.fictitious && <FictitiousBadge />}
          </Group>
          <Title order={headingOrder} size="h4">
            {authority.name}
          </Title>
          {authority.unit && <Text size="sm">{authority.unit}</Text>}
        </Stack>
        <DataList labelWidth="11rem" size="sm">
          <DataList.Item>
            <DataList.ItemLabel>{t('directory.columns.availability')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <AvailabilityInfo authority={authority} now={now} />
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('directory.columns.channels')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <ChannelList channels={authority.channels} />
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('directory.languagesAccepted')}</DataList.ItemLabel>
            <DataList.ItemValue>{languageList(authority.languages, i18n.language)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('directory.encryptionRequired')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <YesNo value={authority.encryptionRequired} />
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('directory.eSignatureRequired')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <YesNo value={authority.eSignatureRequired} />
            </DataList.ItemValue>
          </DataList.Item>
          {authority.requirements && (
            <DataList.Item>
              <DataList.ItemLabel>{t('directory.requirements')}</DataList.ItemLabel>
              <DataList.ItemValue>{authority.requirements}</DataList.ItemValue>
            </DataList.Item>
          )}
          {authority.notes && (
            <DataList.Item>
              <DataList.ItemLabel>{t('directory.notes')}</DataList.ItemLabel>
              <DataList.ItemValue>{authority.notes}</DataList.ItemValue>
            </DataList.Item>
          )}
          {authority.source && (
            <DataList.Item>
              <DataList.ItemLabel>{t('directory.source')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <SourceLinks source={authority.source} />
              </DataList.ItemValue>
            </DataList.Item>
          )}
        </DataList>
      </Stack>
    </Paper>
  );
}

function ProvidersSection({ providers, countryName }: { providers: Provider[]; countryName: string }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="providers-heading" data-testid="country-providers">
      <Title order={2} id="providers-heading">
        {t('country.providers')}
      </Title>
      {providers.length === 0 ? (
        <Text>{t('country.noProviders', { name: countryName })}</Text>
      ) : (
        <List spacing="xs">
          {providers.map((provider) => (
            <List.Item key={provider.id}>
              <Group gap="xs">
                <Anchor component={Link} to={`/providers/${provider.id}`} fw={600}>
                  {provider.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {provider.legalEntity}
                </Text>
                {provider.fictitious && <FictitiousBadge />}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
