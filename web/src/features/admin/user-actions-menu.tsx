import { ActionIcon, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../domain/api.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { EditRolesModal } from './edit-roles-modal.tsx';
import { OneTimePasswordModal } from './one-time-password-modal.tsx';
import { useResetPassword, useUserStatusAction, type UserStatusAction } from './users-api.ts';

/** The actions that are confirmed in a dialog; the key names their texts in the translations. */
const CONFIRMED_ACTIONS = {
  disable: { endpoint: 'disable', danger: true },
  enable: { endpoint: 'enable', danger: false },
  unlock: { endpoint: 'unlock', danger: false },
  resetMfa: { endpoint: 'reset-mfa', danger: true },
  resetPassword: { endpoint: 'reset-password', danger: true },
} as const satisfies Record<string, { endpoint: UserStatusAction | 'reset-password'; danger: boolean }>;
type ConfirmedAction = keyof typeof CONFIRMED_ACTIONS;

/** The actions that make sense for `user` now (no "unlock" for an account that is not locked). */
function availableActions(user: User): ConfirmedAction[] {
  const actions: ConfirmedAction[] = [user.disabled ? 'enable' : 'disable'];
  if (user.locked) actions.push('unlock');
  if (user.mfaEnabled) actions.push('resetMfa');
  actions.push('resetPassword');
  return actions;
}

/**
 * The per-user "⋯" menu. Every action is confirmed first, because each one changes how or
 * whether a colleague can sign in; the outcome is reported in a notification.
 */
export function UserActionsMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<ConfirmedAction | null>(null);
  const [editingRoles, setEditingRoles] = useState(false);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const statusAction = useUserStatusAction();
  const resetPassword = useResetPassword();
  const name = user.displayName;

  function close() {
    setConfirming(null);
  }

  function onFailure(error: unknown) {
    notifyFailure(t('users.actionFailed'), describeError(error, t));
  }

  function run(action: ConfirmedAction) {
    const { endpoint } = CONFIRMED_ACTIONS[action];
    if (endpoint === 'reset-password') {
      resetPassword.mutate(user.id, {
        onSuccess: (result) => {
          close();
          setOneTimePassword(result.oneTimePassword);
        },
        onError: onFailure,
      });
      return;
    }
    statusAction.mutate(
      { userId: user.id, action: endpoint },
      {
        onSuccess: () => {
          close();
          notifySuccess(t(`users.actions.${action}.done`, { name }));
        },
        onError: onFailure,
      },
    );
  }

  return (
    <>
      {/* No focus placeholder: its tabindex inside role="menu" fails axe's aria-required-children. */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <ActionIcon variant="default" aria-label={t('users.actionsFor', { name })} data-testid={`user-actions-${user.email}`}>
            <DotsIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {availableActions(user).map((action) => (
            <Menu.Item
              key={action}
              onClick={() => setConfirming(action)}
              data-testid={`user-action-${action}`}
            >
              {t(`users.actions.${action}.label`)}
            </Menu.Item>
          ))}
          <Menu.Item onClick={() => setEditingRoles(true)} data-testid="user-action-editRoles">
            {t('users.editRoles.label')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      {confirming && (
        <ConfirmModal
          opened
          title={t(`users.actions.${confirming}.label`)}
          message={t(`users.actions.${confirming}.confirm`, { name })}
          confirmLabel={t(`users.actions.${confirming}.label`)}
          danger={CONFIRMED_ACTIONS[confirming].danger}
          loading={statusAction.isPending || resetPassword.isPending}
          onConfirm={() => run(confirming)}
          onClose={close}
        />
      )}
      <EditRolesModal user={user} opened={editingRoles} onClose={() => setEditingRoles(false)} />
      <OneTimePasswordModal
        userLabel={`${name} <${user.email}>`}
        password={oneTimePassword}
        onClose={() => setOneTimePassword(null)}
      />
    </>
  );
}

/** Three dots; decorative, the button carries the accessible name. */
function DotsIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <circle cx="5" cy="12" r="2" />
      <circle cx="12" cy="12" r="2" />
      <circle cx="19" cy="12" r="2" />
    </svg>
  );
}
