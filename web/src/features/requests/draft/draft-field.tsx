import {
  Badge,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localiseArticle, type RequiredItem } from '../../../../../domain/requests/definition.ts';
import { timeZoneNames } from '../../cases/identifier-time.ts';
import { useCountryNames } from '../../countries/countries-api.ts';
import { localise, textLanguage } from '../request-labels.ts';
import { fieldDomId, valueAt, withValue, type Body, type FieldKind } from './body-paths.ts';
import { IdentifiersField } from './identifiers-field.tsx';

/** Props of {@link DraftField}. */
export interface DraftFieldProps {
  item: RequiredItem;
  kind: FieldKind;
  body: Body;
  onChange: (next: Body) => void;
  /** Whether the item is required now (always, or because its condition holds). */
  active: boolean;
  /** What check() or the server says is wrong with it, once the user should see it. */
  error?: string;
  caseId: string;
}

function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** An emptied text is removed from the body (see withValue). */
function textOrNothing(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * One item of a request as a field: its number and label, a "required by <article>" badge when
 * the law requires it, the reason it matters (`why`), and the input its type calls for.
 */
export function DraftField({ item, kind, body, onChange, active, error, caseId }: DraftFieldProps) {
  const { t, i18n } = useTranslation();
  const language = textLanguage(i18n.language);
  const domId = fieldDomId(item.path);
  const testId = `field-${item.path}`;
  const value = valueAt(body, item.path);
  const set = (next: unknown) => onChange(withValue(body, item.path, next));
  const labelText = `${item.number} · ${localise(item.label, language)}`;
  const badge = active ? (
    <Badge component="span" size="sm" variant="light" color="grape" tt="none" ml={8} style={{ verticalAlign: 'middle' }} data-testid="required-badge">
      {t('requests.draft.requiredBy', { article: localiseArticle(item.article, language) })}
    </Badge>
  ) : item.condition ? (
    <Badge component="span" size="sm" variant="outline" color="gray" tt="none" ml={8} style={{ verticalAlign: 'middle' }}>
      {t('requests.draft.requiredWhen', { when: localise(item.condition.when, language) })}
    </Badge>
  ) : null;
  // The same weight whatever the input: a text field's label, a checkbox's, a group's legend.
  const label: ReactNode = (
    <>
      <span style={{ fontWeight: 600 }}>{labelText}</span>
      {badge}
    </>
  );
  const why = localise(item.why, language);
  const common = { id: domId, label, description: why, error, 'data-testid': testId, 'aria-required': active || undefined };

  switch (kind.kind) {
    case 'text':
      return kind.long ? (
        <Textarea {...common} autosize minRows={2} maxRows={14} value={asText(value)} onChange={(event) => set(textOrNothing(event.currentTarget.value))} />
      ) : (
        <TextInput {...common} value={asText(value)} onChange={(event) => set(textOrNothing(event.currentTarget.value))} />
      );
    case 'date':
      return <TextInput {...common} type="date" value={asText(value)} onChange={(event) => set(textOrNothing(event.currentTarget.value))} w={220} />;
    case 'number':
      return (
        <TextInput
          {...common}
          type="number"
          inputMode="numeric"
          min={0}
          value={asText(value)}
          onChange={(event) => {
            const raw = event.currentTarget.value;
            const parsed = Number.parseInt(raw, 10);
            set(raw === '' || Number.isNaN(parsed) ? undefined : parsed);
          }}
          w={220}
        />
      );
    case 'timeZone':
      return <TimeZoneField common={common} value={asText(value) || null} onChange={(zone) => set(zone ?? undefined)} />;
    case 'country':
      return <CountryField common={common} value={asText(value)} onChange={(code) => set(textOrNothing(code))} />;
    case 'select': {
      const options = item.options ?? {};
      return (
        <NativeSelect
          {...common}
          value={asText(value)}
          onChange={(event) => set(textOrNothing(event.currentTarget.value))}
          data={[
            { value: '', label: t('requests.draft.choose') },
            ...kind.options.map((option) => ({ value: option, label: options[option] ? localise(options[option], language) : option })),
          ]}
        />
      );
    }
    case 'multi': {
      const options = item.options ?? {};
      const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      return (
        <Checkbox.Group
          id={domId}
          label={label}
          description={why}
          error={error}
          value={chosen}
          // The order of the definition, whatever order the boxes were ticked in.
          onChange={(next) => set(kind.options.filter((option) => next.includes(option)))}
          data-testid={testId}
        >
          <Stack gap={6} mt={6}>
            {kind.options.map((option) => (
              <Checkbox
                key={option}
                value={option}
                label={options[option] ? localise(options[option], language) : option}
                data-testid={`${testId}-${option}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    }
    case 'statement':
      return (
        <FieldGroup legend={label} why={why} id={domId} testId={testId}>
          <Checkbox
            checked={value === true}
            onChange={(event) => set(event.currentTarget.checked ? true : undefined)}
            label={item.statement ? localise(item.statement, language) : labelText}
            error={error}
            styles={{ label: { fontStyle: 'italic' } }}
            data-testid={testId}
          />
        </FieldGroup>
      );
    case 'boolean':
      return kind.yesNo ? (
        <Radio.Group
          id={domId}
          label={label}
          description={why}
          error={error}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(next) => set(next === 'yes' ? true : next === 'no' ? false : undefined)}
          data-testid={testId}
        >
          <Group mt={6}>
            <Radio value="yes" label={t('common.yes')} data-testid={`${testId}-yes`} />
            <Radio value="no" label={t('common.no')} data-testid={`${testId}-no`} />
          </Group>
        </Radio.Group>
      ) : (
        <Checkbox
          id={domId}
          checked={value === true}
          onChange={(event) => set(event.currentTarget.checked)}
          label={label}
          description={why}
          error={error}
          data-testid={testId}
        />
      );
    case 'period':
      return (
        <FieldGroup legend={label} why={why} id={domId} testId={testId}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={480}>
            {(['from', 'to'] as const).map((end) => (
              <TextInput
                key={end}
                type="date"
                label={t(`requests.draft.period.${end}`)}
                value={asText(valueAt(body, `${item.path}.${end}`)).slice(0, 10)}
                onChange={(event) => onChange(withValue(body, `${item.path}.${end}`, textOrNothing(event.currentTarget.value)))}
                error={end === 'from' ? error : undefined}
                data-testid={`${testId}-${end}`}
              />
            ))}
          </SimpleGrid>
        </FieldGroup>
      );
    case 'identifiers':
      return (
        <FieldGroup legend={label} why={why} id={domId} testId={testId}>
          <IdentifiersField value={value} onChange={set} caseId={caseId} error={error} />
        </FieldGroup>
      );
  }
}

/** A field made of several inputs: its label as a legend, and the reason it matters under it. */
function FieldGroup({ legend, why, id, testId, children }: { legend: ReactNode; why: string; id: string; testId: string; children: ReactNode }) {
  return (
    <Fieldset
      legend={legend}
      variant="unstyled"
      id={id}
      styles={{ legend: { fontSize: 'var(--mantine-font-size-sm)', marginBottom: 2 } }}
      data-testid={`${testId}-fieldset`}
    >
      <Text size="xs" c="dimmed" mb={8}>
        {why}
      </Text>
      {children}
    </Fieldset>
  );
}

interface CommonProps {
  id: string;
  label: ReactNode;
  description: string;
  error?: string;
  'data-testid': string;
  'aria-required'?: boolean;
}

function TimeZoneField({ common, value, onChange }: { common: CommonProps; value: string | null; onChange: (zone: string | null) => void }) {
  const { t } = useTranslation();
  const zones = useMemo(() => timeZoneNames(), []);
  return (
    <Select
      {...common}
      placeholder={t('cases.identifiers.form.timeZonePlaceholder')}
      searchable
      clearable
      value={value}
      onChange={onChange}
      data={zones}
      limit={60}
      nothingFoundMessage={t('cases.identifiers.form.noZone')}
      clearButtonProps={{ 'aria-label': t('cases.identifiers.form.clearZone'), 'aria-hidden': false, tabIndex: 0 }}
      maw={360}
    />
  );
}

function CountryField({ common, value, onChange }: { common: CommonProps; value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const known = countries.options.some((option) => option.value === value);
  return (
    <NativeSelect
      {...common}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: '', label: t('routes.form.chooseCountry') },
        // A code the list does not hold (yet) is still shown as it is.
        ...(value && !known ? [{ value, label: value }] : []),
        ...countries.options,
      ]}
      maw={360}
    />
  );
}
