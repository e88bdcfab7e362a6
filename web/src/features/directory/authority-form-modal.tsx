import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUTHORITY_KINDS,
  CHANNEL_TYPES,
  authorityInputSchema,
  type Authority,
  type AuthorityKind,
  type Channel,
} from '../../../../domain/directory.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { languageName } from '../../ui/names.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { useCountries, useCountryNames } from '../countries/countries-api.ts';
import { useSaveAuthority } from './directory-api.ts';
import { errorWithin, optionalText } from './form-fields.tsx';

/** Props of {@link AuthorityFormModal}. */
export interface AuthorityFormModalProps {
  opened: boolean;
  /** The authority to edit; `null` creates a new one. */
  authority: Authority | null;
  onClose: () => void;
}

/** Creates or edits an authority; the browser checks the form, the server has the last word per field. */
export function AuthorityFormModal({ opened, authority, onClose }: AuthorityFormModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={authority ? t('directory.form.editAuthority', { name: authority.name }) : t('directory.form.newAuthority')}
      size="xl"
    >
      {opened && <AuthorityForm authority={authority} onDone={onClose} />}
    </AppModal>
  );
}

interface AuthorityFormValues {
  country: string;
  kind: AuthorityKind;
  name: string;
  unit: string;
  availability: '24/7' | 'office_hours';
  officeHours: string;
  timeZone: string;
  channels: Channel[];
  languages: string[];
  encryptionRequired: boolean;
  eSignatureRequired: boolean;
  requirements: string;
  notes: string;
  fictitious: boolean;
  source: string;
}

function initialValues(authority: Authority | null): AuthorityFormValues {
  return {
    country: authority?.country ?? '',
    kind: authority?.kind ?? 'contact_point_24_7',
    name: authority?.name ?? '',
    unit: authority?.unit ?? '',
    availability: authority?.availability ?? '24/7',
    officeHours: authority?.officeHours ?? '',
    timeZone: authority?.timeZone ?? '',
    channels: authority?.channels.map((channel) => ({ ...channel })) ?? [{ type: 'email', value: '' }],
    languages: authority?.languages ?? [],
    encryptionRequired: authority?.encryptionRequired ?? false,
    eSignatureRequired: authority?.eSignatureRequired ?? false,
    requirements: authority?.requirements ?? '',
    notes: authority?.notes ?? '',
    fictitious: authority?.fictitious ?? false,
    source: authority?.source ?? '',
  };
}

/** The request body: optional texts left empty are left out, office hours only when they apply. */
function toBody(values: AuthorityFormValues) {
  return {
    ...values,
    unit: optionalText(values.unit),
    officeHours: values.availability === 'office_hours' ? optionalText(values.officeHours) : undefined,
    requirements: optionalText(values.requirements),
    notes: optionalText(values.notes),
    source: optionalText(values.source),
    channels: values.channels.map((channel) => ({ type: channel.type, value: channel.value.trim() })),
  };
}

function isChannelType(value: string): value is Channel['type'] {
  return (CHANNEL_TYPES as readonly string[]).includes(value);
}

