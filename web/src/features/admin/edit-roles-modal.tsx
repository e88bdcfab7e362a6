import { Button, Checkbox, Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateRolesBodySchema, type User } from '../../../../domain/api.ts';
import type { Role } from '../../../../domain/roles.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { useUpdateRoles, useUsers } from './users-api.ts';
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
  const [judge, setJudge] = useState(user.judge);
  const [supervisorId, setSupervisorId] = useState<string | null>(user.supervisorId);
  const colleagues = (useUsers().data?.users ?? []).filter((u) => u.id !== user.id && !u.disabled);
  const updateRoles = useUpdateRoles();
  const prosecutor = roles.includes('prosecutor');
  const form = useSchemaForm(updateRolesBodySchema, {
    ...updateRoles,
    mutate: (body) =>
      updateRoles.mutate(
        {
          userId: user.id,
          roles: body.roles,
          judge: prosecutor && judge,
          ...(supervisorId !== user.supervisorId ? { supervisorId } : {}),
        },
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
        form.submit({ roles, judge: prosecutor && judge });
      }}
    >
      <Stack>
        <ErrorAlert error={updateRoles.error} />
        <RoleCheckboxes value={roles} onChange={setRoles} error={form.errors.roles} />
        <Checkbox
          label={t('users.editRoles.judge')}
          description={t('users.editRoles.judgeHint')}
          checked={prosecutor && judge}
          disabled={!prosecutor}
          onChange={(event) => setJudge(event.currentTarget.checked)}
          data-testid="judge-checkbox"
        />
        <Select
          label={t('users.editRoles.supervisor')}
          description={t('users.editRoles.supervisorHint')}
          data={colleagues.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
          value={supervisorId}
          onChange={setSupervisorId}
          clearable
          searchable
          data-testid="supervisor-select"
        />
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
