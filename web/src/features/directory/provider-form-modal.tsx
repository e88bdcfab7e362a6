import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { providerInputSchema, type Provider } from '../../../../domain/directory.ts';
import { DATA_CATEGORIES, type DataCategory } from '../../../../domain/routes/types.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { useSaveProvider } from './directory-api.ts';
import { errorWithin, optionalText } from './form-fields.tsx';

/** Props of {@link ProviderFormModal}. */
export interface ProviderFormModalProps {
  opened: boolean;
  /** The provider to edit; `null` creates a new one. */
  provider: Provider | null;
  onClose: () => void;
}

/** Creates or edits a service provider. */
export function ProviderFormModal({ opened, provider, onClose }: ProviderFormModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={provider ? t('directory.form.editProvider', { name: provider.name }) : t('directory.form.newProvider')}
      size="xl"
    >
      {opened && <ProviderForm provider={provider} onDone={onClose} />}
    </AppModal>
  );
}

interface ProviderFormValues {
  name: string;
  aliases: string[];
  legalEntity: string;
  country: string;
  lawEnforcementPortal: string;
  address: string;
  emergencyProcedure: string;
  emergencyContact: string;
  dataHeld: { category: DataCategory; retention: string }[];
  preservationDays: number | string;
  acceptsDirectPreservation: boolean;
  disclosesNonContentVoluntarily: boolean;
  directRequestsFrom: string;
  userNotificationPolicy: string;
  euEstablishmentCountry: string;
  euEstablishmentName: string;
  fictitious: boolean;
  source: string;
}

function initialValues(provider: Provider | null): ProviderFormValues {
  return {
    name: provider?.name ?? '',
    aliases: provider?.aliases ?? [],
    legalEntity: provider?.legalEntity ?? '',
    country: provider?.country ?? '',
    lawEnforcementPortal: provider?.lawEnforcementPortal ?? '',
    address: provider?.address ?? '',
    emergencyProcedure: provider?.emergencyProcedure ?? '',
    emergencyContact: provider?.emergencyContact ?? '',
    dataHeld: provider?.dataHeld.map((item) => ({ ...item })) ?? [],
    preservationDays: provider?.preservationDays ?? '',
    acceptsDirectPreservation: provider?.acceptsDirectPreservation ?? false,
    disclosesNonContentVoluntarily: provider?.disclosesNonContentVoluntarily ?? false,
    directRequestsFrom: provider?.directRequestsFrom ?? '',
    userNotificationPolicy: provider?.userNotificationPolicy ?? '',
    euEstablishmentCountry: provider?.euEstablishmentCountry ?? '',
    euEstablishmentName: provider?.euEstablishmentName ?? '',
    fictitious: provider?.fictitious ?? false,
    source: provider?.source ?? '',
  };
}

function toBody(values: ProviderFormValues) {
  return {
    ...values,
    lawEnforcementPortal: optionalText(values.lawEnforcementPortal),
    address: optionalText(values.address),
    emergencyProcedure: optionalText(values.emergencyProcedure),
    emergencyContact: optionalText(values.emergencyContact),
    dataHeld: values.dataHeld.map((item) => ({ category: item.category, retention: item.retention.trim() })),
    preservationDays: values.preservationDays === '' ? null : Number(values.preservationDays),
    directRequestsFrom: optionalText(values.directRequestsFrom),
    userNotificationPolicy: optionalText(values.userNotificationPolicy),
    euEstablishmentCountry: values.euEstablishmentCountry === '' ? null : values.euEstablishmentCountry,
    euEstablishmentName: optionalText(values.euEstablishmentName),
    source: optionalText(values.source),
  };
}

function isDataCategory(value: string): value is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(value);
}