function AuthorityForm({ authority, onDone }: { authority: Authority | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<AuthorityFormValues>(() => initialValues(authority));
  const countries = useCountries();
  const countryNames = useCountryNames();
  const save = useSaveAuthority();
  const form = useSchemaForm(
    authorityInputSchema,
    {
      ...save,
      mutate: (body) =>
        save.mutate(
          { id: authority?.id, body },
          {
            onSuccess: (saved) => {
              notifySuccess(t(authority ? 'directory.form.updated' : 'directory.form.created', { name: saved.name }));
              onDone();
            },
          },
        ),
    },
    // Both are chosen from a list: the only way to get them wrong is not to choose.
    { country: t('directory.form.countryRequired'), timeZone: t('directory.form.timeZoneRequired') },
  );
  const set = <K extends keyof AuthorityFormValues>(name: K, value: AuthorityFormValues[K]) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const countryData = countries.data?.countries.find((country) => country.code === values.country);
  const zones = useMemo(() => {
    const own = countryData?.timeZones ?? [];
    const all = own.length > 0 ? own : Intl.supportedValuesOf('timeZone');
    return values.timeZone !== '' && !all.includes(values.timeZone) ? [values.timeZone, ...all] : all;
  }, [countryData, values.timeZone]);
  const languageOptions = useMemo(() => {
    const codes = new Set<string>(values.languages);
    for (const country of countries.data?.countries ?? []) for (const code of country.languages) codes.add(code);
    codes.add('en');
    return [...codes]
      .map((code) => ({ value: code, label: `${languageName(code, i18n.language)} (${code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  }, [countries.data, values.languages, i18n.language]);

  function changeCountry(code: string) {
    const country = countries.data?.countries.find((candidate) => candidate.code === code);
    setValues((previous) => ({
      ...previous,
      country: code,
      // A new country brings its own time zone, unless the chosen one is already among its zones.
      timeZone:
        country && country.timeZones.length > 0 && !country.timeZones.includes(previous.timeZone)
          ? (country.timeZones[0] ?? '')
          : previous.timeZone,
      languages: previous.languages.length > 0 ? previous.languages : (country?.languages.slice(0, 1) ?? []),
    }));
  }

  function setChannel(index: number, patch: Partial<Channel>) {
    set(
      'channels',
      values.channels.map((channel, i) => (i === index ? { ...channel, ...patch } : channel)),
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit(toBody(values));
      }}
    >
      <Stack>
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('directory.form.country')}
            required
            value={values.country}
            onChange={(event) => changeCountry(event.currentTarget.value)}
            data={[{ value: '', label: t('directory.form.chooseCountry') }, ...countryNames.options]}
            error={form.errors.country}
            data-testid="authority-country"
            data-autofocus
          />
          <NativeSelect
            label={t('directory.form.kind')}
            required
            value={values.kind}
            onChange={(event) => {
              const kind = AUTHORITY_KINDS.find((candidate) => candidate === event.currentTarget.value);
              if (kind) set('kind', kind);
            }}
            data={AUTHORITY_KINDS.map((value) => ({ value, label: t(`directory.kinds.${value}`) }))}
            error={form.errors.kind}
            data-testid="authority-kind"
          />
          <TextInput
            label={t('directory.form.name')}
            required
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={form.errors.name}
            data-testid="authority-name"
          />
          <TextInput
            label={t('directory.form.unit')}
            value={values.unit}
            onChange={(event) => set('unit', event.currentTarget.value)}
            error={form.errors.unit}
          />
          <NativeSelect
            label={t('directory.form.availability')}
            required
            value={values.availability}
            onChange={(event) => set('availability', event.currentTarget.value === 'office_hours' ? 'office_hours' : '24/7')}
            data={[
              { value: '24/7', label: t('directory.available247') },
              { value: 'office_hours', label: t('directory.officeHours') },
            ]}
            error={form.errors.availability}
            data-testid="authority-availability"
          />
          {values.availability === 'office_hours' ? (
            <TextInput
              label={t('directory.form.officeHours')}
              description={t('directory.form.officeHoursHint')}
              value={values.officeHours}
              onChange={(event) => set('officeHours', event.currentTarget.value)}
              error={form.errors.officeHours}
            />
          ) : (
            <div />
          )}
          <NativeSelect
            label={t('directory.form.timeZone')}
            required
            value={values.timeZone}
            onChange={(event) => set('timeZone', event.currentTarget.value)}
            data={[{ value: '', label: t('directory.form.chooseTimeZone') }, ...zones]}
            error={form.errors.timeZone}
            data-testid="authority-timezone"
          />
          <MultiSelect
            label={t('directory.form.languages')}
            required
            searchable
            value={values.languages}
            onChange={(languages) => set('languages', languages)}
            data={languageOptions}
            error={errorWithin(form.errors, 'languages')}
            data-testid="authority-languages"
          />
        </SimpleGrid>

        <Fieldset legend={t('directory.form.channels')}>
          <Stack gap="xs">
            {values.channels.map((channel, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <NativeSelect
                  label={t('directory.form.channelType', { number: index + 1 })}
                  value={channel.type}
                  onChange={(event) => {
                    const type = event.currentTarget.value;
                    if (isChannelType(type)) setChannel(index, { type });
                  }}
                  data={CHANNEL_TYPES.map((value) => ({ value, label: t(`directory.channels.${value}`) }))}
                  w={170}
                />
                <TextInput
                  label={t('directory.form.channelValue', { number: index + 1 })}
                  required
                  style={{ flex: 1 }}
                  value={channel.value}
                  onChange={(event) => setChannel(index, { value: event.currentTarget.value })}
                  error={errorWithin(form.errors, `channels.${index}`)}
                  data-testid={`authority-channel-${index}`}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={25}
                  disabled={values.channels.length === 1}
                  onClick={() => set('channels', values.channels.filter((_, i) => i !== index))}
                  aria-label={t('directory.form.removeChannel', { number: index + 1 })}
                >
                  <span aria-hidden="true">×</span>
                </ActionIcon>
              </Group>
            ))}
            {form.errors.channels && (
              <Text c="red.9" size="sm" role="alert">
                {form.errors.channels}
              </Text>
            )}
            <Button
              variant="default"
              size="xs"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => set('channels', [...values.channels, { type: 'email', value: '' }])}
            >
              {t('directory.form.addChannel')}
            </Button>
          </Stack>
        </Fieldset>

        <Group>
          <Checkbox
            label={t('directory.encryptionRequired')}
            checked={values.encryptionRequired}
            onChange={(event) => set('encryptionRequired', event.currentTarget.checked)}
          />
          <Checkbox
            label={t('directory.eSignatureRequired')}
            checked={values.eSignatureRequired}
            onChange={(event) => set('eSignatureRequired', event.currentTarget.checked)}
          />
          <Checkbox
            label={t('directory.form.fictitious')}
            checked={values.fictitious}
            onChange={(event) => set('fictitious', event.currentTarget.checked)}
            data-testid="authority-fictitious"
          />
        </Group>
        <Textarea
          label={t('directory.requirements')}
          autosize
          minRows={2}
          value={values.requirements}
          onChange={(event) => set('requirements', event.currentTarget.value)}
          error={form.errors.requirements}
        />
        <Textarea
          label={t('directory.notes')}
          autosize
          minRows={2}
          value={values.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
          error={form.errors.notes}
        />
        <TextInput
          label={t('directory.source')}
          description={t('directory.form.sourceHint')}
          value={values.source}
          onChange={(event) => set('source', event.currentTarget.value)}
          error={form.errors.source}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="authority-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
