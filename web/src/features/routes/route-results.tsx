import { Anchor, Badge, Button, Collapse, DataList, Group, List, Paper, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Authority } from '../../../../domain/directory.ts';
import type { Advice, AdviseBody } from '../../../../domain/routes/api.ts';
import type { AddresseeKind } from '../../../../domain/routes/types.ts';
import { formatCalendarDate, useNow } from '../../ui/time.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { AvailabilityInfo, ChannelList, FictitiousBadge } from '../directory/entry-parts.tsx';
import { DraftRouteButton } from '../requests/draft-from-route.tsx';

type Route = Advice['routes'][number];

const ADDRESSEE_KINDS = [
  'contact_point_24_7',
  'central_authority',
  'judicial_authority',
  'provider',
  'registrar',
  'eurojust_national_desk',
  'domestic_authority',
] as const satisfies readonly AddresseeKind[];

function knownAddressee(kind: string): (typeof ADDRESSEE_KINDS)[number] | undefined {
  return ADDRESSEE_KINDS.find((candidate) => candidate === kind);
}

/** Props of {@link RouteResults}. */
export interface RouteResultsProps {
  advice: Advice;
  /** The question answered: a request drafted from a route takes its data category and emergency facts. */
  question?: AdviseBody;
}

/**
 * The advisor's answer: the available routes best first, each with its legal basis, time limit,
 * prerequisites, the reasons it is open and whom to contact; then the routes that are closed and why.
 * The heading takes the focus when the answer arrives, so keyboard and screen-reader users land on it.
 */
export const RouteResults = forwardRef<HTMLHeadingElement, RouteResultsProps>(function RouteResults({ advice, question }, headingRef) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useCountryNames();
  return (
    <Stack component="section" aria-labelledby="route-results-heading" data-testid="route-results">
      <Title order={2} id="route-results-heading" ref={headingRef} tabIndex={-1}>
        {t('routes.results.heading')}
      </Title>
      <Text>
        {t('routes.results.summary', {
          from: nameOf(advice.from),
          heldIn: nameOf(advice.heldIn),
          date: formatCalendarDate(advice.date, i18n.language),
          count: advice.routes.length,
        })}
      </Text>
      {advice.routes.length === 0 ? (
        <Paper withBorder p="md">
          <Text>{t('routes.results.none')}</Text>
        </Paper>
      ) : (
        <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('routes.results.rankedLabel')}>
          {advice.routes.map((route, index) => (
            <RouteCard key={route.id} route={route} position={index + 1} question={question} />
          ))}
        </Stack>
      )}
      <UnavailableRoutes routes={advice.unavailable} />
    </Stack>
  );
});

