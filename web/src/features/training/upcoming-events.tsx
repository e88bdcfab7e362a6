import { Anchor, Badge, Button, Card, Group, Loader, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EVENT_WEB_PATHS, type UpcomingEvent } from '../../../../domain/events.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { languageName } from '../../ui/names.ts';
import { useCan } from '../auth/session.ts';
import { formatInstant, formatSpan, visitorTimeZone } from '../events/event-labels.ts';
import { useUpcomingEvents } from '../events/events-api.ts';

/** Cards shown at first and added by each "show more": a few, so the catalogue stays in view. */
const STEP = 6;
/** The contract's largest page. */
const MAX = 100;

/**
 * "Upcoming webinars and conferences" on the training page: the published events of every
 * organisation that have not started, soonest first, each with its organiser, its time in the
 * reader's zone (and the event's own zone named), language, seats and a link to the public
 * registration page — the same page every registrant uses, since a registration is tied to an
 * e-mail address, not to an account. Organisers also get a link to their Events section.
 */
export function UpcomingEvents() {
  const { t } = useTranslation();
  const canOrganise = useCan('event.manage');
  const [limit, setLimit] = useState(STEP);
  const upcoming = useUpcomingEvents({ limit });
  const zone = visitorTimeZone();

  return (
    <Paper component="section" aria-labelledby="upcoming-events-title" withBorder p="md" bg="gray.0" data-testid="upcoming-events">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="md">
          <Title order={2} size="h3" id="upcoming-events-title">
            {t('training.upcoming.title')}
          </Title>
          <Group gap="md">
            {canOrganise && (
              <Anchor component={Link} to="/events" size="sm" data-testid="training-events-link">
                {t('training.eventsLink')}
              </Anchor>
            )}
            <Anchor component={Link} to="/public/training" size="sm" data-testid="training-public-link">
              {t('training.publicPageLink')}
            </Anchor>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" maw={820}>
          {t('training.upcoming.intro', { zone })}
        </Text>

        <ErrorAlert error={upcoming.error} onRetry={() => void upcoming.refetch()} />
        {upcoming.isPending && (
          <Group role="status" py="sm">
            <Loader size="sm" />
            <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
          </Group>
        )}
        {upcoming.data &&
          (upcoming.data.total === 0 ? (
            <Text size="sm" data-testid="upcoming-empty">
              {t('training.upcoming.empty')}
            </Text>
          ) : (
            <>
              <SimpleGrid
                cols={{ base: 1, sm: 2, lg: 3 }}
                spacing="sm"
                component="ul"
                aria-label={t('training.upcoming.list')}
                aria-busy={upcoming.isPlaceholderData}
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
              >
                {upcoming.data.items.map((event) => (
                  <UpcomingEventCard key={event.slug} event={event} zone={zone} />
                ))}
              </SimpleGrid>
              {upcoming.data.total > upcoming.data.items.length && limit < MAX && (
                <Group>
                  <Button variant="subtle" size="compact-sm" onClick={() => setLimit((n) => Math.min(MAX, n + STEP))} data-testid="upcoming-more">
                    {t('training.upcoming.more', { count: upcoming.data.total - upcoming.data.items.length })}
                  </Button>
                </Group>
              )}
            </>
          ))}
      </Stack>
    </Paper>
  );
}

/** Whether one can register now, and how: seats left, waiting list, not yet open, closed. */
function registrationLine(event: UpcomingEvent, t: TFunction, zone: string, language: string): { text: string; color: string } {
  switch (event.registrationState) {
    case 'closed':
      return { text: t('training.upcoming.closed'), color: 'gray' };
    case 'not_open':
      return { text: t('training.upcoming.notOpen', { time: formatInstant(event.registrationOpensAt, zone, language) }), color: 'blue' };
    case 'open':
      return event.full
        ? { text: t('training.upcoming.full'), color: 'orange' }
        : { text: t('training.upcoming.seatsLeft', { left: event.seatsLeft, capacity: event.capacity }), color: 'green' };
  }
}

function UpcomingEventCard({ event, zone }: { event: UpcomingEvent; zone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const registration = registrationLine(event, t, zone, language);
  const open = event.registrationState === 'open';
  return (
    <Card component="li" withBorder padding="sm" data-testid={`upcoming-event-${event.slug}`}>
      <Stack gap={6} h="100%">
        <Group gap={6}>
          <Badge variant="light" color="grape" tt="none">
            {t(`events.kind.${event.kind}`)}
          </Badge>
          <Badge variant="light" color={registration.color} tt="none" data-testid="upcoming-seats">
            {registration.text}
          </Badge>
        </Group>
        <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }} data-testid="upcoming-title">
          {event.title}
        </Title>
        <Text size="sm" c="dimmed" data-testid="upcoming-organiser">
          {event.organiser}
        </Text>
        <Text size="sm" fw={500} data-testid="upcoming-time">
          {formatSpan(event.startsAt, event.endsAt, zone, language)}
        </Text>
        <Text size="xs" c="dimmed" data-testid="upcoming-event-zone">
          {event.timeZone === zone
            ? t('training.upcoming.sameZone', { zone: event.timeZone })
            : t('training.upcoming.eventZone', { zone: event.timeZone, time: formatSpan(event.startsAt, event.endsAt, event.timeZone, language) })}
        </Text>
        <Text size="sm" data-testid="upcoming-language">
          <Text span fw={600}>
            {t('training.upcoming.language')}
            {t('training.colon')}
          </Text>
          {[languageName(event.language, language), event.interpretationNote].filter(Boolean).join(' · ')}
        </Text>
        {event.requiresApproval && open && (
          <Text size="xs" c="dimmed">
            {t('training.upcoming.approval')}
          </Text>
        )}
        <Group mt="auto" pt={4}>
          <Button
            component={Link}
            to={EVENT_WEB_PATHS.event(event.slug)}
            size="xs"
            variant={open ? 'filled' : 'default'}
            aria-label={open ? t('training.upcoming.registerFor', { title: event.title }) : t('training.upcoming.viewEvent', { title: event.title })}
            data-testid="upcoming-register"
          >
            {open ? t('training.upcoming.register') : t('training.upcoming.view')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
