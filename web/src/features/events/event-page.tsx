import { Alert, Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { REGISTRATION_STATUSES, type EventView } from '../../../../domain/events.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { EventForm } from './event-form.tsx';
import { EventFrame } from './event-frame.tsx';
import { formatInstant, registrationStatusLabel, visitorTimeZone } from './event-labels.ts';
import { useCancelEvent, useCreateEvent, useDeleteEvent, usePublishEvent, useUpdateEvent } from './events-api.ts';

/** `/events/new`: a new event, saved as a draft. */
export function NewEventPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.form.newTitle'));
  const navigate = useNavigate();
  const create = useCreateEvent();
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Anchor component={Link} to="/events" size="sm">
          {t('events.backToList')}
        </Anchor>
        <Title order={1}>{t('events.form.newTitle')}</Title>
        <Text maw={820}>{t('events.form.newIntro')}</Text>
      </Stack>
      <EventForm
        existing={null}
        pending={create.isPending}
        error={create.error}
        onReset={create.reset}
        onUpdate={() => undefined}
        onCreate={(input) =>
          create.mutate(input, {
            onSuccess: (created) => {
              notifySuccess(t('events.form.created', { title: created.title }));
              void navigate(`/events/${created.id}`);
            },
          })
        }
      />
    </Stack>
  );
}

/** `/events/:id`: what the event holds, its state, publish / cancel / delete, and the form to change it. */
export function EventPage() {
  return <EventFrame current="details">{(event) => <EventDetails event={event} />}</EventFrame>;
}

function EventDetails({ event }: { event: EventView }) {
  const { t } = useTranslation();
  usePageTitle(event.title);
  const update = useUpdateEvent(event.id);
  // What the form was filled from: the event as first loaded, then as each of the user's own saves
  // returned it. Not the live query data: a colleague's change read in the background must not
  // wipe what is being typed (and the form sends only what differs from this).
  const [formSource, setFormSource] = useState(event);
  return (
    <Stack gap="lg">
      <EventSummaryPanel event={event} />
      <EventActions event={event} />
      {event.status === 'cancelled' ? (
        <Alert color="red" data-testid="event-cancelled-note">
          {t('events.details.cancelledNote')}
        </Alert>
      ) : (
        <EventForm
          key={formSource.updatedAt}
          existing={formSource}
          pending={update.isPending}
          error={update.error}
          onReset={update.reset}
          onCreate={() => undefined}
          onUpdate={(patch) =>
            update.mutate(patch, {
              onSuccess: (saved) => {
                setFormSource(saved);
                notifySuccess(t('events.form.saved'));
              },
            })
          }
        />
      )}
    </Stack>
  );
}

function EventSummaryPanel({ event }: { event: EventView }) {
  const { t, i18n } = useTranslation();
  const zone = visitorTimeZone();
  const shown = REGISTRATION_STATUSES.filter((status) => event.counts[status] > 0);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-summary-heading" data-testid="event-summary">
      <Title order={2} size="h3" id="event-summary-heading" mb="sm">
        {t('events.details.summary')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('events.list.seats')}
          </Text>
          <Text size="xl" fw={700} data-testid="summary-seats">
            {t('events.list.seatsValue', { taken: event.seatsTaken, capacity: event.capacity })}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('events.list.registration')}
          </Text>
          <Text size="sm" data-testid="summary-window">
            {t(`events.window.${event.registrationState}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatInstant(event.registrationOpensAt, zone, i18n.language)} → {formatInstant(event.registrationClosesAt, zone, i18n.language)}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('events.details.byStatus')}
          </Text>
          {shown.length === 0 ? (
            <Text size="sm">{t('events.details.noRegistrations')}</Text>
          ) : (
            <Text size="sm" data-testid="summary-counts">
              {shown.map((status) => `${registrationStatusLabel(status, i18n.language)}: ${event.counts[status]}`).join(' · ')}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function EventActions({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const publish = usePublishEvent(event.id);
  const remove = useDeleteEvent(event.id);
  const [confirming, setConfirming] = useState<'publish' | 'delete' | 'cancel' | null>(null);
  if (event.status === 'cancelled') return null;
  return (
    <Group data-testid="event-actions">
      {event.status === 'draft' && (
        <>
          <Button onClick={() => setConfirming('publish')} data-testid="event-publish">
            {t('events.actions.publish')}
          </Button>
          <Button variant="default" color="red" onClick={() => setConfirming('delete')} data-testid="event-delete">
            {t('events.actions.delete')}
          </Button>
        </>
      )}
      {event.status === 'published' && (
        <Button variant="outline" color="red" onClick={() => setConfirming('cancel')} data-testid="event-cancel">
          {t('events.actions.cancel')}
        </Button>
      )}
      <ConfirmModal
        opened={confirming === 'publish'}
        title={t('events.actions.publishTitle')}
        message={t('events.actions.publishConfirm', { title: event.title })}
        confirmLabel={t('events.actions.publish')}
        loading={publish.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => {
              setConfirming(null);
              notifySuccess(t('events.actions.published'));
            },
            onError: (error) => {
              setConfirming(null);
              notifyFailure(t('events.actions.publishFailed'), describeError(error, t));
            },
          })
        }
      />
      <ConfirmModal
        opened={confirming === 'delete'}
        title={t('events.actions.deleteTitle')}
        message={t('events.actions.deleteConfirm', { title: event.title })}
        confirmLabel={t('events.actions.delete')}
        danger
        loading={remove.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t('events.actions.deleted'));
              void navigate('/events');
            },
            onError: (error) => {
              setConfirming(null);
              notifyFailure(t('events.actions.deleteFailed'), describeError(error, t));
            },
          })
        }
      />
      <CancelEventModal event={event} opened={confirming === 'cancel'} onClose={() => setConfirming(null)} />
    </Group>
  );
}

function CancelEventModal({ event, opened, onClose }: { event: EventView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelEvent(event.id);
  const [notify, setNotify] = useState(true);
  const [message, setMessage] = useState('');
  return (
    <AppModal opened={opened} onClose={onClose} title={t('events.actions.cancelTitle')}>
      <Stack>
        <Text>{t('events.actions.cancelConfirm', { title: event.title })}</Text>
        <ErrorAlert error={cancel.error} />
        <Checkbox label={t('events.actions.notify')} checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} data-testid="cancel-notify" />
        <Textarea
          label={t('events.actions.cancelMessage')}
          description={t('events.actions.cancelMessageHint')}
          autosize
          minRows={2}
          disabled={!notify}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          data-testid="cancel-message"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(
                { notify, message },
                {
                  onSuccess: () => {
                    onClose();
                    notifySuccess(t('events.actions.cancelled'));
                  },
                },
              )
            }
            data-testid="cancel-submit"
          >
            {t('events.actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
