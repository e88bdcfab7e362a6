import { Alert, Anchor, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import type { TrainingFile, TrainingItem } from '../../../../domain/training.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { describeError } from '../../ui/errors.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { notifyFailure, notifySuccess } from '../../ui/notify.ts';
import { trainingFileUrl, useDeleteTraining, useDeleteTrainingFile, useTrainingItem, useUpdateTraining } from './training-api.ts';
import { FACT_TERM_WIDTH, TrainingDetails, TrainingFilesTable } from './training-details.tsx';
import { TrainingFormModal } from './training-form-modal.tsx';
import { TrainingBadges } from './training-results.tsx';
import { TrainingUpload } from './training-upload.tsx';

const idSchema = z.uuid();

/** "Not found" for an address that names no entry (deleted, mistyped). */
export function TrainingNotFound({ back, backLabel }: { back: string; backLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={1}>{t('training.item.notFoundTitle')}</Title>
      <Text>{t('training.item.notFoundBody')}</Text>
      <Anchor component={Link} to={back}>{backLabel ?? t('training.item.back')}</Anchor>
    </Stack>
  );
}

/** One catalogue entry: what it is, its links and files; for its trainers, editing, files and publication. */
export function TrainingItemPage() {
  const { id = '' } = useParams();
  if (!idSchema.safeParse(id).success) return <TrainingNotFound back="/training" />;
  return <ItemLoader key={id} id={id} />;
}

function ItemLoader({ id }: { id: string }) {
  const { t } = useTranslation();
  const found = useTrainingItem(id);
  usePageTitle(found.data?.title ?? t('training.title'));
  if (found.error instanceof ApiError && found.error.code === 'not_found') return <TrainingNotFound back="/training" />;
  if (found.isPending) return <PageLoader />;
  if (!found.data) return <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />;
  return <ItemView item={found.data} />;
}

/** The public switch: a PUT of the entry as it is, with `public` flipped and its version. */
function PublicSwitch({ item }: { item: TrainingItem }) {
  const { t } = useTranslation();
  const update = useUpdateTraining(item.id);
  // The switch moves at once; it settles on the saved value once the answer is in.
  const [pending, setPending] = useState<boolean | null>(null);
  const { allowed: _allowed, id: _id, organisation: _org, createdBy: _by, createdAt: _at, updatedAt: _up, fileCount: _n, files: _files, ...editable } = item;
  return (
    <Switch
      checked={pending ?? item.public}
      disabled={update.isPending}
      label={t('training.item.publicLabel')}
      description={t('training.form.publicHint')}
      onChange={(event) => {
        const next = event.currentTarget.checked;
        setPending(next);
        update.mutate(
          { ...editable, public: next },
          {
            onSuccess: () => notifySuccess(next ? t('training.item.published') : t('training.item.unpublished')),
            onError: (error) => notifyFailure(t('training.item.publishFailed'), describeError(error, t)),
            onSettled: () => setPending(null),
          },
        );
      }}
      data-testid="training-public-toggle"
    />
  );
}

function ItemView({ item }: { item: TrainingItem }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [removing, setRemoving] = useState<TrainingFile | null>(null);
  const remove = useDeleteTraining();
  const removeFile = useDeleteTrainingFile(item.id);
  const canEdit = item.allowed.edit;

  return (
    <Stack>
      <Anchor component={Link} to="/training" size="sm">
        {t('training.item.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Title order={1} style={{ overflowWrap: 'anywhere' }} data-testid="training-heading">
            {item.title}
          </Title>
          <TrainingBadges item={item} />
        </Stack>
        {canEdit && (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button variant="default" onClick={() => setEditing(true)} data-testid="training-edit">
              {t('training.item.edit')}
            </Button>
            <Button variant="outline" color="red" onClick={() => setDeleting(true)} data-testid="training-delete">
              {t('training.item.delete')}
            </Button>
          </Group>
        )}
      </Group>

      {canEdit && (
        <Paper withBorder p="md">
          <PublicSwitch item={item} />
        </Paper>
      )}

      <TrainingDetails
        item={item}
        extraFacts={
          <Group component="div" gap="xs" align="baseline" wrap="nowrap">
            <Text component="dt" size="sm" fw={600} w={FACT_TERM_WIDTH} style={{ flexShrink: 0 }}>{t('training.fields.maintainedBy')}</Text>
            <Text component="dd" size="sm" m={0} data-testid="training-organisation">{item.organisation.name}</Text>
          </Group>
        }
      />

      <Stack gap="xs">
        <Title order={2} size="h4">{t('training.files.title')}</Title>
        <TrainingFilesTable files={item.files} urlOf={(file) => trainingFileUrl(item.id, file.id)} onRemove={canEdit ? setRemoving : undefined} />
        {canEdit && <TrainingUpload itemId={item.id} />}
        {!canEdit && item.public && (
          <Alert color="gray" variant="light" p="xs">
            <Text size="sm">{t('training.item.publicNote')}</Text>
          </Alert>
        )}
      </Stack>

      {canEdit && <TrainingFormModal opened={editing} existing={item} onClose={() => setEditing(false)} />}
      <ConfirmModal
        opened={deleting}
        title={t('training.delete.title')}
        message={t(item.public ? 'training.delete.messagePublic' : 'training.delete.message', { title: item.title, count: item.files.length })}
        confirmLabel={t('training.delete.confirm')}
        danger
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(item.id, {
            onSuccess: () => {
              notifySuccess(t('training.delete.done', { title: item.title }));
              void navigate('/training');
            },
            onError: (error) => notifyFailure(t('training.delete.failed'), describeError(error, t)),
          })
        }
      />
      <ConfirmModal
        opened={removing !== null}
        title={t('training.files.removeTitle')}
        message={t('training.files.removeMessage', { name: removing?.filename ?? '' })}
        confirmLabel={t('training.files.remove')}
        danger
        loading={removeFile.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          removeFile.mutate(removing.id, {
            onSuccess: () => {
              notifySuccess(t('training.files.removed', { name: removing.filename }));
              setRemoving(null);
            },
            onError: (error) => notifyFailure(t('training.files.removeFailed'), describeError(error, t)),
          })
        }
      />
    </Stack>
  );
}
