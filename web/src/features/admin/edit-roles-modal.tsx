import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateRolesBodySchema, type User } from '../../../../domain/api.ts';
import type { Role } from '../../../../domain/roles.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { useUpdateRoles } from './users-api.ts';
import { AppModal } from '../../ui/app-modal.tsx';

/** Props of {@link EditRolesModal}. */
export interface EditRolesModalProps {
  user: User;
  opened: boolean;
  onClose: () => void;
}

/** Changes a user's roles; the new set replaces the old one. */
export function EditRolesModal({ user, opened, onClose }: EditRolesModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('users.editRoles.title', { name: user.displayName })}>
      {opened && <EditRolesForm user={user} onDone={onClose} />}
    </AppModal>
  );
}

function EditRolesForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const updateRoles = useUpdateRoles();
  const form = useSchemaForm(updateRolesBodySchema, {
    ...updateRoles,
    mutate: (body) =>
      updateRoles.mutate(
        { userId: user.id, roles: body.roles },
        {
          onSuccess: () => {
            notifySuccess(t('users.editRoles.done', { name: user.displayName }));
            onDone();
          },
        },
      ),
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ roles });
      }}
    >
      <Stack>
        <ErrorAlert error={updateRoles.error} />
        <RoleCheckboxes value={roles} onChange={setRoles} error={form.errors.roles} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={updateRoles.isPending} data-testid="roles-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
