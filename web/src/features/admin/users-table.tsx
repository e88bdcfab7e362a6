import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../domain/api.ts';
import { formatDateTime } from '../../ui/format.ts';
import { UserActionsMenu } from './user-actions-menu.tsx';
import { UserStatusBadges } from './user-status-badges.tsx';

/** Props of {@link UsersTable}. */
export interface UsersTableProps {
  users: User[];
  /** Whether to show the actions column (permission `user.manage`). */
  canManage: boolean;
}

/** The users with their roles and account state; one actions menu per row for managers. */
export function UsersTable({ users, canManage }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover data-testid="users-table">
        <Table.Caption>{t('users.caption', { count: users.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.displayName')}</Table.Th>
            <Table.Th scope="col">{t('users.email')}</Table.Th>
            <Table.Th scope="col">{t('users.roles')}</Table.Th>
            <Table.Th scope="col">{t('users.statusHeading')}</Table.Th>
            <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('users.actionsHeading')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
              <Table.Td>{user.displayName}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                <Text size="sm">{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <UserStatusBadges user={user} />
              </Table.Td>
              <Table.Td>{formatDateTime(user.lastLoginAt, i18n.language, t('users.never'))}</Table.Td>
              {canManage && (
                <Table.Td>
                  <UserActionsMenu user={user} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
