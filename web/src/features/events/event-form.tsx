import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_KINDS, QUESTION_KINDS, eventInputSchema, type EventInput, type EventPatch, type EventView } from '../../../../domain/events.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors, type FieldErrors } from '../../ui/errors.ts';
import { languageName } from '../../ui/names.ts';
import { validateWith } from '../../ui/validation.ts';
import { timeZoneNames } from '../cases/identifier-time.ts';
import {
  changedFields,
  emptyEventValues,
  eventToValues,
  newKey,
  newQuestion,
  newSession,
  OFFSET_UNITS,
  valuesToInput,
  type EventFormValues,
  type MaterialValues,
  type QuestionValues,
  type ReminderValues,
  type SessionValues,
} from './event-form-values.ts';

/** Languages offered for the event (ISO 639-1); the event's own is added when it is another. */
const EVENT_LANGUAGES = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'pl', 'ro', 'el', 'sv', 'fi', 'da', 'cs', 'hu', 'bg', 'hr', 'sl', 'sk', 'lt', 'lv', 'et', 'ar', 'ru', 'uk', 'tr'];

/** The datetime inputs of the form, which must not be left empty (the schema would only say "wrong format"). */
const DATE_FIELDS = ['startsAt', 'registrationOpensAt', 'registrationClosesAt'] as const;

/** The payload paths a form value is checked under (they differ where the form types a value another way). */
const FORM_PATHS: Partial<Record<keyof EventFormValues, string>> = { reminders: 'reminderOffsets' };

/** `errors` without the messages of `path` and of the paths under it (`programme` → `programme.0.title`). */
function withoutErrorsOf(errors: FieldErrors, path: string | undefined): FieldErrors {
  if (path === undefined) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== path && !key.startsWith(`${path}.`)));
}

/** Props of {@link EventForm}. */
export interface EventFormProps {
  /** The event to edit; `null` for a new one. */
  existing: EventView | null;
  pending: boolean;
  /** The failure of the last submission (its field messages are shown beside the fields). */
  error: unknown;
  onCreate: (input: EventInput) => void;
  onUpdate: (patch: EventPatch) => void;
  /** Clears the last submission's answer (when the browser's own check fails). */
  onReset: () => void;
}

/**
 * Creates or edits an event. The whole form is checked with the contract's schema in the browser
 * first (the same rules as the server, translated), and an edit sends only what changed.
 */
