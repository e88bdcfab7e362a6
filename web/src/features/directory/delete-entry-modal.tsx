import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { describeError } from '../../ui/errors.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { useDeleteEntry } from './directory-api.ts';

/** Asks before deleting a directory entry (authority or provider), then deletes and reports. */
export function DeleteEntryModal({ kind, entry, onClose }: { kind: 'authorities' | 'providers'; entry: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const deleteEntry = useDeleteEntry();
  return (
    <ConfirmModal
      opened
      title={t('directory.delete.title')}
      message={t('directory.delete.confirm', { name: entry.name })}
      confirmLabel={t('directory.delete.label')}
      danger
      loading={deleteEntry.isPending}
      onClose={onClose}
      onConfirm={() =>
        deleteEntry.mutate(
          { kind, id: entry.id },
          {
            onSuccess: () => {
              notifySuccess(t('directory.delete.done', { name: entry.name }));
              onClose();
            },
            onError: (error) => notifyFailure(t('directory.delete.failed'), describeError(error, t)),
          },
        )
      }
    />
  );
}
