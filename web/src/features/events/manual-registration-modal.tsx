import { Button, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { manualRegistrationSchema, REGISTRATION_LANGUAGES, type EventView, type RegistrationLanguage } from '../../../../domain/events.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors, type FieldErrors } from '../../ui/errors.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { validateWith } from '../../ui/validation.ts';
import { registrationStatusLabel } from './event-labels.ts';
import { useAddRegistration } from './events-api.ts';
import { changedPaths, dropErrors, EMPTY_REGISTRANT, RegistrantFields, registrantErrors, registrantPayload, type RegistrantValues } from './registrant-fields.tsx';

/** Props of {@link ManualRegistrationModal}. */
export interface ManualRegistrationModalProps {
  event: EventView;
  opened: boolean;
  onClose: () => void;
}

/**
 * The organiser adds someone by hand (asked by phone, by a colleague): no e-mail verification or
 * approval; confirmed when a seat is free, else at the end of the waiting list.
 */
export function ManualRegistrationModal({ event, opened, onClose }: ManualRegistrationModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('events.manual.title')} size="xl">
      {opened && <ManualRegistrationForm event={event} onClose={onClose} />}
    </AppModal>
  );
}

function ManualRegistrationForm({ event, onClose }: { event: EventView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const add = useAddRegistration(event.id);
  const [values, setValues] = useState<RegistrantValues>(EMPTY_REGISTRANT);
  const [language, setLanguage] = useState<RegistrationLanguage>(i18n.language === 'fr' ? 'fr' : 'en');
  const [notify, setNotify] = useState(true);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = mergeFieldErrors(clientErrors, add.error);
  const submit = () => {
    const found = registrantErrors(values, event.questions, false, t('validation.required'));
    const result = validateWith(manualRegistrationSchema, { ...registrantPayload(values), language, notify }, t);
    const all = { ...(result.ok ? {} : result.errors), ...found };
    if (!result.ok || Object.keys(found).length > 0) {
      setClientErrors(all);
      add.reset();
      return;
    }
    setClientErrors({});
    add.mutate(result.data, {
      onSuccess: (created) => {
        notifySuccess(t('events.manual.done', { name: created.name, status: registrationStatusLabel(created.status, i18n.language) }));
        onClose();
      },
    });
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Text size="sm">{t('events.manual.intro')}</Text>
        <ErrorAlert error={add.error} />
        <RegistrantFields values={values} onChange={(next) => {
            setClientErrors((previous) => dropErrors(previous, changedPaths(values, next)));
            setValues(next);
          }} questions={event.questions} errors={errors} answersOptional testPrefix="manual" />
        <Group align="flex-end">
          <NativeSelect
            label={t('events.manual.language')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value === 'fr' ? 'fr' : 'en')}
            data={REGISTRATION_LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
            data-testid="manual-language"
          />
          <Checkbox label={t('events.manual.notify')} checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} mb={8} data-testid="manual-notify" />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} data-testid="manual-submit">
            {t('events.manual.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
