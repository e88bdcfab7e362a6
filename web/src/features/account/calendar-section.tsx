import { Alert, Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { SecretValue } from '../../ui/secret-value.tsx';
import { useCan } from '../auth/session.ts';
import { useCalendarStatus, useCreateCalendarFeed, useRevokeCalendarFeed } from './account-api.ts';
import { AccountSection } from './account-section.tsx';

/**
 * The deadlines of the user's requests as a calendar feed (iCalendar) for their calendar app.
 * The address is a secret shown once; renewing it or turning the feed off makes the old one stop
 * working. Only for people who work on cases: nobody else has deadlines.
 */
export function CalendarSection() {
  const { t, i18n } = useTranslation();
  const works = useCan('case.read');
  const status = useCalendarStatus(works);
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'renew' | 'revoke' | null>(null);
  if (!works) return null;

  function turnOn() {
    create.mutate(undefined, {
      onSuccess: (feed) => {
        setUrl(feed.url);
        setConfirm(null);
        notifySuccess(t('account.calendar.created'));
      },
      onError: (error) => notifyFailure(t('account.calendar.failed'), describeError(error, t)),
    });
  }

  return (
    <AccountSection id="calendar" title={t('account.calendar.title')}>
      <Stack gap="sm" data-testid="calendar-section">
        <Text>{t('account.calendar.intro')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('account.calendar.how')}</List.Item>
          <List.Item>{t('account.calendar.secret')}</List.Item>
        </List>
        {status.isPending && <PageLoader />}
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
        {url && (
          <Alert color="yellow" title={t('account.calendar.urlTitle')} data-testid="calendar-url-alert">
            <Stack gap="xs">
              <Text size="sm">{t('account.calendar.urlOnce')}</Text>
              <SecretValue value={url} label={t('account.calendar.urlLabel')} testId="calendar-url" />
              <Group>
                <Button size="xs" variant="default" onClick={() => setUrl(null)} data-testid="calendar-url-done">
                  {t('account.calendar.urlSaved')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {status.data &&
          (status.data.active ? (
            <Group gap="sm">
              <Badge color="green" variant="light" data-testid="calendar-active">
                {t('account.calendar.on')}
              </Badge>
              <Text size="sm">{t('account.calendar.since', { time: formatDateTime(status.data.createdAt, i18n.language) })}</Text>
              <Button size="xs" variant="default" onClick={() => setConfirm('renew')} data-testid="calendar-renew">
                {t('account.calendar.renew')}
              </Button>
              <Button size="xs" variant="default" color="red" onClick={() => setConfirm('revoke')} data-testid="calendar-revoke">
                {t('account.calendar.revoke')}
              </Button>
            </Group>
          ) : (
            <Group gap="sm">
              <Badge color="gray" variant="light" data-testid="calendar-inactive">
                {t('account.calendar.off')}
              </Badge>
              <Button size="xs" loading={create.isPending} onClick={turnOn} data-testid="calendar-create">
                {t('account.calendar.turnOn')}
              </Button>
            </Group>
          ))}
      </Stack>
      <ConfirmModal
        opened={confirm === 'renew'}
        title={t('account.calendar.renew')}
        message={t('account.calendar.confirmRenew')}
        confirmLabel={t('account.calendar.renew')}
        loading={create.isPending}
        onConfirm={turnOn}
        onClose={() => setConfirm(null)}
      />
      <ConfirmModal
        opened={confirm === 'revoke'}
        title={t('account.calendar.revoke')}
        message={t('account.calendar.confirmRevoke')}
        confirmLabel={t('account.calendar.revoke')}
        danger
        loading={revoke.isPending}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setUrl(null);
              notifySuccess(t('account.calendar.revoked'));
            },
            onError: (error) => notifyFailure(t('account.calendar.failed'), describeError(error, t)),
            onSettled: () => setConfirm(null),
          })
        }
        onClose={() => setConfirm(null)}
      />
    </AccountSection>
  );
}
