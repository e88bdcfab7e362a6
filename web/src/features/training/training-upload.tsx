import { Alert, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_FILE_ACCEPT } from '../../../../domain/training.ts';
import { ApiError } from '../../api/client.ts';
import { describeError } from '../../ui/errors.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { UploadCancelled, uploadTrainingFile, useRefreshTraining, useUploadPolicy } from './training-api.ts';
import { formatFileSize } from './training-labels.ts';

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; name: string; sent: number; total: number }
  | { phase: 'failed'; message: string };

/**
 * Adds a file to an entry: choose, and it is sent at once with a progress bar and a way to stop.
 * The size is checked against the server's limit first (a server refusing a large body early
 * closes the connection, which a browser reports only as a network error); the type is checked
 * by the server from the content.
 */
export function TrainingUpload({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation();
  const policy = useUploadPolicy(true);
  const refresh = useRefreshTraining();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const resetRef = useRef<() => void>(null);
  const size = (bytes: number) => formatFileSize(bytes, i18n.language);
  const limit = policy.data?.maxBytes;

  const start = (file: File | null) => {
    resetRef.current?.();
    if (!file) return;
    if (limit !== undefined && file.size > limit) {
      setState({ phase: 'failed', message: t('training.files.upload.tooLarge', { name: file.name, size: size(file.size), limit: size(limit) }) });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'sending', name: file.name, sent: 0, total: file.size });
    uploadTrainingFile(itemId, file, (sent, total) => setState({ phase: 'sending', name: file.name, sent, total }), controller.signal)
      .then((result) => {
        setState({ phase: 'idle' });
        notifySuccess(result.duplicate ? t('training.files.upload.duplicate', { name: result.file.filename }) : t('training.files.upload.done', { name: result.file.filename }));
        return refresh();
      })
      .catch((error: unknown) => {
        if (error instanceof UploadCancelled) return setState({ phase: 'failed', message: t('training.files.upload.cancelled') });
        // The server's sentence says why a file was refused (its type, its name); it is English.
        const reason = error instanceof ApiError && error.body.error.message && i18n.language.startsWith('en') ? error.body.error.message : describeError(error, t);
        setState({ phase: 'failed', message: reason });
      })
      .finally(() => {
        abort.current = null;
      });
  };

  const percent = state.phase === 'sending' && state.total > 0 ? Math.round((state.sent / state.total) * 100) : 0;

  return (
    <Stack gap="xs" data-testid="training-upload">
      <Text size="sm" c="dimmed">
        {t('training.files.upload.hint', { limit: limit === undefined ? '…' : size(limit) })}
      </Text>
      <Group>
        <FileButton onChange={start} accept={TRAINING_FILE_ACCEPT} resetRef={resetRef} inputProps={{ 'data-testid': 'training-upload-input' } as Record<string, string>}>
          {(props) => (
            <Button {...props} variant="default" disabled={state.phase === 'sending'} data-testid="training-upload-choose">
              {t('training.files.upload.choose')}
            </Button>
          )}
        </FileButton>
        {state.phase === 'sending' && (
          <Button variant="subtle" color="red" onClick={() => abort.current?.abort()} data-testid="training-upload-cancel">
            {t('training.files.upload.cancel')}
          </Button>
        )}
      </Group>
      {state.phase === 'sending' && (
        <Stack gap={4}>
          <Progress value={percent} size="lg" animated aria-label={t('training.files.upload.progressLabel', { name: state.name })} data-testid="training-upload-progress" />
          <Text size="sm" role="status" aria-live="polite">
            {t('training.files.upload.progress', { name: state.name, percent, sent: size(state.sent), total: size(state.total) })}
          </Text>
        </Stack>
      )}
      {state.phase === 'failed' && (
        <Alert color="red" role="alert" title={t('training.files.upload.failed')} data-testid="training-upload-error">
          {state.message}
        </Alert>
      )}
    </Stack>
  );
}
