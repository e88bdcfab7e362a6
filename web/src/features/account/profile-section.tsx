import { Badge, Group, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { AccountSection } from './account-section.tsx';

/** Who the user is in Liaison: name, e-mail, organisation, roles, second factor, session end. */
export function ProfileSection() {
  const { t, i18n } = useTranslation();
  const { user, organisation, session } = useCurrentUser();
  const rows: [string, ReactNode][] = [
    [t('account.profile.name'), user.displayName],
    [t('account.profile.email'), user.email],
    [t('account.profile.organisation'), `${organisation.name} (${organisation.country})`],
    [
      t('account.profile.roles'),
      <Group gap={4} key="roles">
        {user.roles.map((role) => (
          <Badge key={role} color="gray" variant="outline">
            {t(`roles.${role}`)}
          </Badge>
        ))}
      </Group>,
    ],
    [t('account.profile.mfa'), user.mfaEnabled ? t('account.profile.mfaOn') : t('account.profile.mfaOff')],
    [t('account.profile.sessionEnds'), formatDateTime(session.absoluteExpiresAt, i18n.language)],
  ];
  return (
    <AccountSection id="profile" title={t('account.profile.title')}>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={200} scope="row">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </AccountSection>
  );
}
