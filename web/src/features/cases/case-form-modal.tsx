import { Button, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  CASE_STATUSES,
  caseInputSchema,
  casePatchSchema,
  handlingCodeSchema,
  offenceCategorySchema,
  type Case,
  type CaseStatus,
  type HandlingCode,
  type OffenceCategory,
} from '../../../../domain/cases.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { handlingOptions, offenceOptions } from './case-labels.ts';
import { useCreateCase, useUpdateCase } from './cases-api.ts';

/** Props of {@link CaseFormModal}. */
export interface CaseFormModalProps {
  opened: boolean;
  /** The case to edit; `null` opens a new one. */
  existing: Case | null;
  onClose: () => void;
}

/** Opens a case, or edits one (then with its status); the new case's page opens once it exists. */
export function CaseFormModal({ opened, existing, onClose }: CaseFormModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={existing ? t('cases.form.editTitle', { reference: existing.reference }) : t('cases.form.newTitle')}
      size="lg"
    >
      {opened && (existing ? <EditCaseForm existing={existing} onDone={onClose} /> : <NewCaseForm onDone={onClose} />)}
    </AppModal>
  );
}

interface CaseFormValues {
  title: string;
  summary: string;
  offenceCategories: OffenceCategory[];
  handlingCode: HandlingCode;
  status: CaseStatus;
}

function NewCaseForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCase();
  const form = useSchemaForm(caseInputSchema, {
    ...create,
    mutate: (body) =>
      create.mutate(body, {
        onSuccess: (created) => {
          notifySuccess(t('cases.form.created', { reference: created.reference }));
          onDone();
          void navigate(`/cases/${created.id}`);
        },
      }),
  });
  return (
    <CaseFields
      initial={{ title: '', summary: '', offenceCategories: [], handlingCode: 'H0', status: 'open' }}
      errors={form.errors}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('cases.form.create')}
      onSubmit={({ status: _status, ...values }) => form.submit(values)}
      onCancel={onDone}
    />
  );
}

function EditCaseForm({ existing, onDone }: { existing: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCase(existing.id);
  const form = useSchemaForm(casePatchSchema, {
    ...update,
    mutate: (body) =>
      update.mutate(body, {
        onSuccess: (saved) => {
          notifySuccess(t('cases.form.updated', { reference: saved.reference }));
          onDone();
        },
      }),
  });
  return (
    <CaseFields
      initial={existing}
      withStatus
      errors={form.errors}
      error={update.error}
      pending={update.isPending}
      submitLabel={t('common.save')}
      onSubmit={(values) => form.submit(values)}
      onCancel={onDone}
    />
  );
}

interface CaseFieldsProps {
  initial: CaseFormValues;
  withStatus?: boolean;
  errors: Record<string, string>;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: (values: CaseFormValues) => void;
  onCancel: () => void;
}

function CaseFields({ initial, withStatus = false, errors, error, pending, submitLabel, onSubmit, onCancel }: CaseFieldsProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<CaseFormValues>(() => ({
    title: initial.title,
    summary: initial.summary,
    offenceCategories: [...initial.offenceCategories],
    handlingCode: initial.handlingCode,
    status: initial.status,
  }));
  const set = <K extends keyof CaseFormValues>(name: K, value: CaseFormValues[K]) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(values);
      }}
    >
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={t('cases.fields.title')}
          description={t('cases.form.titleHint')}
          required
          value={values.title}
          onChange={(event) => set('title', event.currentTarget.value)}
          error={errors.title}
          data-testid="case-title"
          data-autofocus
        />
        <Textarea
          label={t('cases.fields.summary')}
          description={t('cases.form.summaryHint')}
          autosize
          minRows={3}
          maxRows={12}
          value={values.summary}
          onChange={(event) => set('summary', event.currentTarget.value)}
          error={errors.summary}
          data-testid="case-summary"
        />
        <MultiSelect
          label={t('cases.fields.offences')}
          description={t('cases.form.offencesHint')}
          searchable
          hidePickedOptions
          value={values.offenceCategories}
          onChange={(chosen) =>
            set('offenceCategories', chosen.flatMap((value) => {
              const parsed = offenceCategorySchema.safeParse(value);
              return parsed.success ? [parsed.data] : [];
            }))
          }
          data={offenceOptions(i18n.language)}
          error={errors.offenceCategories}
          data-testid="case-offences"
        />
        <SimpleGrid cols={{ base: 1, sm: withStatus ? 2 : 1 }}>
          <NativeSelect
            label={t('cases.fields.handlingCode')}
            description={t('cases.form.handlingHint')}
            required
            value={values.handlingCode}
            onChange={(event) => {
              const parsed = handlingCodeSchema.safeParse(event.currentTarget.value);
              if (parsed.success) set('handlingCode', parsed.data);
            }}
            data={handlingOptions(i18n.language)}
            error={errors.handlingCode}
            data-testid="case-handling-code"
          />
          {withStatus && (
            <NativeSelect
              label={t('cases.fields.status')}
              description={t('cases.form.statusHint')}
              required
              value={values.status}
              onChange={(event) => {
                const status = CASE_STATUSES.find((candidate) => candidate === event.currentTarget.value);
                if (status) set('status', status);
              }}
              data={CASE_STATUSES.map((value) => ({ value, label: t(`cases.status.${value}`) }))}
              error={errors.status}
              data-testid="case-status-select"
            />
          )}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="case-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
