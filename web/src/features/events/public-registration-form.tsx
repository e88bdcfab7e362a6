import { Alert, Box, Button, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationInputSchema, VERIFY_LINK_HOURS, type PublicEvent, type RegistrationAccepted } from '../../../../domain/events.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors, type FieldErrors } from '../../ui/errors.ts';
import { validateWith } from '../../ui/validation.ts';
import { useRegister } from './events-api.ts';
import { changedPaths, dropErrors, EMPTY_REGISTRANT, RegistrantFields, registrantErrors, registrantPayload, type RegistrantValues } from './registrant-fields.tsx';

/**
 * The public registration form: the required fields, the event's questions, consent to the
 * privacy notice, and a honeypot. It ends on "check your mailbox" whatever happened behind (a new
 * registration, an address already registered, a bot), so the page tells nobody who is registered.
 */
export function PublicRegistrationForm({ event }: { event: PublicEvent }) {
  const { t, i18n } = useTranslation();
  const register = useRegister(event.slug);
  const [values, setValues] = useState<RegistrantValues>(EMPTY_REGISTRANT);
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [accepted, setAccepted] = useState<{ answer: RegistrationAccepted; email: string } | null>(null);
  const errors = mergeFieldErrors(clientErrors, register.error);
  // The event filled up between loading the page and sending the form: the server asks for consent to wait.
  const fullNow = event.full || (register.error instanceof ApiError && register.error.code === 'event_full');

  if (accepted) return <CheckMailbox email={accepted.email} waitingList={accepted.answer.waitingList} />;

  const submit = () => {
    const language = i18n.language === 'fr' ? 'fr' : 'en';
    const payload = { ...registrantPayload(values), consent, website, joinWaitingList: fullNow, language };
    const result = validateWith(registrationInputSchema, payload, t, { consent: t('events.public.consentRequired') });
    const found = registrantErrors(values, event.questions, true, t('validation.required'));
    if (!result.ok || Object.keys(found).length > 0) {
      setClientErrors({ ...(result.ok ? {} : result.errors), ...found });
      register.reset();
      return;
    }
    setClientErrors({});
    register.mutate(result.data, { onSuccess: (answer) => setAccepted({ answer, email: result.data.email }) });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="register-heading" data-testid="registration-form-section">
      <Title order={2} id="register-heading" mb="xs">
        {fullNow ? t('events.public.waitingHeading') : t('events.public.registerHeading')}
      </Title>
      {fullNow ? (
        <Alert color="orange" mb="md" data-testid="event-full">
          {t('events.public.fullExplained')}
        </Alert>
      ) : (
        <Text size="sm" mb="md">
          {t('events.public.registerIntro', { hours: VERIFY_LINK_HOURS })}
        </Text>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="registration-form"
      >
        <Stack>
          {/* event_full is answered by switching the form to the waiting list, not by an error box. */}
          {!(register.error instanceof ApiError && register.error.code === 'event_full') && <ErrorAlert error={register.error} />}
          <RegistrantFields values={values} onChange={(next) => {
            setClientErrors((previous) => dropErrors(previous, changedPaths(values, next)));
            setValues(next);
          }} questions={event.questions} errors={errors} />
          <Box>
            <Text fw={600} size="sm" id="privacy-heading">
              {t('events.public.privacyHeading')}
            </Text>
            <Text
              size="sm"
              p="sm"
              mt={4}
              style={{ whiteSpace: 'pre-wrap', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, maxHeight: 180, overflowY: 'auto' }}
              tabIndex={0}
              role="region"
              aria-labelledby="privacy-heading"
              data-testid="privacy-notice"
            >
              {event.privacyNotice.trim() !== '' ? event.privacyNotice : t('events.public.defaultPrivacy', { organiser: event.organiser })}
            </Text>
          </Box>
          <Checkbox
            label={t('events.public.consent')}
            required
            checked={consent}
            onChange={(e) => {
              setConsent(e.currentTarget.checked);
              setClientErrors((previous) => dropErrors(previous, ['consent']));
            }}
            error={errors.consent}
            // Mantine marks text inputs invalid but not checkboxes; screen readers need it on both.
            aria-invalid={errors.consent ? true : undefined}
            data-testid="reg-consent"
          />
          <Honeypot value={website} onChange={setWebsite} />
          <Button type="submit" loading={register.isPending} data-testid="reg-submit" style={{ alignSelf: 'flex-start' }}>
            {fullNow ? t('events.public.joinWaitingList') : t('events.public.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * The field the contract calls `website`: invisible, out of the tab order and hidden from screen
 * readers, so only a program filling every input fills it (the server then stores nothing).
 */
function Honeypot({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', top: 'auto', width: 1, height: 1, overflow: 'hidden' }} data-testid="honeypot">
      <label htmlFor="reg-website">Website</label>
      <input id="reg-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid="reg-website" />
    </div>
  );
}

function CheckMailbox({ email, waitingList }: { email: string; waitingList: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={t('events.public.checkMailboxTitle')} role="status" data-testid="check-mailbox">
      <Stack gap="xs">
        <Text size="sm">{t('events.public.checkMailbox', { email, hours: VERIFY_LINK_HOURS })}</Text>
        {waitingList && (
          <Text size="sm" data-testid="check-mailbox-waiting">
            {t('events.public.checkMailboxWaiting')}
          </Text>
        )}
        <Text size="sm">{t('events.public.checkMailboxSpam')}</Text>
      </Stack>
    </Alert>
  );
}
