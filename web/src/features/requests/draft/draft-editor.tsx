import { Alert, Button, Grid, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useEffect, useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../../domain/requests/api.ts';
import type { RequiredItem } from '../../../../../domain/requests/definition.ts';
import { REQUEST_DEFINITIONS } from '../../../../../domain/requests/index.ts';
import { describeError } from '../../../ui/errors.ts';
import { formatDateTime, regionalLocale } from '../../../ui/format.ts';
import { localise, textLanguage } from '../request-labels.ts';
import { useReloadRequest } from '../requests-api.ts';
import { BeforeSendingPanel } from './before-sending-panel.tsx';
import { fieldDomId, fieldKind, itemForPath, type Body } from './body-paths.ts';
import { DraftField } from './draft-field.tsx';
import { clearStashes, readStash, useDraftAutosave, type AutosaveStatus, type StashedDraft } from './use-draft-autosave.ts';

/** What the request page asks of the editor before it fires a transition. */
export interface DraftEditorHandle {
  /** Saves what is typed; false if it could not be saved (the transition must not go). */
  flush: () => Promise<boolean>;
  /** Shows what is missing next to the fields and moves to the first of `paths`. */
  showMissing: (paths: string[]) => void;
}

/** Props of {@link DraftEditor}. */
export interface DraftEditorProps {
  request: RequestView;
  ref?: Ref<DraftEditorHandle>;
}

const FOCUSABLE = 'input:not([type="hidden"]), textarea, select, button';

/**
 * The guided drafting of a request: one step of the type's definition at a time, each item as a
 * field with its article and the reason it matters, "Before sending" beside it, and autosave.
 */
export function DraftEditor({ request, ref }: DraftEditorProps) {
  const { t, i18n } = useTranslation();
  const definition = REQUEST_DEFINITIONS[request.type];
  const draft = useDraftAutosave(request);
  const reload = useReloadRequest();
  const [active, setActive] = useState(0);
  const [showErrors, setShowErrors] = useState(false);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const [offer, setOffer] = useState<StashedDraft | null>(() => {
    const stash = readStash(request.id);
    return stash && JSON.stringify(stash.body) !== JSON.stringify(request.body) ? stash : null;
  });
  const [reloading, setReloading] = useState(false);

  const itemsByPath = useMemo(() => new Map(definition.items.map((item) => [item.path, item])), [definition]);
  const kinds = useMemo(() => new Map(definition.items.map((item) => [item.path, fieldKind(definition, item)])), [definition]);
  const stepOf = (item: RequiredItem | undefined) => (item ? definition.steps.findIndex((step) => step.paths.includes(item.path)) : -1);

  const errors = useMemo(() => {
    const found = new Map<string, string>();
    if (!showErrors) return found;
    for (const missing of draft.check.missing) {
      const item = itemForPath(definition.items, missing.path);
      if (item && !found.has(item.path)) found.set(item.path, localise(missing.message, i18n.language));
    }
    return found;
  }, [showErrors, draft.check.missing, definition.items, i18n.language]);

  const missingPerStep = useMemo(
    () =>
      definition.steps.map(
        (step) => draft.check.missing.filter((missing) => step.paths.includes(itemForPath(definition.items, missing.path)?.path ?? '')).length,
      ),
    [definition, draft.check.missing],
  );

  function jump(path: string) {
    const item = itemForPath(definition.items, path);
    const step = stepOf(item);
    if (step >= 0) setActive(step);
    setShowErrors(true);
    if (item) setFocusPath(item.path);
  }

  useImperativeHandle(ref, () => ({
    flush: draft.flush,
    showMissing: (paths: string[]) => {
      setShowErrors(true);
      const first = paths[0];
      if (first !== undefined) jump(first);
    },
  }));

  // After a jump the step is rendered: bring the field into view and give it the focus.
  useEffect(() => {
    if (focusPath === null) return;
    const container = document.getElementById(fieldDomId(focusPath));
    setFocusPath(null);
    if (!container) return;
    container.scrollIntoView({ block: 'center' });
    const target = container.matches(FOCUSABLE) ? container : container.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus({ preventScroll: true });
  }, [focusPath, active]);

  const step = definition.steps[active];
  const change = (next: Body) => draft.change(next);

  return (
    <Stack gap="md" data-testid="draft-editor">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed">
          {t('requests.draft.intro')}
        </Text>
        <AutosaveLine status={draft.status} dirty={draft.dirty} onRetry={() => void draft.flush()} />
      </Group>

      {draft.status.state === 'conflict' && (
        <Alert color="red" title={t('requests.draft.conflictTitle')} role="alert" data-testid="autosave-conflict">
          {/* The server explains in English; other languages get the translated explanation alone. */}
          {textLanguage(i18n.language) === 'en' && <Text size="sm">{draft.status.message}</Text>}
          <Text size="sm" mt={6}>
            {t('requests.draft.conflictKept')}
          </Text>
          <Button
            mt="sm"
            size="xs"
            variant="default"
            loading={reloading}
            onClick={() => {
              setReloading(true);
              reload(request.id)
                .then((fresh) => {
                  draft.adopt(fresh);
                  const stash = readStash(request.id);
                  setOffer(stash && JSON.stringify(stash.body) !== JSON.stringify(fresh.body) ? stash : null);
                })
                .catch(() => undefined)
                .finally(() => setReloading(false));
            }}
            data-testid="autosave-reload"
          >
            {t('requests.draft.conflictReload')}
          </Button>
        </Alert>
      )}

      {offer && draft.status.state !== 'conflict' && (
        <Alert color="blue" title={t('requests.draft.restoreTitle')} data-testid="draft-restore">
          <Text size="sm">
            {t('requests.draft.restoreBody', { time: formatDateTime(offer.at, i18n.language), version: offer.version })}
          </Text>
          <Group mt="sm" gap="xs">
            <Button
              size="xs"
              onClick={() => {
                const body = offer.body;
                clearStashes(request.id);
                setOffer(null);
                draft.change(body);
              }}
              data-testid="draft-restore-apply"
            >
              {t('requests.draft.restore')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                clearStashes(request.id);
                setOffer(null);
              }}
              data-testid="draft-restore-discard"
            >
              {t('requests.draft.discard')}
            </Button>
          </Group>
        </Alert>
      )}

      <Stepper
        active={active}
        onStepClick={setActive}
        allowNextStepsSelect
        size="sm"
        iconSize={32}
        wrap={false}
        aria-label={t('requests.draft.stepsLabel')}
        styles={{
          steps: { alignItems: 'flex-start' },
          step: { flex: '1 1 0', minWidth: 0, alignItems: 'flex-start' },
          stepWrapper: { alignSelf: 'flex-start' },
          stepBody: { minWidth: 0 },
          stepLabel: { whiteSpace: 'normal', fontSize: 'var(--mantine-font-size-sm)', lineHeight: 1.25 },
          stepDescription: { whiteSpace: 'normal' },
          separator: { flex: '0 0 12px', marginInline: 6, marginTop: 16 },
        }}
        data-testid="draft-stepper"
      >
        {definition.steps.map((entry, index) => {
          const missing = missingPerStep[index] ?? 0;
          return (
            <Stepper.Step
              key={entry.id}
              label={localise(entry.title, i18n.language)}
              description={missing > 0 ? t('requests.draft.stepMissing', { count: missing }) : t('requests.draft.stepComplete')}
              color={missing > 0 ? 'orange' : 'green'}
              completedIcon={missing > 0 ? String(index + 1) : undefined}
              data-testid={`draft-step-${entry.id}`}
            />
          );
        })}
      </Stepper>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {step && (
            <Stack component="section" aria-labelledby="draft-step-heading" gap="lg">
              <Title order={2} size="h3" id="draft-step-heading" data-testid="draft-step-heading">
                {t('requests.draft.stepHeading', { number: active + 1, total: definition.steps.length, title: localise(step.title, i18n.language) })}
              </Title>
              {step.paths.map((path) => {
                const item = itemsByPath.get(path);
                const kind = kinds.get(path);
                if (!item || !kind) return null;
                const required = item.required || (item.condition?.test(draft.body) ?? false);
                return (
                  <DraftField
                    key={path}
                    item={item}
                    kind={kind}
                    body={draft.body}
                    onChange={change}
                    active={required}
                    error={errors.get(path)}
                    caseId={request.caseId}
                  />
                );
              })}
              <Group justify="space-between">
                <Button variant="default" disabled={active === 0} onClick={() => setActive((current) => Math.max(0, current - 1))} data-testid="draft-previous">
                  {t('requests.draft.previous')}
                </Button>
                <Button
                  variant="default"
                  disabled={active >= definition.steps.length - 1}
                  onClick={() => {
                    setActive((current) => Math.min(definition.steps.length - 1, current + 1));
                    window.scrollTo({ top: 0 });
                  }}
                  data-testid="draft-next"
                >
                  {t('requests.draft.next')}
                </Button>
              </Group>
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <div style={{ position: 'sticky', top: 80 }}>
            <BeforeSendingPanel check={draft.check} incoming={request.direction === 'incoming'} onJump={jump} />
          </div>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** "Saved at 14:05", "Saving…", "Not saved": announced politely to screen readers. */
function AutosaveLine({ status, dirty, onRetry }: { status: AutosaveStatus; dirty: boolean; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  let text: string;
  switch (status.state) {
    case 'idle':
      text = dirty ? t('requests.draft.unsaved') : t('requests.draft.upToDate');
      break;
    case 'pending':
      text = t('requests.draft.unsaved');
      break;
    case 'saving':
      text = t('requests.draft.saving');
      break;
    case 'saved':
      text = t('requests.draft.savedAt', {
        time: new Intl.DateTimeFormat(regionalLocale(i18n.language), { hour: '2-digit', minute: '2-digit' }).format(status.at),
      });
      break;
    case 'conflict':
      text = t('requests.draft.notSavedConflict');
      break;
    case 'error':
      text = t('requests.draft.notSaved', { reason: describeError(status.error, t) });
      break;
  }
  return (
    <Group gap="xs">
      <Text size="sm" fw={500} role="status" aria-live="polite" data-testid="autosave-status" data-state={status.state}>
        {text}
      </Text>
      {status.state === 'error' && (
        <Button size="compact-xs" variant="default" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Group>
  );
}
