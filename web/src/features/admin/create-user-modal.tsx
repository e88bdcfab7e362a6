import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUserBodySchema, type CreatedUser } from '../../../../domain/api.ts';
import type { Role } from '../../../../domain/roles.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { useCreateUser } from './users-api.ts';
import { AppModal } from '../../ui/app-modal.tsx';

/** Props of {@link CreateUserModal}. */
export interface CreateUserModalProps {
  opened: boolean;
  onClose: () => void;
  /** Receives the new user and their one-time password, to show it once. */
  onCreated: (created: CreatedUser) => void;
}

/** The new-user form in a modal: e-mail, name and at least one role. */
export function CreateUserModal({ opened, onClose, onCreated }: CreateUserModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('users.create.title')} size="lg">
      {/* Mounted only while open, so each opening starts from an empty form. */}
      {opened && <CreateUserForm onCancel={onClose} onCreated={onCreated} />}
    </AppModal>
  );
}

function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (created: CreatedUser) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const createUser = useCreateUser();
  const form = useSchemaForm(createUserBodySchema, {
    ...createUser,
    mutate: (body) => createUser.mutate(body, { onSuccess: onCreated }),
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ email, displayName, roles });
      }}
    >
      <Stack>
        <ErrorAlert error={createUser.error} />
        <TextInput
          label={t('users.email')}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={form.errors.email}
          data-testid="user-email"
          data-autofocus
        />
        <TextInput
          label={t('users.displayName')}
          autoComplete="off"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={form.errors.displayName}
          data-testid="user-name"
        />
        <RoleCheckboxes value={roles} onChange={setRoles} error={form.errors.roles} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={createUser.isPending} data-testid="user-create-submit">
            {t('users.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
