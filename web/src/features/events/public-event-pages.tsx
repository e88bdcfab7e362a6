/**
 * The public pages of an event (no account): the event and its registration form, the
 * verification link's page and the registrant's personal page. They call only the public routes,
 * show everything in the visitor's language (switchable) and times in the visitor's own zone
 * with the event's zone named, and render what people typed as text (React escapes it).
 */
import { Alert, Anchor, Badge, Box, Button, Container, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams, useSearchParams } from 'react-router';
import type { PublicEvent, RegistrationLinkView, RegistrationStatus } from '../../../../domain/events.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { languageName } from '../../ui/names.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { MAIN_CONTENT_ID, SkipLink } from '../../ui/skip-link.tsx';
import { formatDuration, formatInstant, formatSpan, registrationStatusColor, registrationStatusLabel, visitorTimeZone } from './event-labels.ts';
import { useLinkAction, useLinkStatus, usePublicEvent, useVerify, type LinkAction } from './events-api.ts';
import { PublicRegistrationForm } from './public-registration-form.tsx';

/** The frame of the public event pages: no menu, no account; the site's name and the language switch. */
export function PublicEventLayout() {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Text fw={700} size="xl">
              Liaison
            </Text>
            <Text c="dimmed">{t('events.public.siteName')}</Text>
          </Group>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} size="md" py="xl">
        <Outlet />
      </Container>
    </>
  );
}

/** A link that names no event (unknown, not published, or a typo). */
function PublicNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('events.public.notFoundTitle'));
  return (
    <Stack>
      <Title order={1}>{t('events.public.notFoundTitle')}</Title>
      <Alert color="gray" data-testid="public-not-found">
        {t('events.public.notFound')}
      </Alert>
    </Stack>
  );
}

/** `/e/:slug`: the event, then its registration form (or why there is none now). */
export function PublicEventPage() {
  const { slug = '' } = useParams();
  const event = usePublicEvent(slug);
  if (event.isPending) return <PageLoader />;
  if (event.isError) {
    if (event.error instanceof ApiError && (event.error.status === 404 || event.error.code === 'validation_failed')) return <PublicNotFound />;
    return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  }
  return <PublicEventView event={event.data} />;
}

