import { Alert, Anchor, Badge, Box, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EventView } from '../../../../domain/events.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { eventStatusColor, formatInstant, visitorTimeZone } from './event-labels.ts';
import { useEvent } from './events-api.ts';

/** The organiser's pages of one event, as the sub-navigation lists them. */
export const EVENT_TABS = ['details', 'registrations', 'statistics'] as const;
/** One of {@link EVENT_TABS}. */
export type EventTab = (typeof EVENT_TABS)[number];

const TAB_PATHS: Record<EventTab, string> = { details: '', registrations: '/registrations', statistics: '/statistics' };

/** Props of {@link EventFrame}. */
export interface EventFrameProps {
  current: EventTab;
  children: (event: EventView) => ReactNode;
}

/**
 * The frame of an organiser's event page: loads the event (404: not found or another
 * organisation's), shows its title, status, dates and public address, and links its pages.
 */
export function EventFrame({ current, children }: EventFrameProps) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const event = useEvent(id);
  if (event.isPending) return <PageLoader />;
  if (event.isError) {
    if (event.error instanceof ApiError && (event.error.status === 404 || event.error.code === 'validation_failed')) return <EventNotFound />;
    return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  }
  const data = event.data;
  return (
    <Stack gap="lg">
      <EventHeading event={data} />
      <Box component="nav" aria-label={t('events.tabs.label')}>
        <Group gap="xs">
          {EVENT_TABS.map((tab) => (
            <Button
              key={tab}
              component={Link}
              to={`/events/${data.id}${TAB_PATHS[tab]}`}
              variant={tab === current ? 'filled' : 'default'}
              aria-current={tab === current ? 'page' : undefined}
              data-testid={`event-tab-${tab}`}
            >
              {t(`events.tabs.${tab}`)}
            </Button>
          ))}
          <Button component={Link} to={`/events/${data.id}/print`} variant="default" data-testid="event-tab-print">
            {t('events.tabs.print')}
          </Button>
        </Group>
      </Box>
      {children(data)}
    </Stack>
  );
}

function EventHeading({ event }: { event: EventView }) {
  const { t, i18n } = useTranslation();
  const zone = visitorTimeZone();
  return (
    <Stack gap={6}>
      <Anchor component={Link} to="/events" size="sm">
        {t('events.backToList')}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {event.title}
        </Title>
        <Badge color={eventStatusColor(event.status)} variant="light" size="lg" data-testid="event-status">
          {t(`events.status.${event.status}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {t(`events.kind.${event.kind}`)} · {formatInstant(event.startsAt, zone, i18n.language)}
        {event.timeZone !== zone && ` · ${t('events.list.there', { time: formatInstant(event.startsAt, event.timeZone, i18n.language), zone: event.timeZone })}`}
      </Text>
      {event.status !== 'draft' && (
        <Text size="sm">
          {t('events.publicPage')}{' '}
          <Anchor href={event.publicUrl} target="_blank" rel="noopener" data-testid="event-public-link" style={{ overflowWrap: 'anywhere' }}>
            {event.publicUrl}
            <VisuallyHidden>{t('common.opensInNewTab')}</VisuallyHidden>
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

/** An address that names no event the user may manage. */
export function EventNotFound() {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={1}>{t('events.notFound.title')}</Title>
      <Alert color="gray" data-testid="event-not-found">
        {t('events.notFound.body')}
      </Alert>
      <Anchor component={Link} to="/events">
        {t('events.backToList')}
      </Anchor>
    </Stack>
  );
}
