import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseIdentifier } from '../../../../domain/cases.ts';
import {
  CRYPTO_NETWORKS,
  IDENTIFIER_KINDS,
  cryptoNetworkSchema,
  identifierKindSchema,
  parseIdentifier,
  type IdentifierKind,
  type NormalisedIdentifier,
} from '../../../../domain/identifiers.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors, type FieldErrors } from '../../ui/errors.ts';
import { useAddIdentifier, type IdentifierBody } from './cases-api.ts';
import { formatObservedLocal, formatObservedUtc, timeZoneNames } from './identifier-time.ts';

interface IdentifierFormValues {
  kind: IdentifierKind;
  value: string;
  observedAt: string;
  timeZone: string | null;
  platform: string;
  network: string;
  note: string;
}

const EMPTY: IdentifierFormValues = { kind: 'ip', value: '', observedAt: '', timeZone: null, platform: '', network: '', note: '' };

/** The kinds whose value means nothing without the service it belongs to. */
const PLATFORM_KINDS: readonly IdentifierKind[] = ['username', 'device_id'];

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The request body: empty optional fields are left out; platform and network only where they apply. */
function toBody(values: IdentifierFormValues): IdentifierBody {
  const network = cryptoNetworkSchema.safeParse(values.network);
  return {
    kind: values.kind,
    value: values.value,
    observedAt: optional(values.observedAt),
    timeZone: values.timeZone ?? undefined,
    platform: PLATFORM_KINDS.includes(values.kind) ? optional(values.platform) : undefined,
    network: values.kind === 'crypto' && network.success ? network.data : undefined,
    note: optional(values.note),
  };
}

/** What the last addition did: a new record, or a merge into one already in the case. */
interface Outcome {
  identifier: CaseIdentifier;
  merged: boolean;
}

/**
 * Adds an identifier. The rules of each kind live in domain/identifiers.ts and the server applies
 * them; the form checks what it must say in the reader's language (an IP address needs its time
 * and zone) and previews the canonical form the server will record, as the investigator types.
 */
