import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailMessageView, MailStatus, Registration } from '../../../../domain/events.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { formatInstant, visitorTimeZone } from './event-labels.ts';
import { useRegistrationMessages, useResendMessage } from './events-api.ts';

const STATUS_COLORS: Record<MailStatus, string> = { queued: 'blue', sent: 'green', failed: 'red' };

/** Props of {@link MessagesModal}. */
export interface MessagesModalProps {
  eventId: string;
  /** Whose messages; `null` keeps the modal closed. */
  registration: Registration | null;
  onClose: () => void;
}

/**
 * The e-mails sent to one registrant, oldest first, with their delivery status, attempts and last
 * error. The bodies show `[link]` where the registrant's personal links were: those are theirs.
 */
export function MessagesModal({ eventId, registration, onClose }: MessagesModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={registration !== null} onClose={onClose} title={t('events.messages.title', { name: registration?.name || registration?.email || '' })} size="xl">
      {registration && <MessageLog eventId={eventId} registration={registration} />}
    </AppModal>
  );
}

function MessageLog({ eventId, registration }: { eventId: string; registration: Registration }) {
  const { t } = useTranslation();
  const messages = useRegistrationMessages(eventId, registration.id);
  if (messages.isPending) return <PageLoader />;
  if (messages.isError) return <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />;
  if (messages.data.items.length === 0) return <Text data-testid="messages-empty">{t('events.messages.none')}</Text>;
  return (
    <Stack data-testid="messages-list">
      {messages.data.items.map((message) => (
        <MessageCard key={message.id} eventId={eventId} message={message} canResend={registration.anonymisedAt === null} />
      ))}
    </Stack>
  );
}

function MessageCard({ eventId, message, canResend }: { eventId: string; message: MailMessageView; canResend: boolean }) {
  const { t, i18n } = useTranslation();
  const zone = visitorTimeZone();
  const resend = useResendMessage(eventId);
  return (
    <Paper withBorder p="sm" data-testid="message" data-kind={message.kind} data-status={message.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {message.subject}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`events.messages.kinds.${message.kind}`)} · {message.recipient ?? t('events.registrations.anonymised')} ·{' '}
            {t('events.messages.queuedAt', { time: formatInstant(message.createdAt, zone, i18n.language) })}
          </Text>
        </Stack>
        <Badge color={STATUS_COLORS[message.status]} variant="light" data-testid="message-status">
          {t(`events.messages.status.${message.status}`)}
        </Badge>
      </Group>
      <Text size="sm" mt={6}>
        {message.sentAt
          ? t('events.messages.sentAt', { time: formatInstant(message.sentAt, zone, i18n.language), attempts: message.attempts })
          : message.nextAttemptAt
            ? t('events.messages.nextAttempt', { time: formatInstant(message.nextAttemptAt, zone, i18n.language), attempts: message.attempts })
            : t('events.messages.attempts', { attempts: message.attempts })}
      </Text>
      {message.lastError && (
        <Text size="sm" c="red.8" style={{ overflowWrap: 'anywhere' }}>
          {t('events.messages.lastError', { error: message.lastError })}
        </Text>
      )}
      {message.attachment && (
        <Text size="xs" c="dimmed">
          {t('events.messages.attachment', { name: message.attachment })}
        </Text>
      )}
      <details>
        <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>{t('events.messages.showText')}</summary>
        <Text component="pre" size="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit' }} data-testid="message-text">
          {message.text}
        </Text>
      </details>
      {canResend && message.registrationId !== null && (
        <Group justify="flex-end" mt={6}>
          <Button
            size="xs"
            variant="default"
            loading={resend.isPending}
            onClick={() =>
              resend.mutate(
                { registrationId: message.registrationId ?? '', messageId: message.id },
                {
                  onSuccess: () => notifySuccess(t('events.messages.resent')),
                  onError: (error) => notifyFailure(t('events.messages.resendFailed'), describeError(error, t)),
                },
              )
            }
            data-testid="message-resend"
          >
            {t('events.messages.resend')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