function ProviderForm({ provider, onDone }: { provider: Provider | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ProviderFormValues>(() => initialValues(provider));
  const countries = useCountryNames();
  const save = useSaveProvider();
  const form = useSchemaForm(
    providerInputSchema,
    {
      ...save,
      mutate: (body) =>
        save.mutate(
          { id: provider?.id, body },
          {
            onSuccess: (saved) => {
              notifySuccess(t(provider ? 'directory.form.updated' : 'directory.form.created', { name: saved.name }));
              onDone();
            },
          },
        ),
    },
    { country: t('directory.form.countryRequired') },
  );
  const set = <K extends keyof ProviderFormValues>(name: K, value: ProviderFormValues[K]) =>
    setValues((previous) => ({ ...previous, [name]: value }));
  const text = (name: keyof ProviderFormValues & string) => ({
    value: String(values[name]),
    onChange: (event: { currentTarget: { value: string } }) => set(name, event.currentTarget.value),
    error: form.errors[name],
  });

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
          <TextInput label={t('provider.name')} required {...text('name')} data-testid="provider-name" data-autofocus />
          <TagsInput
            label={t('provider.aliases')}
            description={t('directory.form.aliasesHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={values.aliases}
            onChange={(aliases) => set('aliases', aliases)}
            error={errorWithin(form.errors, 'aliases')}
          />
          <TextInput label={t('provider.legalEntity')} required {...text('legalEntity')} data-testid="provider-legal-entity" />
          <NativeSelect
            label={t('provider.country')}
            required
            value={values.country}
            onChange={(event) => set('country', event.currentTarget.value)}
            data={[{ value: '', label: t('directory.form.chooseCountry') }, ...countries.options]}
            error={form.errors.country}
            data-testid="provider-country"
          />
          <TextInput label={t('provider.portal')} {...text('lawEnforcementPortal')} />
          <Textarea label={t('provider.address')} autosize minRows={1} {...text('address')} />
          <Textarea label={t('provider.emergencyProcedure')} autosize minRows={2} {...text('emergencyProcedure')} />
          <TextInput label={t('provider.emergencyContact')} {...text('emergencyContact')} />
        </SimpleGrid>

        <Fieldset legend={t('provider.dataHeld')}>
          <Stack gap="xs">
            {values.dataHeld.length === 0 && <Text size="sm">{t('directory.form.noDataHeld')}</Text>}
            {values.dataHeld.map((item, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <NativeSelect
                  label={t('directory.form.dataCategory', { number: index + 1 })}
                  value={item.category}
                  onChange={(event) => {
                    const category = event.currentTarget.value;
                    if (isDataCategory(category))
                      set('dataHeld', values.dataHeld.map((row, i) => (i === index ? { ...row, category } : row)));
                  }}
                  data={DATA_CATEGORIES.map((value) => ({ value, label: t(`dataCategories.${value}`) }))}
                  w={240}
                />
                <TextInput
                  label={t('directory.form.retention', { number: index + 1 })}
                  style={{ flex: 1 }}
                  value={item.retention}
                  onChange={(event) => {
                    const retention = event.currentTarget.value;
                    set('dataHeld', values.dataHeld.map((row, i) => (i === index ? { ...row, retention } : row)));
                  }}
                  error={errorWithin(form.errors, `dataHeld.${index}`)}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={25}
                  onClick={() => set('dataHeld', values.dataHeld.filter((_, i) => i !== index))}
                  aria-label={t('directory.form.removeDataHeld', { number: index + 1 })}
                >
                  <span aria-hidden="true">×</span>
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="default"
              size="xs"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => set('dataHeld', [...values.dataHeld, { category: 'subscriber', retention: '' }])}
            >
              {t('directory.form.addDataHeld')}
            </Button>
          </Stack>
        </Fieldset>

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('provider.preservationDays')}
            description={t('directory.form.preservationHint')}
            min={1}
            max={3650}
            allowDecimal={false}
            allowNegative={false}
            value={values.preservationDays}
            onChange={(value) => set('preservationDays', value)}
            error={form.errors.preservationDays}
          />
          <TextInput label={t('provider.directRequestsFrom')} {...text('directRequestsFrom')} />
          <NativeSelect
            label={t('provider.euEstablishmentCountry')}
            value={values.euEstablishmentCountry}
            onChange={(event) => set('euEstablishmentCountry', event.currentTarget.value)}
            data={[{ value: '', label: t('directory.form.none') }, ...countries.options]}
            error={form.errors.euEstablishmentCountry}
          />
          <TextInput label={t('provider.euEstablishmentName')} {...text('euEstablishmentName')} />
        </SimpleGrid>
        <Group>
          <Checkbox
            label={t('provider.acceptsDirectPreservation')}
            checked={values.acceptsDirectPreservation}
            onChange={(event) => set('acceptsDirectPreservation', event.currentTarget.checked)}
          />
          <Checkbox
            label={t('provider.disclosesNonContentVoluntarily')}
            checked={values.disclosesNonContentVoluntarily}
            onChange={(event) => set('disclosesNonContentVoluntarily', event.currentTarget.checked)}
          />
          <Checkbox
            label={t('directory.form.fictitious')}
            checked={values.fictitious}
            onChange={(event) => set('fictitious', event.currentTarget.checked)}
          />
        </Group>
        <Textarea label={t('provider.userNotificationPolicy')} autosize minRows={2} {...text('userNotificationPolicy')} />
        <TextInput label={t('directory.source')} description={t('directory.form.sourceHint')} {...text('source')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="provider-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