function PublicEventView({ event }: { event: PublicEvent }) {
  const { t, i18n } = useTranslation();
  usePageTitle(event.title);
  const language = i18n.language;
  const zone = visitorTimeZone();
  const otherZone = zone !== event.timeZone;
  return (
    <Stack gap="lg" data-testid="public-event">
      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light">{t(`events.kind.${event.kind}`)}</Badge>
          <Text size="sm" c="dimmed">
            {t('events.public.organisedBy', { organiser: event.organiser })}
          </Text>
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }} data-testid="public-title">
          {event.title}
        </Title>
      </Stack>

      {event.status === 'cancelled' && (
        <Alert color="red" title={t('events.public.cancelledTitle')} data-testid="public-cancelled">
          {t('events.public.cancelled')}
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="facts-heading">
        <Title order={2} size="h4" id="facts-heading" mb="xs">
          {t('events.public.facts')}
        </Title>
        <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={6}>
          <Table.Tbody>
            <Fact label={t('events.public.when')}>
              <Text size="sm" fw={600} data-testid="public-when">
                {formatSpan(event.startsAt, event.endsAt, zone, language)}
              </Text>
              <Text size="xs" c="dimmed" data-testid="public-zone-note">
                {otherZone
                  ? t('events.public.yourZoneAndEvent', { zone, eventZone: event.timeZone, time: formatSpan(event.startsAt, event.endsAt, event.timeZone, language) })
                  : t('events.public.yourZone', { zone })}
              </Text>
            </Fact>
            <Fact label={t('events.fields.durationMinutes')}>
              <Text size="sm" data-testid="public-duration">
                {formatDuration(event.durationMinutes, language)}
              </Text>
            </Fact>
            <Fact label={t('events.fields.language')}>
              <Text size="sm" data-testid="public-language">
                {languageName(event.language, language)}
                {event.interpretationNote && ` · ${event.interpretationNote}`}
              </Text>
            </Fact>
            {event.status !== 'cancelled' && (
              <Fact label={t('events.public.seats')}>
                <Text size="sm" data-testid="public-seats">
                  {event.full ? t('events.public.seatsFull') : t('events.public.seatsLeft', { left: event.seatsLeft, capacity: event.capacity })}
                </Text>
              </Fact>
            )}
            <Fact label={t('events.public.registrationWindow')}>
              <Text size="sm">
                {formatInstant(event.registrationOpensAt, zone, language)} → {formatInstant(event.registrationClosesAt, zone, language)}
              </Text>
              {event.requiresApproval && (
                <Text size="xs" c="dimmed">
                  {t('events.public.approvalNote')}
                </Text>
              )}
            </Fact>
            {event.contactEmail && (
              <Fact label={t('events.public.contact')}>
                <Anchor href={`mailto:${event.contactEmail}`} size="sm">
                  {event.contactEmail}
                </Anchor>
              </Fact>
            )}
          </Table.Tbody>
        </Table>
      </Paper>

      {event.description.trim() !== '' && (
        <Box component="section" aria-labelledby="about-heading">
          <Title order={2} size="h3" id="about-heading" mb="xs">
            {t('events.public.about')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="public-description">
            {event.description}
          </Text>
        </Box>
      )}

      {event.programme.length > 0 && (
        <Box component="section" aria-labelledby="programme-heading">
          <Title order={2} size="h3" id="programme-heading">
            {t('events.form.programme')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {otherZone ? t('events.public.programmeZones', { zone, eventZone: event.timeZone }) : t('events.public.programmeZone', { zone })}
          </Text>
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="sm" data-testid="public-programme">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="40%">
                    {t('events.public.sessionTime')}
                  </Table.Th>
                  <Table.Th scope="col">{t('events.public.session')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {event.programme.map((session, index) => (
                  <Table.Tr key={index} data-testid="public-session">
                    <Table.Td>
                      <Text size="sm" data-testid="public-session-time">
                        {formatSpan(session.startsAt, session.endsAt, zone, language)}
                      </Text>
                      {otherZone && (
                        <Text size="xs" c="dimmed">
                          {formatSpan(session.startsAt, session.endsAt, event.timeZone, language)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Text size="sm" fw={600}>
                        {session.title}
                      </Text>
                      {session.speakers.length > 0 && (
                        <Text size="sm" c="dimmed">
                          {session.speakers.join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Box>
      )}

      <RegistrationArea event={event} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={190} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The form while registration is open; otherwise why it is not. */
function RegistrationArea({ event }: { event: PublicEvent }) {
  const { t, i18n } = useTranslation();
  if (event.status === 'cancelled') return null;
  switch (event.registrationState) {
    case 'not_open':
      return (
        <Alert color="blue" title={t('events.public.notOpenTitle')} data-testid="registration-not-open">
          {t('events.public.notOpen', { time: formatInstant(event.registrationOpensAt, visitorTimeZone(), i18n.language) })}
        </Alert>
      );
    case 'closed':
      return (
        <Alert color="gray" title={t('events.public.closedTitle')} data-testid="registration-closed">
          {t('events.public.closed')}
        </Alert>
      );
    case 'open':
      return <PublicRegistrationForm event={event} />;
  }
}

// ------------------------------------------------------------------------------- link pages

/** The event a link belongs to, in one line, and a way back to its page. */
function LinkEventHeader({ view }: { view: RegistrationLinkView }) {
  const { t, i18n } = useTranslation();
  const zone = visitorTimeZone();
  return (
    <Stack gap={4}>
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {view.event.title}
      </Title>
      <Text size="sm">
        {formatSpan(view.event.startsAt, view.event.endsAt, zone, i18n.language)}
        {zone !== view.event.timeZone && ` · ${t('events.public.eventZone', { zone: view.event.timeZone })}`}
      </Text>
      <Anchor component={Link} to={`/e/${encodeURIComponent(view.event.slug)}`} size="sm">
        {t('events.public.toEventPage')}
      </Anchor>
    </Stack>
  );
}

/** What a registration's status means for the registrant, in a sentence. */
function statusExplanation(view: RegistrationLinkView, t: TFunction, language: string): string {
  const status: RegistrationStatus = view.status;
  switch (status) {
    case 'pending_email':
      return t('events.link.explain.pending_email');
    case 'pending_approval':
      return t('events.link.explain.pending_approval');
    case 'confirmed':
      return t('events.link.explain.confirmed');
    case 'waiting':
      return view.waitingPosition !== null ? t('events.link.explain.waitingAt', { position: view.waitingPosition }) : t('events.link.explain.waiting');
    case 'offered':
      return t('events.link.explain.offered', { time: view.offerExpiresAt ? formatInstant(view.offerExpiresAt, visitorTimeZone(), language) : '—' });
    case 'cancelled':
      return t('events.link.explain.cancelled');
    case 'attended':
      return t('events.link.explain.attended');
    case 'rejected':
      return t('events.link.explain.rejected');
  }
}

function StatusPanel({ view }: { view: RegistrationLinkView }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="link-status" data-status={view.status}>
      <Group gap="sm" mb="xs">
        <Text fw={600}>{t('events.link.yourRegistration')}</Text>
        <Badge color={registrationStatusColor(view.status)} variant="light" size="lg" data-testid="link-status-badge">
          {registrationStatusLabel(view.status, i18n.language)}
        </Badge>
      </Group>
      <Text data-testid="link-status-text">{statusExplanation(view, t, i18n.language)}</Text>
      {view.event.status === 'cancelled' && (
        <Alert color="red" mt="sm">
          {t('events.public.cancelled')}
        </Alert>
      )}
    </Paper>
  );
}

/** Why a link page shows nothing: no token, or one the server does not know (expired, mistyped). */
function BadLink({ error, slug }: { error: unknown; slug: string }) {
  const { t } = useTranslation();
  const invalid = error === null || (error instanceof ApiError && (error.status === 404 || error.code === 'validation_failed'));
  return (
    <Stack>
      <Title order={1}>{t('events.link.badTitle')}</Title>
      {invalid ? (
        <Alert color="orange" data-testid="link-invalid">
          {t('events.link.invalid')}
        </Alert>
      ) : (
        <ErrorAlert error={error} />
      )}
      <Anchor component={Link} to={`/e/${encodeURIComponent(slug)}`}>
        {t('events.public.toEventPage')}
      </Anchor>
    </Stack>
  );
}

/**
 * `/e/:slug/verify?token=…`: the verification link. Submits on load (the registration counts only
 * from here) and says where the registration now stands.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.link.verifyTitle'));
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerify(slug, token);
  if (token === '') return <BadLink error={null} slug={slug} />;
  if (verify.isPending)
    return (
      <Stack>
        <Title order={1}>{t('events.link.verifyTitle')}</Title>
        <Text>{t('events.link.verifying')}</Text>
        <PageLoader />
      </Stack>
    );
  if (verify.isError) return <BadLink error={verify.error} slug={slug} />;
  const view = verify.data;
  return (
    <Stack gap="lg" data-testid="verify-result">
      <LinkEventHeader view={view} />
      <Alert color="green" title={t('events.link.verified')} role="status">
        {t('events.link.verifiedNext')}
      </Alert>
      <StatusPanel view={view} />
    </Stack>
  );
}

const ACTION_DONE = { cancel: 'events.link.cancelled', accept: 'events.link.accepted', decline: 'events.link.declined' } as const satisfies Record<LinkAction, string>;

/**
 * `/e/:slug/registration?token=…[&action=…]`: the registrant's personal page. Opening it changes
 * nothing (mail scanners open links); cancelling, accepting or declining an offered seat takes a
 * click, and the action named in the link is the one put forward.
 */
export function ManageRegistrationPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.link.manageTitle'));
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const requested = params.get('action');
  const status = useLinkStatus(slug, token);
  const act = useLinkAction(slug, token);
  if (token === '') return <BadLink error={null} slug={slug} />;
  if (status.isPending) return <PageLoader />;
  if (status.isError) return <BadLink error={status.error} slug={slug} />;
  const view = status.data;
  const actions: { action: LinkAction; allowed: boolean }[] = [
    { action: 'accept', allowed: view.allowed.acceptOffer },
    { action: 'decline', allowed: view.allowed.declineOffer },
    { action: 'cancel', allowed: view.allowed.cancel },
  ];
  // Declining an offered seat is the registrant's way out then; a second "cancel" beside it would only confuse.
  const available = actions.filter((a) => a.allowed && !(a.action === 'cancel' && view.allowed.declineOffer));
  const preselected = available.find((a) => a.action === requested)?.action;
  return (
    <Stack gap="lg" data-testid="manage-registration">
      <LinkEventHeader view={view} />
      {act.isSuccess && (
        <Alert color="green" role="status" data-testid="link-action-done">
          {t(ACTION_DONE[act.variables])}
        </Alert>
      )}
      {act.isError && (
        <Alert color="red" role="alert" title={t('errors.title')} data-testid="link-action-error">
          {describeError(act.error, t)}
        </Alert>
      )}
      <StatusPanel view={view} />
      {requested !== null && !preselected && !act.isSuccess && (
        <Alert color="gray" data-testid="link-action-unavailable">
          {t('events.link.actionUnavailable')}
        </Alert>
      )}
      {available.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="link-actions-heading">
          <Title order={2} size="h4" id="link-actions-heading" mb="xs">
            {t('events.link.actionsHeading')}
          </Title>
          {preselected && (
            <Text mb="sm" data-testid="link-action-prompt">
              {t(`events.link.prompt.${preselected}`)}
            </Text>
          )}
          <Group>
            {available.map(({ action }) => (
              <Button
                key={action}
                color={action === 'accept' ? 'green' : 'red'}
                variant={preselected === undefined ? (action === 'accept' ? 'filled' : 'outline') : action === preselected ? 'filled' : 'default'}
                loading={act.isPending && act.variables === action}
                disabled={act.isPending}
                onClick={() => act.mutate(action)}
                data-testid={`link-${action}`}
              >
                {t(`events.link.buttons.${action}`)}
              </Button>
            ))}
          </Group>
          {available.some((a) => a.action === 'cancel') && (
            <List size="sm" mt="sm" c="dimmed">
              <List.Item>{t('events.link.cancelNote')}</List.Item>
            </List>
          )}
        </Paper>
      )}
    </Stack>
  );
}