export function EventForm({ existing, pending, error, onCreate, onUpdate, onReset }: EventFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<EventFormValues>(() => (existing ? eventToValues(existing) : emptyEventValues()));
  // The event the form was filled from: an edit sends only what differs from it.
  const [baseline] = useState(existing);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [nothingChanged, setNothingChanged] = useState(false);
  const errors = mergeFieldErrors(clientErrors, error);

  const set = <K extends keyof EventFormValues>(name: K, value: EventFormValues[K]) => {
    setNothingChanged(false);
    setValues((previous) => ({ ...previous, [name]: value }));
    // A message about a field the user is now changing is out of date; the next check says anew.
    setClientErrors((previous) => withoutErrorsOf(previous, FORM_PATHS[name] ?? name));
  };

  const submit = () => {
    const result = validateWith(eventInputSchema, valuesToInput(values), t);
    const found: FieldErrors = result.ok ? {} : { ...result.errors };
    for (const field of DATE_FIELDS) if (values[field] === '') found[field] = t('validation.required');
    // The schema's "at least 3 characters" is a custom rule, which the generic translation calls "not valid".
    if (values.title.trim().length < 3) found.title = values.title.trim() === '' ? t('validation.required') : t('validation.tooShort', { count: 3 });
    if (!result.ok || Object.keys(found).length > 0) {
      setClientErrors(found);
      onReset();
      return;
    }
    setClientErrors({});
    if (!baseline) return onCreate(result.data);
    const patch = changedFields(baseline, result.data);
    if (Object.keys(patch).length === 0) return setNothingChanged(true);
    onUpdate(patch);
  };

  const errorCount = Object.keys(errors).length;
  return (
    <form
      noValidate
      aria-label={existing ? t('events.form.editLabel') : t('events.form.newLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      data-testid="event-form"
    >
      <Stack gap="lg">
        <ErrorAlert error={error} />
        {errorCount > 0 && !error && (
          <Alert color="red" role="alert" data-testid="event-form-invalid">
            {t('events.form.invalid', { count: errorCount })}
          </Alert>
        )}
        <AboutSection values={values} set={set} errors={errors} />
        <WhenSection values={values} set={set} errors={errors} />
        <ProgrammeSection values={values} set={set} errors={errors} />
        <RegistrationSection values={values} set={set} errors={errors} published={existing?.status === 'published'} />
        <QuestionsSection values={values} set={set} errors={errors} hasRegistrations={(existing?.seatsTaken ?? 0) > 0} />
        <PrivateSection values={values} set={set} errors={errors} />
        <MailSection values={values} set={set} errors={errors} />
        {nothingChanged && (
          <Alert color="gray" role="status" data-testid="event-form-unchanged">
            {t('events.form.unchanged')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={pending} data-testid="event-submit">
            {existing ? t('common.save') : t('events.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface SectionProps {
  values: EventFormValues;
  set: <K extends keyof EventFormValues>(name: K, value: EventFormValues[K]) => void;
  errors: FieldErrors;
}

/** A titled part of the form. */
function Section({ id, title, intro, badge, children }: { id: string; title: string; intro?: string; badge?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`event-form-${id}`}>
      <Group gap="sm" mb={intro ? 4 : 'sm'}>
        <Title order={2} size="h3" id={`event-form-${id}`}>
          {title}
        </Title>
        {badge}
      </Group>
      {intro && (
        <Text size="sm" c="dimmed" mb="sm" maw={820}>
          {intro}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function AboutSection({ values, set, errors }: SectionProps) {
  const { t, i18n } = useTranslation();
  const languages = EVENT_LANGUAGES.includes(values.language) ? EVENT_LANGUAGES : [values.language, ...EVENT_LANGUAGES];
  return (
    <Section id="about" title={t('events.form.about')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('events.fields.kind')}
          required
          value={values.kind}
          onChange={(event) => {
            const kind = EVENT_KINDS.find((candidate) => candidate === event.currentTarget.value);
            if (kind) set('kind', kind);
          }}
          data={EVENT_KINDS.map((value) => ({ value, label: t(`events.kind.${value}`) }))}
          error={errors.kind}
          data-testid="event-kind"
        />
        <NativeSelect
          label={t('events.fields.language')}
          required
          value={values.language}
          onChange={(event) => set('language', event.currentTarget.value)}
          data={languages.map((code) => ({ value: code, label: languageName(code, i18n.language) }))}
          error={errors.language}
          data-testid="event-language"
        />
        <TextInput
          label={t('events.fields.interpretationNote')}
          description={t('events.form.interpretationHint')}
          value={values.interpretationNote}
          onChange={(event) => set('interpretationNote', event.currentTarget.value)}
          error={errors.interpretationNote}
          data-testid="event-interpretation"
        />
      </SimpleGrid>
      <TextInput
        label={t('events.fields.title')}
        required
        value={values.title}
        onChange={(event) => set('title', event.currentTarget.value)}
        error={errors.title}
        data-testid="event-title"
      />
      <Textarea
        label={t('events.fields.description')}
        description={t('events.form.descriptionHint')}
        autosize
        minRows={4}
        maxRows={16}
        value={values.description}
        onChange={(event) => set('description', event.currentTarget.value)}
        error={errors.description}
        data-testid="event-description"
      />
    </Section>
  );
}

function WhenSection({ values, set, errors }: SectionProps) {
  const { t } = useTranslation();
  const zones = useMemo(() => timeZoneNames(), []);
  const zoneHint = t('events.form.inZone', { zone: values.timeZone || '—' });
  return (
    <Section id="when" title={t('events.form.when')} intro={t('events.form.whenIntro')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('events.fields.timeZone')}
          description={t('events.form.timeZoneHint')}
          required
          searchable
          value={values.timeZone}
          onChange={(zone) => set('timeZone', zone ?? '')}
          data={zones.includes(values.timeZone) || values.timeZone === '' ? zones : [values.timeZone, ...zones]}
          limit={60}
          nothingFoundMessage={t('events.form.noZone')}
          error={errors.timeZone}
          data-testid="event-time-zone"
        />
        <TextInput
          type="datetime-local"
          label={t('events.fields.startsAt')}
          description={zoneHint}
          required
          value={values.startsAt}
          onChange={(event) => {
            const startsAt = event.currentTarget.value;
            set('startsAt', startsAt);
            // Registration usually runs until the start: offered once, still editable.
            if (values.registrationClosesAt === '') set('registrationClosesAt', startsAt);
          }}
          error={errors.startsAt}
          data-testid="event-starts-at"
        />
        <TextInput
          type="number"
          min={1}
          label={t('events.fields.durationMinutes')}
          description={t('events.form.durationHint')}
          required
          value={values.durationMinutes}
          onChange={(event) => set('durationMinutes', event.currentTarget.value)}
          error={errors.durationMinutes}
          data-testid="event-duration"
        />
        <TextInput
          type="datetime-local"
          label={t('events.fields.registrationOpensAt')}
          description={zoneHint}
          required
          value={values.registrationOpensAt}
          onChange={(event) => set('registrationOpensAt', event.currentTarget.value)}
          error={errors.registrationOpensAt}
          data-testid="event-opens-at"
        />
        <TextInput
          type="datetime-local"
          label={t('events.fields.registrationClosesAt')}
          description={zoneHint}
          required
          value={values.registrationClosesAt}
          onChange={(event) => set('registrationClosesAt', event.currentTarget.value)}
          error={errors.registrationClosesAt}
          data-testid="event-closes-at"
        />
      </SimpleGrid>
    </Section>
  );
}

function ProgrammeSection({ values, set, errors }: SectionProps) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<SessionValues>) =>
    set('programme', values.programme.map((session, i) => (i === index ? { ...session, ...patch } : session)));
  return (
    <Section id="programme" title={t('events.form.programme')} intro={t('events.form.programmeIntro', { zone: values.timeZone || '—' })}>
      {errors.programme && (
        <Text c="red" size="sm" role="alert">
          {errors.programme}
        </Text>
      )}
      {values.programme.map((session, index) => (
        <Fieldset key={session.key} legend={t('events.form.session', { number: index + 1 })} data-testid={`session-${index}`}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('events.fields.sessionTitle')}
              required
              value={session.title}
              onChange={(event) => update(index, { title: event.currentTarget.value })}
              error={errors[`programme.${index}.title`]}
              data-testid={`session-${index}-title`}
            />
            <Textarea
              label={t('events.fields.speakers')}
              description={t('events.form.speakersHint')}
              autosize
              minRows={1}
              value={session.speakers}
              onChange={(event) => update(index, { speakers: event.currentTarget.value })}
              error={errors[`programme.${index}.speakers`] ?? Object.entries(errors).find(([path]) => path.startsWith(`programme.${index}.speakers.`))?.[1]}
              data-testid={`session-${index}-speakers`}
            />
            <TextInput
              type="datetime-local"
              label={t('events.fields.sessionStartsAt')}
              required
              value={session.startsAt}
              onChange={(event) => update(index, { startsAt: event.currentTarget.value })}
              error={errors[`programme.${index}.startsAt`]}
              data-testid={`session-${index}-starts-at`}
            />
            <TextInput
              type="datetime-local"
              label={t('events.fields.sessionEndsAt')}
              required
              value={session.endsAt}
              onChange={(event) => update(index, { endsAt: event.currentTarget.value })}
              error={errors[`programme.${index}.endsAt`]}
              data-testid={`session-${index}-ends-at`}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => set('programme', values.programme.filter((_, i) => i !== index))}
              data-testid={`session-${index}-remove`}
            >
              {t('events.form.removeSession', { number: index + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" onClick={() => set('programme', [...values.programme, newSession(values)])} data-testid="session-add">
          {t('events.form.addSession')}
        </Button>
      </Group>
    </Section>
  );
}

function RegistrationSection({ values, set, errors, published }: SectionProps & { published: boolean }) {
  const { t } = useTranslation();
  return (
    <Section id="registration" title={t('events.form.registration')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="number"
          min={1}
          label={t('events.fields.capacity')}
          description={t('events.form.capacityHint')}
          required
          value={values.capacity}
          onChange={(event) => set('capacity', event.currentTarget.value)}
          error={errors.capacity}
          data-testid="event-capacity"
        />
        <TextInput
          type="number"
          min={1}
          label={t('events.fields.offerWindowHours')}
          description={t('events.form.offerWindowHint')}
          required
          value={values.offerWindowHours}
          onChange={(event) => set('offerWindowHours', event.currentTarget.value)}
          error={errors.offerWindowHours}
          data-testid="event-offer-window"
        />
        <TextInput
          type="email"
          label={t('events.fields.contactEmail')}
          description={t('events.form.contactHint')}
          value={values.contactEmail}
          onChange={(event) => set('contactEmail', event.currentTarget.value)}
          error={errors.contactEmail}
          data-testid="event-contact-email"
        />
      </SimpleGrid>
      <Switch
        label={t('events.fields.requiresApproval')}
        description={t('events.form.approvalHint')}
        checked={values.requiresApproval}
        onChange={(event) => set('requiresApproval', event.currentTarget.checked)}
        data-testid="event-requires-approval"
      />
      <Textarea
        label={t('events.fields.privacyNotice')}
        description={t('events.form.privacyHint')}
        autosize
        minRows={2}
        maxRows={10}
        value={values.privacyNotice}
        onChange={(event) => set('privacyNotice', event.currentTarget.value)}
        error={errors.privacyNotice}
        data-testid="event-privacy-notice"
      />
      <TextInput
        label={t('events.fields.slug')}
        description={published ? t('events.form.slugPublishedHint') : t('events.form.slugHint')}
        leftSection={<Text size="sm" c="dimmed" aria-hidden>/e/</Text>}
        leftSectionWidth={36}
        value={values.slug}
        onChange={(event) => set('slug', event.currentTarget.value)}
        error={errors.slug}
        spellCheck={false}
        autoComplete="off"
        data-testid="event-slug"
      />
    </Section>
  );
}

function QuestionsSection({ values, set, errors, hasRegistrations }: SectionProps & { hasRegistrations: boolean }) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<QuestionValues>) =>
    set('questions', values.questions.map((question, i) => (i === index ? { ...question, ...patch } : question)));
  return (
    <Section id="questions" title={t('events.form.questions')} intro={t('events.form.questionsIntro')}>
      {hasRegistrations && values.questions.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('events.form.questionsChangeHint')}
        </Text>
      )}
      {values.questions.map((question, index) => (
        <Fieldset key={question.key} legend={t('events.form.question', { number: index + 1 })} data-testid={`question-${index}`}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('events.fields.questionLabel')}
              required
              value={question.label}
              onChange={(event) => update(index, { label: event.currentTarget.value })}
              error={errors[`questions.${index}.label`] ?? errors[`questions.${index}.id`]}
              data-testid={`question-${index}-label`}
            />
            <NativeSelect
              label={t('events.fields.questionKind')}
              value={question.kind}
              onChange={(event) => {
                const kind = QUESTION_KINDS.find((candidate) => candidate === event.currentTarget.value);
                if (kind) update(index, { kind });
              }}
              data={QUESTION_KINDS.map((value) => ({ value, label: t(`events.questionKind.${value}`) }))}
              data-testid={`question-${index}-kind`}
            />
          </SimpleGrid>
          {question.kind === 'choice' && (
            <Textarea
              mt="sm"
              label={t('events.fields.options')}
              description={t('events.form.optionsHint')}
              autosize
              minRows={2}
              required
              value={question.options}
              onChange={(event) => update(index, { options: event.currentTarget.value })}
              error={errors[`questions.${index}.options`] ?? Object.entries(errors).find(([path]) => path.startsWith(`questions.${index}.options.`))?.[1]}
              data-testid={`question-${index}-options`}
            />
          )}
          <Group mt="sm" justify="space-between">
            <Group>
              <Checkbox
                label={t('events.fields.required')}
                checked={question.required}
                onChange={(event) => update(index, { required: event.currentTarget.checked })}
                data-testid={`question-${index}-required`}
              />
              {question.kind === 'choice' && (
                <Checkbox
                  label={t('events.fields.multiple')}
                  checked={question.multiple}
                  onChange={(event) => update(index, { multiple: event.currentTarget.checked })}
                  data-testid={`question-${index}-multiple`}
                />
              )}
            </Group>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => set('questions', values.questions.filter((_, i) => i !== index))}
              data-testid={`question-${index}-remove`}
            >
              {t('events.form.removeQuestion', { number: index + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" onClick={() => set('questions', [...values.questions, newQuestion()])} data-testid="question-add">
          {t('events.form.addQuestion')}
        </Button>
      </Group>
    </Section>
  );
}

/** The badge that marks what registrants see only once confirmed. */
export function PrivateBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="violet" variant="light" data-testid="private-badge">
      {t('events.form.privateBadge')}
    </Badge>
  );
}

function PrivateSection({ values, set, errors }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="private" title={t('events.form.private')} intro={t('events.form.privateIntro')} badge={<PrivateBadge />}>
      <Textarea
        label={t('events.fields.connectionInstructions')}
        description={t('events.form.connectionHint')}
        autosize
        minRows={3}
        maxRows={12}
        value={values.connectionInstructions}
        onChange={(event) => set('connectionInstructions', event.currentTarget.value)}
        error={errors.connectionInstructions}
        data-testid="event-connection"
      />
      <Textarea
        label={t('events.fields.rulesOfEngagement')}
        autosize
        minRows={3}
        maxRows={12}
        value={values.rulesOfEngagement}
        onChange={(event) => set('rulesOfEngagement', event.currentTarget.value)}
        error={errors.rulesOfEngagement}
        data-testid="event-rules"
      />
    </Section>
  );
}

function MailSection({ values, set, errors }: SectionProps) {
  const { t } = useTranslation();
  const updateReminder = (index: number, patch: Partial<ReminderValues>) =>
    set('reminders', values.reminders.map((reminder, i) => (i === index ? { ...reminder, ...patch } : reminder)));
  const updateMaterial = (index: number, patch: Partial<MaterialValues>) =>
    set('materials', values.materials.map((material, i) => (i === index ? { ...material, ...patch } : material)));
  return (
    <Section id="mail" title={t('events.form.mail')} intro={t('events.form.mailIntro')}>
      <Title order={3} size="h5">
        {t('events.fields.reminders')}
      </Title>
      {errors.reminderOffsets && (
        <Text c="red" size="sm" role="alert">
          {errors.reminderOffsets}
        </Text>
      )}
      {values.reminders.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('events.form.noReminders')}
        </Text>
      )}
      {values.reminders.map((reminder, index) => (
        <Group key={reminder.key} align="flex-start" data-testid={`reminder-${index}`}>
          <TextInput
            type="number"
            min={1}
            w={120}
            label={t('events.form.reminderAmount', { number: index + 1 })}
            value={reminder.amount}
            onChange={(event) => updateReminder(index, { amount: event.currentTarget.value })}
            error={errors[`reminderOffsets.${index}`]}
            data-testid={`reminder-${index}-amount`}
          />
          <NativeSelect
            w={200}
            label={t('events.form.reminderUnit')}
            value={reminder.unit}
            onChange={(event) => {
              const unit = OFFSET_UNITS.find((candidate) => candidate === event.currentTarget.value);
              if (unit) updateReminder(index, { unit });
            }}
            data={OFFSET_UNITS.map((value) => ({ value, label: t(`events.form.units.${value}`) }))}
            data-testid={`reminder-${index}-unit`}
          />
          <Button
            mt={25}
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => set('reminders', values.reminders.filter((_, i) => i !== index))}
            data-testid={`reminder-${index}-remove`}
          >
            {t('events.form.removeReminder', { number: index + 1 })}
          </Button>
        </Group>
      ))}
      {values.reminders.length < 5 && (
        <Group>
          <Button variant="default" onClick={() => set('reminders', [...values.reminders, { key: newKey(), amount: '2', unit: 'hours' }])} data-testid="reminder-add">
            {t('events.form.addReminder')}
          </Button>
        </Group>
      )}

      <Title order={3} size="h5" mt="md">
        {t('events.fields.materials')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('events.form.materialsHint')}
      </Text>
      {values.materials.map((material, index) => (
        <Group key={material.key} align="flex-start" grow data-testid={`material-${index}`}>
          <TextInput
            label={t('events.form.materialLabel', { number: index + 1 })}
            required
            value={material.label}
            onChange={(event) => updateMaterial(index, { label: event.currentTarget.value })}
            error={errors[`materials.${index}.label`]}
            data-testid={`material-${index}-label`}
          />
          <TextInput
            type="url"
            label={t('events.form.materialUrl', { number: index + 1 })}
            required
            value={material.url}
            onChange={(event) => updateMaterial(index, { url: event.currentTarget.value })}
            error={errors[`materials.${index}.url`]}
            data-testid={`material-${index}-url`}
          />
          <Button
            mt={25}
            variant="subtle"
            color="red"
            size="xs"
            style={{ flexGrow: 0 }}
            onClick={() => set('materials', values.materials.filter((_, i) => i !== index))}
            data-testid={`material-${index}-remove`}
          >
            {t('events.form.removeMaterial', { number: index + 1 })}
          </Button>
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => set('materials', [...values.materials, { key: newKey(), label: '', url: '' }])} data-testid="material-add">
          {t('events.form.addMaterial')}
        </Button>
      </Group>
    </Section>
  );
}