export function IdentifierForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<IdentifierFormValues>(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const add = useAddIdentifier(caseId);
  const errors = mergeFieldErrors(clientErrors, add.error);
  const zones = useMemo(() => timeZoneNames(), []);
  const isIp = values.kind === 'ip';

  const set = <K extends keyof IdentifierFormValues>(name: K, value: IdentifierFormValues[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    // A corrected field loses its message; the others keep theirs until the next submission.
    setClientErrors(({ [name]: _dropped, ...rest }) => rest);
  };

  const preview = useMemo(() => {
    if (values.value.trim() === '') return null;
    const parsed = parseIdentifier(toBody(values));
    return parsed.ok ? parsed.identifier : null;
  }, [values]);

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (values.value.trim() === '') found.value = t('validation.required');
    if (isIp && values.observedAt.trim() === '') found.observedAt = t('cases.identifiers.form.ipTimeRequired');
    if (isIp && values.timeZone === null) found.timeZone = t('cases.identifiers.form.ipZoneRequired');
    if (values.kind === 'username' && values.platform.trim() === '') found.platform = t('cases.identifiers.form.platformRequired');
    return found;
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="identifier-add-heading">
      <Title order={2} size="h3" id="identifier-add-heading" mb="sm">
        {t('cases.identifiers.form.heading')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = check();
          setClientErrors(found);
          setOutcome(null);
          if (Object.keys(found).length > 0) {
            add.reset();
            return;
          }
          add.mutate(toBody(values), {
            onSuccess: (answer) => {
              setOutcome(answer);
              // The next identifier from the same log keeps its kind, zone and platform.
              setValues((previous) => ({ ...previous, value: '', observedAt: '', note: '' }));
            },
          });
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={add.error} />
          {outcome && <OutcomeNotice outcome={outcome} />}
          <Group align="flex-start" gap="md">
            <NativeSelect
              label={t('cases.identifiers.form.kind')}
              value={values.kind}
              onChange={(event) => {
                const kind = identifierKindSchema.safeParse(event.currentTarget.value);
                if (kind.success) {
                  set('kind', kind.data);
                  setClientErrors({});
                  add.reset();
                }
              }}
              data={IDENTIFIER_KINDS.map((kind) => ({ value: kind, label: t(`cases.identifiers.kinds.${kind}`) }))}
              error={errors.kind}
              w={240}
              data-testid="identifier-kind"
            />
            <TextInput
              label={t('cases.identifiers.form.value')}
              description={t(`cases.identifiers.hints.${values.kind}`)}
              required
              value={values.value}
              onChange={(event) => set('value', event.currentTarget.value)}
              error={errors.value}
              spellCheck={false}
              autoComplete="off"
              style={{ flex: 1, minWidth: 260 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="identifier-value"
            />
          </Group>

          <Fieldset legend={t('cases.identifiers.form.seenLegend')} variant="filled">
            <Text size="sm" mb="sm" fw={isIp ? 600 : undefined} data-testid="identifier-time-why">
              {isIp ? t('cases.identifiers.form.ipWhy') : t('cases.identifiers.form.timeOptional')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('cases.identifiers.form.observedAt')}
                description={t('cases.identifiers.form.observedAtHint')}
                required={isIp}
                value={values.observedAt}
                onChange={(event) => set('observedAt', event.currentTarget.value)}
                error={errors.observedAt}
                spellCheck={false}
                autoComplete="off"
                data-testid="identifier-observed-at"
              />
              <Select
                label={t('cases.identifiers.form.timeZone')}
                description={t('cases.identifiers.form.timeZoneHint')}
                placeholder={t('cases.identifiers.form.timeZonePlaceholder')}
                required={isIp}
                searchable
                clearable
                value={values.timeZone}
                onChange={(zone) => set('timeZone', zone)}
                data={zones}
                limit={60}
                nothingFoundMessage={t('cases.identifiers.form.noZone')}
                // Mantine hides the clear button from keyboards and screen readers, and a searchable
                // Select cannot be emptied by deleting its text: without this the zone could not be
                // removed again from the keyboard.
                clearButtonProps={{ 'aria-label': t('cases.identifiers.form.clearZone'), 'aria-hidden': false, tabIndex: 0 }}
                error={errors.timeZone}
                data-testid="identifier-time-zone"
              />
            </SimpleGrid>
          </Fieldset>

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {PLATFORM_KINDS.includes(values.kind) && (
              <TextInput
                label={t('cases.identifiers.form.platform')}
                description={t(values.kind === 'username' ? 'cases.identifiers.form.platformHint' : 'cases.identifiers.form.devicePlatformHint')}
                required={values.kind === 'username'}
                value={values.platform}
                onChange={(event) => set('platform', event.currentTarget.value)}
                error={errors.platform}
                data-testid="identifier-platform"
              />
            )}
            {values.kind === 'crypto' && (
              <NativeSelect
                label={t('cases.identifiers.form.network')}
                description={t('cases.identifiers.form.networkHint')}
                value={values.network}
                onChange={(event) => set('network', event.currentTarget.value)}
                data={[
                  { value: '', label: t('cases.identifiers.form.networkDetect') },
                  ...CRYPTO_NETWORKS.map((network) => ({ value: network, label: t(`cases.identifiers.networks.${network}`) })),
                ]}
                error={errors.network}
                data-testid="identifier-network"
              />
            )}
          </SimpleGrid>

          <Textarea
            label={t('cases.identifiers.form.note')}
            description={t('cases.identifiers.form.noteHint')}
            autosize
            minRows={1}
            maxRows={6}
            value={values.note}
            onChange={(event) => set('note', event.currentTarget.value)}
            error={errors.note}
            data-testid="identifier-note"
          />

          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Preview identifier={preview} />
            <Button type="submit" loading={add.isPending} data-testid="identifier-submit">
              {t('cases.identifiers.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The canonical form the browser computed with the server's own rules, before it is sent. */
function Preview({ identifier }: { identifier: NormalisedIdentifier | null }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" aria-live="polite" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }} data-testid="identifier-preview">
      {identifier &&
        t('cases.identifiers.form.preview', {
          display: identifier.display,
          time:
            identifier.observedAt && identifier.localTime
              ? t('cases.identifiers.form.previewTime', {
                  utc: formatObservedUtc(identifier.observedAt),
                  local: formatObservedLocal(identifier.localTime),
                })
              : '',
        })}
    </Text>
  );
}

/** What the last addition did, and where else the identifier turns up. */
function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const { identifier, merged } = outcome;
  return (
    <Alert
      color={identifier.links.length > 0 ? 'orange' : merged ? 'blue' : 'green'}
      role="status"
      title={
        merged
          ? t('cases.identifiers.merged', { count: identifier.occurrences })
          : t('cases.identifiers.added', { display: identifier.display })
      }
      styles={{ title: { overflowWrap: 'anywhere' } }}
      data-testid="identifier-outcome"
    >
      {identifier.links.length > 0 ? (
        <List size="sm" spacing={2} data-testid="identifier-outcome-links">
          {identifier.links.map((link) => (
            <List.Item key={link.identifierId}>
              <Anchor component={Link} to={`/cases/${link.caseId}?tab=identifiers`} fw={600}>
                {t('cases.identifiers.alsoInCase', { reference: link.reference, title: link.title })}
              </Anchor>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t('cases.identifiers.noLinks')}</Text>
      )}
    </Alert>
  );
}
