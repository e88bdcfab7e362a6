import { ActionIcon, Button, Group, Input, MultiSelect, NativeSelect, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  TRAINING_AUDIENCES,
  TRAINING_FORMATS,
  TRAINING_KINDS,
  TRAINING_LEVELS,
  TRAINING_TOPICS,
  trainingInputSchema,
  trainingUpdateSchema,
  type TrainingFormat,
  type TrainingItem,
  type TrainingKind,
  type TrainingLevel,
  type TrainingLink,
} from '../../../../domain/training.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import type { FieldErrors } from '../../ui/errors.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { useCreateTraining, useUpdateTraining } from './training-api.ts';
import { languageOptions, optionsOf } from './training-labels.ts';

/** Inputs side by side show their hint below, so the inputs line up whatever the hint's length. */
const HINT_BELOW: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];

/** Props of {@link TrainingFormModal}. */
export interface TrainingFormModalProps {
  opened: boolean;
  /** The entry to edit; `null` adds a new one. */
  existing: TrainingItem | null;
  onClose: () => void;
}

/** Adds a catalogue entry (its page opens once it exists), or edits one. */
export function TrainingFormModal({ opened, existing, onClose }: TrainingFormModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={existing ? t('training.form.editTitle', { title: existing.title }) : t('training.form.newTitle')} size="xl">
      {opened && (existing ? <EditForm existing={existing} onDone={onClose} /> : <NewForm onDone={onClose} />)}
    </AppModal>
  );
}

/** What the form holds: text for every input, so an empty date or place is '' until sent. */
interface FormValues {
  kind: TrainingKind;
  title: string;
  provider: string;
  summary: string;
  description: string;
  audiences: string[];
  topics: string[];
  languages: string[];
  format: TrainingFormat;
  level: TrainingLevel;
  startsOn: string;
  endsOn: string;
  location: string;
  links: TrainingLink[];
  public: boolean;
}

const EMPTY: FormValues = {
  kind: 'course', title: '', provider: '', summary: '', description: '', audiences: [], topics: [], languages: [],
  format: 'online', level: 'introductory', startsOn: '', endsOn: '', location: '', links: [], public: false,
};

function valuesOf(item: TrainingItem): FormValues {
  return {
    kind: item.kind, title: item.title, provider: item.provider, summary: item.summary, description: item.description,
    audiences: [...item.audiences], topics: [...item.topics], languages: [...item.languages], format: item.format, level: item.level,
    startsOn: item.startsOn ?? '', endsOn: item.endsOn ?? '', location: item.location ?? '', links: item.links.map((l) => ({ ...l })), public: item.public,
  };
}

/**
 * The body the API takes. Fields that do not apply to the format are sent empty rather than
 * kept: a self-paced entry has no dates, only a classroom course has a location.
 */
function bodyOf(v: FormValues) {
  return {
    ...v,
    startsOn: v.format === 'self_paced' || v.startsOn === '' ? null : v.startsOn,
    endsOn: v.format === 'self_paced' || v.endsOn === '' ? null : v.endsOn,
    location: v.format === 'classroom' ? v.location : null,
    links: v.links.filter((l) => l.url.trim() !== '' || l.label.trim() !== ''),
  };
}

/** Messages for the rules across fields, which a generic "not valid" would not explain. */
function useCoherenceMessages(v: FormValues): FieldErrors {
  const { t } = useTranslation();
  return {
    startsOn: t('training.form.startRequired'),
    endsOn: t('training.form.endBeforeStart'),
    location: t('training.form.locationRequired'),
    ...(v.links.length ? Object.fromEntries(v.links.map((_l, i) => [`links.${i}.url`, t('training.form.linkUrlInvalid')])) : {}),
  };
}

function NewForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTraining();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const form = useSchemaForm(trainingInputSchema, {
    ...create,
    mutate: (body) =>
      create.mutate(body, {
        onSuccess: (created) => {
          notifySuccess(t('training.form.created', { title: created.title }));
          onDone();
          void navigate(`/training/${created.id}`);
        },
      }),
  }, useCoherenceMessages(values));
  return (
    <TrainingFields
      values={values}
      setValues={setValues}
      errors={form.errors}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('training.form.create')}
      onSubmit={() => form.submit(bodyOf(values))}
      onCancel={onDone}
    />
  );
}

