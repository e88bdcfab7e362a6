import { Alert, Button, Group, List, NativeSelect, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CANNOT_EXECUTE_GROUNDS, TRANSITION_PAYLOAD_SCHEMAS, type TransitionId } from '../../../../domain/lifecycle.ts';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { ApiError } from '../../api/client.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { describeError, type FieldErrors } from '../../ui/errors.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { validateWith } from '../../ui/validation.ts';
import { useColleagues } from '../cases/cases-api.ts';
import { isPayloadField, isTransitionId, localise, payloadFieldLabel, transitionLabel, userTimeZone } from './request-labels.ts';
import { useTransition } from './requests-api.ts';

type AllowedTransition = RequestView['allowed']['transitions'][number];

/** Transitions that move a request on, shown as the main action. */
const FORWARD: readonly string[] = ['submit_for_validation', 'validate', 'send', 'register', 'answer', 'record_executed'];
/** Transitions that end or undo something, shown in red. */
const ENDING: readonly string[] = ['withdraw', 'refuse', 'reject_validation', 'record_refusal', 'record_cannot_execute', 'report_cannot_execute'];

/** Props of {@link TransitionActions}. */
export interface TransitionActionsProps {
  request: RequestView;
  /** Runs before a transition is fired (saves the draft); false stops it. */
  beforeFire?: () => Promise<boolean>;
  /** The server refused because items are missing: show them in the draft. */
  onMissing?: (paths: string[]) => void;
}

/** The transitions the user may fire now, as buttons; each opens a small form for what it must carry. */
export function TransitionActions({ request, beforeFire, onMissing }: TransitionActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<AllowedTransition | null>(null);
  if (request.allowed.transitions.length === 0) return null;
  return (
    <>
      <Group gap="xs" data-testid="request-transitions">
        {request.allowed.transitions.map((transition) => (
          <Button
            key={transition.id}
            variant={FORWARD.includes(transition.id) ? 'filled' : ENDING.includes(transition.id) ? 'outline' : 'default'}
            color={ENDING.includes(transition.id) ? 'red.9' : undefined}
            onClick={() => setOpen(transition)}
            data-testid={`transition-${transition.id}`}
          >
            {transitionLabel(transition.id, t)}
          </Button>
        ))}
      </Group>
      <AppModal opened={open !== null} onClose={() => setOpen(null)} title={open ? transitionLabel(open.id, t) : ''} size="lg">
        {open && isTransitionId(open.id) && (
          <TransitionForm
            key={open.id}
            request={request}
            transition={open.id}
            beforeFire={beforeFire}
            onDone={() => setOpen(null)}
            onShowMissing={(paths) => {
              setOpen(null);
              onMissing?.(paths);
            }}
          />
        )}
      </AppModal>
    </>
  );
}

/** A payload field: its key in the transition's schema and whether it must be given. */
interface PayloadField {
  key: string;
  optional: boolean;
  schema: z.ZodType;
}

function payloadFields(transition: TransitionId): PayloadField[] {
  const schema = TRANSITION_PAYLOAD_SCHEMAS[transition] as unknown as z.ZodObject<Record<string, z.ZodType>>;
  return Object.entries(schema.shape).map(([key, field]) => ({ key, optional: field instanceof z.ZodOptional, schema: field }));
}

const LONG_FIELDS = new Set(['note', 'decision', 'reason', 'summary']);
/** What the server refused, sorted for the form: missing items of the request, payload fields, or a sentence. */
interface Refusal {
  items: { path: string; message: string }[];
  fields: FieldErrors;
  sentence: string | null;
}

function sentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

interface TransitionFormProps {
  request: RequestView;
  transition: TransitionId;
  beforeFire?: () => Promise<boolean>;
  onDone: () => void;
  onShowMissing: (paths: string[]) => void;
}

