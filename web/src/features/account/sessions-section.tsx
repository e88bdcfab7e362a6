import { Badge, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../../domain/api.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { useRevokeSession, useSessions } from './account-api.ts';
import { AccountSection } from './account-section.tsx';

/**
 * Where the user is signed in, with "sign out" for each other session: the way to end a session
 * left open on a shared or lost device. The current one is ended with the menu's "Sign out".
 */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const [ending, setEnding] = useState<Session | null>(null);

  function endSession(session: Session) {
    revoke.mutate(session.id, {
      onSuccess: () => notifySuccess(t('account.sessions.done')),
      onError: (error) => notifyFailure(t('account.sessions.failed'), describeError(error, t)),
      onSettled: () => setEnding(null),
    });
  }

  return (
    <AccountSection id="sessions" title={t('account.sessions.title')}>
      {sessions.isPending && <PageLoader />}
      <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      {sessions.data && (
        <Table.ScrollContainer minWidth={700}>
          <Table data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('account.sessions.started')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.lastSeen')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.ip')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.browser')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.sessions.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>{formatDateTime(session.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastSeenAt, i18n.language)}</Table.Td>
                  <Table.Td ff="monospace">{session.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} title={session.userAgent ?? undefined}>
                      {session.userAgent ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {session.current ? (
                      <Badge color="blue" variant="outline">
                        {t('account.sessions.current')}
                      </Badge>
                    ) : (
                      <Button size="xs" variant="default" onClick={() => setEnding(session)} data-testid="session-revoke">
                        {t('account.sessions.signOut')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {ending && (
        <ConfirmModal
          opened
          title={t('account.sessions.signOut')}
          message={t('account.sessions.confirm', {
            browser: ending.userAgent ?? '—',
            ip: ending.ip ?? '—',
          })}
          confirmLabel={t('account.sessions.signOut')}
          danger
          loading={revoke.isPending}
          onConfirm={() => endSession(ending)}
          onClose={() => setEnding(null)}
        />
      )}
    </AccountSection>
  );
}
