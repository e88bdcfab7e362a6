import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../domain/api.ts';

/** Account state at a glance: active or disabled, locked, second factor, pending password change. */
export function UserStatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {user.disabled ? (
        <Badge color="gray">{t('users.status.disabled')}</Badge>
      ) : (
        <Badge color="green">{t('users.status.active')}</Badge>
      )}
      {user.locked && <Badge color="red">{t('users.status.locked')}</Badge>}
      {user.mfaEnabled ? (
        <Badge color="blue" variant="outline">{t('users.status.mfaOn')}</Badge>
      ) : (
        <Badge color="orange">{t('users.status.mfaOff')}</Badge>
      )}
      {user.mustChangePassword && <Badge color="grape">{t('users.status.mustChangePassword')}</Badge>}
    </Group>
  );
}
