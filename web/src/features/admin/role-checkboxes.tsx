import { Checkbox, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, roleSchema, type Role } from '../../../../domain/roles.ts';

function isRole(value: string): value is Role {
  return roleSchema.safeParse(value).success;
}

/** Props of {@link RoleCheckboxes}. */
export interface RoleCheckboxesProps {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
}

/** One checkbox per role, grouped under a "Roles" legend. */
export function RoleCheckboxes({ value, onChange, error }: RoleCheckboxesProps) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('users.roles')}
      value={value}
      onChange={(selected) => onChange(selected.filter(isRole))}
      error={error}
      withAsterisk
    >
      <SimpleGrid cols={2} spacing="xs" mt="xs">
        {ROLES.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} data-testid={`user-role-${role}`} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
