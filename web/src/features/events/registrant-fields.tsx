import { Checkbox, NativeSelect, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  answerErrors,
  organisationTypeSchema,
  participantRoleSchema,
  type Answer,
  type Answers,
  type OrganisationType,
  type ParticipantRole,
  type Question,
} from '../../../../domain/events.ts';
import type { FieldErrors } from '../../ui/errors.ts';
import { countryOptions, organisationTypeOptions, roleOptions } from './event-labels.ts';

/** The fields every registration has, as typed (selects start empty: nobody is a prosecutor by default). */
export interface RegistrantValues {
  name: string;
  organisation: string;
  organisationType: OrganisationType | '';
  country: string | null;
  role: ParticipantRole | '';
  email: string;
  answers: Answers;
}

/** An empty registration. */
export const EMPTY_REGISTRANT: RegistrantValues = { name: '', organisation: '', organisationType: '', country: null, role: '', email: '', answers: {} };

/** Choice questions with more options than this are a drop-down rather than radio buttons. */
const MAX_RADIOS = 8;

/** The payload fields of the values; empty answers are left out (an unanswered question has no answer). */
export function registrantPayload(values: RegistrantValues) {
  const answers = Object.fromEntries(
    Object.entries(values.answers).filter(([, answer]) => !(answer === '' || answer === false || (Array.isArray(answer) && answer.length === 0))),
  );
  return {
    name: values.name,
    organisation: values.organisation,
    organisationType: values.organisationType === '' ? null : values.organisationType,
    country: values.country ?? '',
    role: values.role,
    email: values.email,
    answers,
  };
}

/**
 * The browser's own check of what the schema cannot say well: empty selects are "required", not
 * "invalid", and the answers follow the event's questions (the same pure rule the server runs).
 */
export function registrantErrors(values: RegistrantValues, questions: readonly Question[], requireAnswers: boolean, required: string): FieldErrors {
  const errors: FieldErrors = {};
  // The contract's "is required" on text is a custom rule, which the generic translation calls "not valid".
  if (values.name.trim() === '') errors.name = required;
  if (values.organisation.trim() === '') errors.organisation = required;
  if (values.country === null) errors.country = required;
  if (values.role === '') errors.role = required;
  for (const { path, message } of answerErrors(questions, registrantPayload(values).answers, { requireAnswers })) errors[path] = message === 'is required' || message === 'must be ticked' ? required : message;
  return errors;
}

/**
 * The error paths of what changed between two versions of the values (`email`, `answers.track`):
 * their messages are out of date once the user edits them.
 */
export function changedPaths(before: RegistrantValues, after: RegistrantValues): string[] {
  const paths = (Object.keys(after) as (keyof RegistrantValues)[]).filter((key) => key !== 'answers' && before[key] !== after[key]);
  const ids = new Set([...Object.keys(before.answers), ...Object.keys(after.answers)]);
  return [...paths, ...[...ids].filter((id) => before.answers[id] !== after.answers[id]).map((id) => `answers.${id}`)];
}

/** `errors` without the messages of `paths`. */
export function dropErrors(errors: FieldErrors, paths: readonly string[]): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !paths.includes(key)));
}

/** Props of {@link RegistrantFields}. */
export interface RegistrantFieldsProps {
  values: RegistrantValues;
  onChange: (values: RegistrantValues) => void;
  questions: readonly Question[];
  errors: FieldErrors;
  /** Custom questions may be left unanswered (the organiser adding someone by hand). */
  answersOptional?: boolean;
  /** Prefix of the test ids, so two forms on one page stay apart. */
  testPrefix?: string;
}