function RouteCard({ route, position, question }: { route: Route; position: number; question?: AdviseBody }) {
  const { t } = useTranslation();
  const { nameOf } = useCountryNames();
  const addressee = knownAddressee(route.addressee.kind);
  const articles = route.legalBasis.articles.join(', ');
  return (
    <Paper component="li" withBorder shadow="xs" p="md" data-testid={`route-card-${route.id}`}>
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={36} radius="xl" aria-hidden="true">
            <Text fw={700}>{position}</Text>
          </ThemeIcon>
          <Stack gap={2}>
            <Title order={3} size="h4">
              <VisuallyHidden component="span">{t('routes.results.rank', { rank: position })} </VisuallyHidden>
              {route.title}
            </Title>
            <Text size="sm">
              <Text span fw={600}>
                {route.legalBasis.instrument}
              </Text>
              {articles && ` — ${articles}`}
            </Text>
          </Stack>
        </Group>

        <Paper bg="blue.0" p="sm" radius="sm" data-testid="route-time-limit">
          <Text size="xs" tt="uppercase" fw={700} c="blue.9">
            {t('routes.results.timeLimit')}
          </Text>
          <Text fw={700} size="lg">
            {route.timeLimit.text}
          </Text>
        </Paper>

        <DataList labelWidth="10rem" size="sm">
          <DataList.Item>
            <DataList.ItemLabel>{t('routes.results.legalBasis')}</DataList.ItemLabel>
            <DataList.ItemValue>{route.legalBasis.citation}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('routes.results.channel')}</DataList.ItemLabel>
            <DataList.ItemValue>{route.channel}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('routes.results.addressee')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {addressee ? t(`routes.addressees.${addressee}`) : route.addressee.kind}
              {' — '}
              <Anchor component={Link} to={`/countries/${route.addressee.country}`}>
                {nameOf(route.addressee.country)}
              </Anchor>
              {route.provider && (
                <>
                  {' — '}
                  <Anchor component={Link} to={`/providers/${route.provider.id}`}>
                    {route.provider.name}
                  </Anchor>
                </>
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('routes.results.form')}</DataList.ItemLabel>
            <DataList.ItemValue>{route.form}</DataList.ItemValue>
          </DataList.Item>
        </DataList>

        {route.prerequisites.length > 0 && (
          <div>
            <Title order={4} size="h6">
              {t('routes.results.prerequisites')}
            </Title>
            <List size="sm" spacing={2} mt={4}>
              {route.prerequisites.map((item, index) => (
                <List.Item key={index}>{item}</List.Item>
              ))}
            </List>
          </div>
        )}
        <div>
          <Title order={4} size="h6">
            {t('routes.results.why')}
          </Title>
          <List size="sm" spacing={2} mt={4} data-testid="route-reasons">
            {route.reasons.map((item, index) => (
              <List.Item key={index}>{item}</List.Item>
            ))}
          </List>
        </div>
        <Contacts contacts={route.contacts} />
        <DraftRouteButton route={route} question={question} />
      </Stack>
    </Paper>
  );
}

function Contacts({ contacts }: { contacts: Authority[] }) {
  const { t } = useTranslation();
  const now = useNow();
  if (contacts.length === 0) return null;
  return (
    <div>
      <Title order={4} size="h6">
        {t('routes.results.contacts')}
      </Title>
      <Stack gap="xs" mt={4}>
        {contacts.map((contact) => (
          <Paper key={contact.id} withBorder p="xs" radius="sm">
            <Group gap="xs" mb={4}>
              <Anchor component={Link} to={`/countries/${contact.country}#authority-${contact.id}`} fw={600} size="sm">
                {contact.name}
              </Anchor>
              <Badge variant="outline" size="sm">
                {t(`directory.kinds.${contact.kind}`)}
              </Badge>
              {contact.fictitious && <FictitiousBadge />}
            </Group>
            <Group align="flex-start" gap="xl">
              <div>
                <AvailabilityInfo authority={contact} now={now} />
              </div>
              <ChannelList channels={contact.channels} />
            </Group>
          </Paper>
        ))}
      </Stack>
    </div>
  );
}

function UnavailableRoutes({ routes }: { routes: Advice['unavailable'] }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  if (routes.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="route-unavailable">
      <Title order={3} size="h4">
        <Button
          variant="subtle"
          onClick={toggle}
          aria-expanded={opened}
          aria-controls="route-unavailable-list"
          data-testid="route-unavailable-toggle"
          px={4}
        >
          {t(opened ? 'routes.results.hideUnavailable' : 'routes.results.showUnavailable', { count: routes.length })}
        </Button>
      </Title>
      <Collapse expanded={opened} id="route-unavailable-list">
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {routes.map((route) => (
            <Paper component="li" key={route.id} withBorder p="sm" data-testid={`route-unavailable-${route.id}`}>
              <Text fw={600}>{route.title}</Text>
              <List size="sm" spacing={2} mt={4}>
                {route.reasons.map((reason, index) => (
                  <List.Item key={index}>{reason}</List.Item>
                ))}
              </List>
            </Paper>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}