function TransitionForm({ request, transition, beforeFire, onDone, onShowMissing }: TransitionFormProps) {
  const { t, i18n } = useTranslation();
  const fire = useTransition(request.id);
  const fields = payloadFields(transition);
  const [values, setValues] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const [notSaved, setNotSaved] = useState(false);
  const colleagues = useColleagues(fields.some((field) => field.key === 'assigneeId'));
  const zone = userTimeZone();

  function payload(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const raw = (values[field.key] ?? '').trim();
      if (raw === '') continue;
      if (field.key === 'occurredAt') {
        const date = new Date(raw);
        out[field.key] = Number.isNaN(date.getTime()) ? raw : date.toISOString();
      } else out[field.key] = raw;
    }
    return out;
  }

  /** The server's refusal in the reader's language where the draft's check has the same item. */
  function readRefusal(error: unknown): Refusal {
    if (!(error instanceof ApiError)) return { items: [], fields: {}, sentence: describeError(error, t) };
    const items: Refusal['items'] = [];
    const payloadErrors: FieldErrors = {};
    for (const field of error.body.error.fields) {
      if (field.path.startsWith('body.')) {
        const path = field.path.slice('body.'.length);
        const known = request.check.missing.find((missing) => missing.path === path);
        items.push({ path, message: known ? localise(known.message, i18n.language) : field.message });
      } else if (field.path.startsWith('payload.')) {
        payloadErrors[field.path.slice('payload.'.length)] = field.message;
      }
    }
    if (items.length > 0 || Object.keys(payloadErrors).length > 0) return { items, fields: payloadErrors, sentence: null };
    // A refusal of the lifecycle (403) or a conflict is a sentence naming the reason: show it as it is.
    if ((error.status === 403 || error.status === 409) && error.body.error.message) return { items, fields: {}, sentence: sentence(error.body.error.message) };
    return { items, fields: {}, sentence: describeError(error, t) };
  }

  async function submit() {
    const body = payload();
    const checked = validateWith(TRANSITION_PAYLOAD_SCHEMAS[transition], body, t);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors({});
    setRefusal(null);
    setNotSaved(false);
    if (beforeFire) {
      setSaving(true);
      const saved = await beforeFire();
      setSaving(false);
      if (!saved) {
        setNotSaved(true);
        return;
      }
    }
    fire.mutate(
      { transition, payload: body },
      {
        onSuccess: () => {
          notifySuccess(t('requests.transitions.done', { action: transitionLabel(transition, t) }));
          onDone();
        },
        onError: (error) => setRefusal(readRefusal(error)),
      },
    );
  }

  const errors: FieldErrors = { ...(refusal?.fields ?? {}), ...clientErrors };
  const hint = (key: string) => (isPayloadField(key) ? t(`requests.payload.${key}.hint`, { zone }) : undefined);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Text size="sm">{t(`requests.transitions.${transition}.explain`)}</Text>
        {notSaved && (
          <Alert color="red" role="alert" data-testid="transition-not-saved">
            {t('requests.transitions.notSaved')}
          </Alert>
        )}
        {refusal && refusal.items.length > 0 && (
          <Alert color="red" role="alert" title={t('requests.transitions.missingTitle')} data-testid="transition-error">
            <List size="sm" spacing={4}>
              {refusal.items.map((item) => (
                <List.Item key={item.path}>{item.message}</List.Item>
              ))}
            </List>
            <Button
              mt="sm"
              size="xs"
              variant="default"
              onClick={() => onShowMissing(refusal.items.map((item) => item.path))}
              data-testid="transition-show-missing"
            >
              {t('requests.transitions.showMissing')}
            </Button>
          </Alert>
        )}
        {refusal?.sentence && (
          <Alert color="red" role="alert" data-testid="transition-error">
            {refusal.sentence}
          </Alert>
        )}
        {fields.map((field) => {
          const common = {
            label: payloadFieldLabel(field.key, t),
            description: hint(field.key),
            required: !field.optional,
            value: values[field.key] ?? '',
            error: errors[field.key],
            'data-testid': `payload-${field.key}`,
          };
          const set = (value: string) => setValues((previous) => ({ ...previous, [field.key]: value }));
          if (field.key === 'ground') {
            return (
              <NativeSelect
                key={field.key}
                {...common}
                onChange={(event) => set(event.currentTarget.value)}
                data={[
                  { value: '', label: t('requests.draft.choose') },
                  ...CANNOT_EXECUTE_GROUNDS.map((ground) => ({ value: ground, label: t(`requests.grounds.${ground}`) })),
                ]}
              />
            );
          }
          if (field.key === 'recipient') {
            return (
              <NativeSelect
                key={field.key}
                {...common}
                onChange={(event) => set(event.currentTarget.value)}
                data={[
                  { value: '', label: t('requests.draft.choose') },
                  { value: 'provider', label: t('requests.payload.recipient.provider') },
                  { value: 'domestic_authority', label: t('requests.payload.recipient.domestic_authority') },
                ]}
              />
            );
          }
          if (field.key === 'assigneeId') {
            return (
              <Select
                key={field.key}
                {...common}
                value={values[field.key] ?? null}
                onChange={(value) => set(value ?? '')}
                searchable
                data={(colleagues.data?.items ?? []).map((colleague) => ({ value: colleague.id, label: `${colleague.displayName} (${colleague.email})` }))}
              />
            );
          }
          if (field.key === 'occurredAt') {
            return <TextInput key={field.key} {...common} type="datetime-local" step={1} onChange={(event) => set(event.currentTarget.value)} maw={300} />;
          }
          return LONG_FIELDS.has(field.key) ? (
            <Textarea key={field.key} {...common} autosize minRows={2} maxRows={8} onChange={(event) => set(event.currentTarget.value)} />
          ) : (
            <TextInput key={field.key} {...common} onChange={(event) => set(event.currentTarget.value)} />
          );
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving || fire.isPending} color={ENDING.includes(transition) ? 'red' : undefined} data-testid="transition-submit">
            {transitionLabel(transition, t)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
