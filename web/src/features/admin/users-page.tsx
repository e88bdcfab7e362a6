import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedUser } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCan } from '../auth/session.ts';
import { CreateUserModal } from './create-user-modal.tsx';
import { OneTimePasswordModal } from './one-time-password-modal.tsx';
import { UsersTable } from './users-table.tsx';
import { useUsers } from './users-api.ts';

/** User administration: the list for `user.read`, creation and actions for `user.manage`. */
export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const users = useUsers();
  const canManage = useCan('user.manage');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('users.title')}</Title>
        {canManage && (
          <Button onClick={() => setCreating(true)} data-testid="user-create-open">
            {t('users.create.open')}
          </Button>
        )}
      </Group>
      {users.isPending && <PageLoader />}
      <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      {users.data && <UsersTable users={users.data.users} canManage={canManage} />}

      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
          notifySuccess(t('users.create.done', { name: result.user.displayName }));
        }}
      />
      <OneTimePasswordModal
        userLabel={created ? `${created.user.displayName} <${created.user.email}>` : ''}
        password={created?.oneTimePassword ?? null}
        onClose={() => setCreated(null)}
      />
    </Stack>
  );
}
