import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Props of {@link RowActions}. */
export interface RowActionsProps {
  /** The entry's name, so each button says which entry it acts on. */
  name: string;
  testId: string;
  onEdit: () => void;
  onDelete: () => void;
}

/** "Edit" and "Delete" of one directory row (coordinators only). */
export function RowActions({ name, testId, onEdit, onDelete }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={t('directory.editNamed', { name })} data-testid={`edit-${testId}`}>
        {t('directory.edit')}
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        color="red"
        onClick={onDelete}
        aria-label={t('directory.deleteNamed', { name })}
        data-testid={`delete-${testId}`}
      >
        {t('directory.delete.label')}
      </Button>
    </Group>
  );
}
