import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../../domain/events.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors } from '../../ui/errors.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { useRejectRegistration } from './events-api.ts';

/** Props of {@link RejectModal}. */
export interface RejectModalProps {
  eventId: string;
  /** The registration to reject; `null` keeps the modal closed. */
  registration: Registration | null;
  onClose: () => void;
}

/** Rejects a registration, with an optional reason sent to the person; a held seat goes to the waiting list. */
export function RejectModal({ eventId, registration, onClose }: RejectModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={registration !== null} onClose={onClose} title={t('events.reject.title')}>
      {registration && <RejectForm eventId={eventId} registration={registration} onClose={onClose} />}
    </AppModal>
  );
}

function RejectForm({ eventId, registration, onClose }: { eventId: string; registration: Registration; onClose: () => void }) {
  const { t } = useTranslation();
  const reject = useRejectRegistration(eventId);
  const [reason, setReason] = useState('');
  const [notify, setNotify] = useState(true);
  const errors = mergeFieldErrors({}, reject.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        reject.mutate(
          { registrationId: registration.id, reason, notify },
          {
            onSuccess: () => {
              notifySuccess(t('events.reject.done', { name: registration.name }));
              onClose();
            },
          },
        );
      }}
    >
      <Stack>
        <Text>{t('events.reject.intro', { name: registration.name })}</Text>
        <ErrorAlert error={reject.error} />
        <Checkbox label={t('events.reject.notify')} checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} data-testid="reject-notify" />
        <Textarea
          label={t('events.reject.reason')}
          description={t('events.reject.reasonHint')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          data-testid="reject-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={reject.isPending} data-testid="reject-submit">
            {t('events.registrations.reject')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
