import { Badge, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedToken } from '../../../../domain/api.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { useRevokeToken, useTokens } from './account-api.ts';
import { AccountSection } from './account-section.tsx';
import { CreateTokenForm } from './create-token-form.tsx';
import { TokenSecretModal } from './token-secret-modal.tsx';

type TokenState = 'active' | 'revoked' | 'expired';

function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

const STATE_COLOURS: Record<TokenState, string> = { active: 'green', revoked: 'gray', expired: 'gray' };

/** API tokens for the `liaison` CLI and scripts: list, create (secret shown once), revoke. */
export function TokensSection() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <AccountSection id="tokens" title={t('account.tokens.title')}>
      <Text mb="sm">{t('account.tokens.intro')}</Text>
      <TokensTable />
      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          notifySuccess(t('account.tokens.created', { name: token.token.name }));
        }}
      />
      <TokenSecretModal created={created} onClose={() => setCreated(null)} />
    </AccountSection>
  );
}

function TokensTable() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  if (tokens.isPending) return <PageLoader />;
  if (tokens.isError) return <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />;
  if (tokens.data.tokens.length === 0) return <Text fs="italic">{t('account.tokens.none')}</Text>;
  const now = Date.now();

  function revokeToken(token: ApiToken) {
    revoke.mutate(token.id, {
      onSuccess: () => notifySuccess(t('account.tokens.revoked', { name: token.name })),
      onError: (error) => notifyFailure(t('account.tokens.revokeFailed'), describeError(error, t)),
      onSettled: () => setRevoking(null),
    });
  }

  return (
    <>
      <Table.ScrollContainer minWidth={700}>
        <Table data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('account.tokens.name')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.prefix')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.createdAt')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.lastUsed')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.expires')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.state')}</Table.Th>
              <Table.Th scope="col">{t('account.tokens.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.tokens.map((token) => {
              const state = tokenState(token, now);
              return (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td ff="monospace">{token.prefix}…</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{formatDateTime(token.lastUsedAt, i18n.language, t('account.tokens.never'))}</Table.Td>
                  <Table.Td>{formatDateTime(token.expiresAt, i18n.language, t('account.tokens.noExpiry'))}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLOURS[state]}>{t(`account.tokens.states.${state}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {state === 'active' && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setRevoking(token)}
                        aria-label={t('account.tokens.revokeNamed', { name: token.name })}
                        data-testid="token-revoke"
                      >
                        {t('account.tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {revoking && (
        <ConfirmModal
          opened
          title={t('account.tokens.revoke')}
          message={t('account.tokens.confirmRevoke', { name: revoking.name })}
          confirmLabel={t('account.tokens.revoke')}
          danger
          loading={revoke.isPending}
          onConfirm={() => revokeToken(revoking)}
          onClose={() => setRevoking(null)}
        />
      )}
    </>
  );
}