/** Name, organisation, its type, country, role, e-mail, and the event's own questions. */
export function RegistrantFields({ values, onChange, questions, errors, answersOptional = false, testPrefix = 'reg' }: RegistrantFieldsProps) {
  const { t, i18n } = useTranslation();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const set = <K extends keyof RegistrantValues>(name: K, value: RegistrantValues[K]) => onChange({ ...values, [name]: value });
  const setAnswer = (id: string, answer: Answer) => onChange({ ...values, answers: { ...values.answers, [id]: answer } });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('events.registrant.name')}
          required
          autoComplete="name"
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.name}
          data-testid={`${testPrefix}-name`}
        />
        <TextInput
          type="email"
          label={t('events.registrant.email')}
          description={t('events.registrant.emailHint')}
          required
          autoComplete="email"
          value={values.email}
          onChange={(event) => set('email', event.currentTarget.value)}
          error={errors.email}
          data-testid={`${testPrefix}-email`}
        />
        <TextInput
          label={t('events.registrant.organisation')}
          required
          autoComplete="organization"
          value={values.organisation}
          onChange={(event) => set('organisation', event.currentTarget.value)}
          error={errors.organisation}
          data-testid={`${testPrefix}-organisation`}
        />
        <NativeSelect
          label={t('events.registrant.organisationType')}
          value={values.organisationType}
          onChange={(event) => {
            const parsed = organisationTypeSchema.safeParse(event.currentTarget.value);
            set('organisationType', parsed.success ? parsed.data : '');
          }}
          data={[{ value: '', label: t('events.registrant.notSaid') }, ...organisationTypeOptions(i18n.language)]}
          error={errors.organisationType}
          data-testid={`${testPrefix}-organisation-type`}
        />
        <Select
          label={t('events.registrant.country')}
          required
          searchable
          placeholder={t('events.registrant.countryPlaceholder')}
          value={values.country}
          onChange={(country) => set('country', country)}
          data={countries}
          limit={50}
          nothingFoundMessage={t('events.registrant.noCountry')}
          autoComplete="off"
          error={errors.country}
          data-testid={`${testPrefix}-country`}
        />
        <NativeSelect
          label={t('events.registrant.role')}
          required
          value={values.role}
          onChange={(event) => {
            const parsed = participantRoleSchema.safeParse(event.currentTarget.value);
            set('role', parsed.success ? parsed.data : '');
          }}
          data={[{ value: '', label: t('events.registrant.chooseRole') }, ...roleOptions(i18n.language)]}
          error={errors.role}
          data-testid={`${testPrefix}-role`}
        />
      </SimpleGrid>
      {questions.map((question) => (
        <QuestionField
          key={question.id}
          question={question}
          required={question.required && !answersOptional}
          answer={values.answers[question.id]}
          onChange={(answer) => setAnswer(question.id, answer)}
          error={errors[`answers.${question.id}`]}
          testId={`${testPrefix}-answer-${question.id}`}
        />
      ))}
    </Stack>
  );
}

interface QuestionFieldProps {
  question: Question;
  required: boolean;
  answer: Answer | undefined;
  onChange: (answer: Answer) => void;
  error: string | undefined;
  testId: string;
}

function QuestionField({ question, required, answer, onChange, error, testId }: QuestionFieldProps) {
  const { t } = useTranslation();
  switch (question.kind) {
    case 'text':
      return (
        <Textarea
          label={question.label}
          required={required}
          autosize
          minRows={1}
          maxRows={8}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          data-testid={testId}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={question.label}
          required={required}
          checked={answer === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          error={error}
          aria-invalid={error ? true : undefined}
          data-testid={testId}
        />
      );
    case 'choice':
      if (question.multiple) {
        return (
          <Checkbox.Group label={question.label} withAsterisk={required} value={Array.isArray(answer) ? answer : []} onChange={onChange} error={error} data-testid={testId}>
            <Stack gap={6} mt={6}>
              {question.options.map((option) => (
                <Checkbox key={option} value={option} label={option} />
              ))}
            </Stack>
          </Checkbox.Group>
        );
      }
      if (question.options.length > MAX_RADIOS) {
        return (
          <NativeSelect
            label={question.label}
            required={required}
            value={typeof answer === 'string' ? answer : ''}
            onChange={(event) => onChange(event.currentTarget.value)}
            data={[{ value: '', label: t('events.registrant.chooseOne') }, ...question.options]}
            error={error}
            data-testid={testId}
          />
        );
      }
      return (
        <Radio.Group label={question.label} withAsterisk={required} value={typeof answer === 'string' ? answer : null} onChange={onChange} error={error} data-testid={testId}>
          <Stack gap={6} mt={6}>
            {question.options.map((option) => (
              <Radio key={option} value={option} label={option} />
            ))}
          </Stack>
        </Radio.Group>
      );
  }
}