function EditForm({ existing, onDone }: { existing: TrainingItem; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateTraining(existing.id);
  const [values, setValues] = useState<FormValues>(() => valuesOf(existing));
  const form = useSchemaForm(trainingUpdateSchema, {
    ...update,
    mutate: (body) =>
      update.mutate(body, {
        onSuccess: () => {
          notifySuccess(t('training.form.updated'));
          onDone();
        },
      }),
  }, useCoherenceMessages(values));
  return (
    <TrainingFields
      values={values}
      setValues={setValues}
      errors={form.errors}
      error={update.error}
      pending={update.isPending}
      submitLabel={t('common.save')}
      onSubmit={() => form.submit({ ...bodyOf(values), version: existing.version })}
      onCancel={onDone}
    />
  );
}

interface TrainingFieldsProps {
  values: FormValues;
  setValues: (update: (previous: FormValues) => FormValues) => void;
  errors: FieldErrors;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The first message about `field` or anything under it (`languages.0`, `links.1.url`). */
function errorFor(errors: FieldErrors, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

function TrainingFields({ values, setValues, errors, error, pending, submitLabel, onSubmit, onCancel }: TrainingFieldsProps) {
  const { t, i18n } = useTranslation();
  const set = <K extends keyof FormValues>(name: K, value: FormValues[K]) => setValues((previous) => ({ ...previous, [name]: value }));
  const setLink = (index: number, patch: Partial<TrainingLink>) =>
    setValues((previous) => ({ ...previous, links: previous.links.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
  const dated = values.format !== 'self_paced';

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack>
        <ErrorAlert error={error} />
        <Stack gap={4}>
          <Input.Label labelElement="div" id="training-kind-label">{t('training.fields.kind')}</Input.Label>
          <SegmentedControl
            aria-labelledby="training-kind-label"
            value={values.kind}
            onChange={(value) => set('kind', value as TrainingKind)}
            data={optionsOf(TRAINING_KINDS, i18n.language)}
            data-testid="training-form-kind"
          />
        </Stack>
        <TextInput
          label={t('training.fields.title')}
          required
          value={values.title}
          onChange={(event) => set('title', event.currentTarget.value)}
          error={errors.title}
          data-testid="training-form-title"
          data-autofocus
        />
        <TextInput
          label={t('training.fields.provider')}
          description={t('training.form.providerHint')}
          required
          value={values.provider}
          onChange={(event) => set('provider', event.currentTarget.value)}
          error={errors.provider}
          data-testid="training-form-provider"
        />
        <Textarea
          label={t('training.fields.summary')}
          description={t('training.form.summaryHint')}
          autosize
          minRows={2}
          maxRows={4}
          value={values.summary}
          onChange={(event) => set('summary', event.currentTarget.value)}
          error={errors.summary}
          data-testid="training-form-summary"
        />
        <Textarea
          label={t('training.fields.description')}
          description={t('training.form.descriptionHint')}
          autosize
          minRows={3}
          maxRows={12}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.description}
          data-testid="training-form-description"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('training.fields.audiences')}
            required
            searchable
            data={optionsOf(TRAINING_AUDIENCES, i18n.language)}
            value={values.audiences}
            onChange={(chosen) => set('audiences', chosen)}
            hidePickedOptions
            error={errorFor(errors, 'audiences')}
            data-testid="training-form-audiences"
          />
          <MultiSelect
            label={t('training.fields.topics')}
            required
            searchable
            data={optionsOf(TRAINING_TOPICS, i18n.language)}
            value={values.topics}
            onChange={(chosen) => set('topics', chosen)}
            hidePickedOptions
            error={errorFor(errors, 'topics')}
            data-testid="training-form-topics"
          />
          <MultiSelect
            label={t('training.fields.languages')}
            description={t('training.form.languagesHint')}
            required
            searchable
            limit={30}
            data={languageOptions(i18n.language)}
            value={values.languages}
            onChange={(chosen) => set('languages', chosen)}
            hidePickedOptions
            error={errorFor(errors, 'languages')}
            data-testid="training-form-languages"
          />
          <SimpleGrid cols={2}>
            <NativeSelect
              label={t('training.fields.format')}
              required
              value={values.format}
              onChange={(event) => set('format', event.currentTarget.value as TrainingFormat)}
              data={optionsOf(TRAINING_FORMATS, i18n.language)}
              error={errors.format}
              data-testid="training-form-format"
            />
            <NativeSelect
              label={t('training.fields.level')}
              required
              value={values.level}
              onChange={(event) => set('level', event.currentTarget.value as TrainingLevel)}
              data={optionsOf(TRAINING_LEVELS, i18n.language)}
              error={errors.level}
              data-testid="training-form-level"
            />
          </SimpleGrid>
        </SimpleGrid>
        {dated ? (
          <SimpleGrid cols={{ base: 1, sm: values.format === 'classroom' ? 3 : 2 }}>
            <TextInput
              inputWrapperOrder={HINT_BELOW}
              type="date"
              label={t('training.fields.startsOn')}
              description={t('training.form.datesHint')}
              value={values.startsOn}
              onChange={(event) => set('startsOn', event.currentTarget.value)}
              error={errors.startsOn}
              data-testid="training-form-starts"
            />
            <TextInput
              inputWrapperOrder={HINT_BELOW}
              type="date"
              label={t('training.fields.endsOn')}
              description={t('training.form.endHint')}
              value={values.endsOn}
              onChange={(event) => set('endsOn', event.currentTarget.value)}
              error={errors.endsOn}
              data-testid="training-form-ends"
            />
            {values.format === 'classroom' && (
              <TextInput
                inputWrapperOrder={HINT_BELOW}
                label={t('training.fields.location')}
                description={t('training.form.locationHint')}
                required
                value={values.location}
                onChange={(event) => set('location', event.currentTarget.value)}
                error={errors.location}
                data-testid="training-form-location"
              />
            )}
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">{t('training.form.selfPacedNoDates')}</Text>
        )}

        <Stack gap="xs">
          <Stack gap={0}>
            <Input.Label labelElement="div">{t('training.fields.links')}</Input.Label>
            <Input.Description>{t('training.form.linksHint')}</Input.Description>
          </Stack>
          {values.links.map((link, index) => (
            <Group key={index} align="flex-start" wrap="nowrap" gap="xs">
              <TextInput
                style={{ flex: 2 }}
                label={t('training.form.linkUrl', { number: index + 1 })}
                placeholder="https://"
                value={link.url}
                onChange={(event) => setLink(index, { url: event.currentTarget.value })}
                error={errors[`links.${index}.url`]}
                data-testid={`training-form-link-url-${index}`}
              />
              <TextInput
                style={{ flex: 1 }}
                label={t('training.form.linkLabel', { number: index + 1 })}
                value={link.label}
                onChange={(event) => setLink(index, { label: event.currentTarget.value })}
                error={errors[`links.${index}.label`]}
                data-testid={`training-form-link-label-${index}`}
              />
              <ActionIcon
                variant="default"
                size="lg"
                mt={25}
                onClick={() => setValues((previous) => ({ ...previous, links: previous.links.filter((_l, i) => i !== index) }))}
                aria-label={t('training.form.removeLink', { number: index + 1 })}
              >
                <span aria-hidden="true">×</span>
              </ActionIcon>
            </Group>
          ))}
          {values.links.length < 20 && (
            <Group>
              <Button variant="default" size="xs" onClick={() => set('links', [...values.links, { url: '', label: '' }])} data-testid="training-form-add-link">
                {t('training.form.addLink')}
              </Button>
            </Group>
          )}
        </Stack>

        <Switch
          label={t('training.form.publicLabel')}
          description={t('training.form.publicHint')}
          checked={values.public}
          onChange={(event) => set('public', event.currentTarget.checked)}
          data-testid="training-form-public"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="training-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
