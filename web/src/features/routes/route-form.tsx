import {
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adviseBodySchema, type AdviseBody } from '../../../../domain/routes/api.ts';
import { DATA_CATEGORIES, type DataCategory, type Purpose } from '../../../../domain/routes/types.ts';
import type { FieldErrors } from '../../ui/errors.ts';
import { todayIso } from '../../ui/time.ts';
import { useSchemaForm, type FormMutation } from '../../ui/use-schema-form.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { ProviderSelect } from './provider-select.tsx';

/** Whether the request goes to a State or to a provider the directory knows. */
export type TargetType = 'country' | 'provider';

/** What the form starts with: the user's country, and the target from the address if any. */
export interface RouteFormDefaults {
  from: string;
  targetType: TargetType;
  toCountry: string;
  providerId: string | null;
}

interface RouteFormValues extends RouteFormDefaults {
  data: DataCategory;
  purpose: Purpose;
  emergency: boolean;
  facts: string;
  date: string;
  otherCountries: string[];
}

function toBody(values: RouteFormValues): AdviseBody {
  return {
    from: values.from,
    to:
      values.targetType === 'country'
        ? { country: values.toCountry || undefined }
        : { providerId: values.providerId ?? undefined },
    data: values.data,
    purpose: values.purpose,
    emergency: values.emergency ? { facts: values.facts } : null,
    date: values.date || undefined,
    otherCountries: values.otherCountries,
  };
}

function isDataCategory(value: string): value is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(value);
}

/** Props of {@link RouteForm}. */
export interface RouteFormProps {
  defaults: RouteFormDefaults;
  mutation: FormMutation<AdviseBody> & { isPending: boolean };
}

/** The question to the advisor: who asks whom, for which data, to preserve or obtain it, how urgently, when. */
export function RouteForm({ defaults, mutation }: RouteFormProps) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const [values, setValues] = useState<RouteFormValues>({
    ...defaults,
    data: 'subscriber',
    purpose: 'preserve',
    emergency: false,
    facts: '',
    date: todayIso(),
    otherCountries: [],
  });
  const messages: FieldErrors = {
    to: t(values.targetType === 'country' ? 'routes.form.countryRequired' : 'routes.form.providerRequired'),
    'emergency.facts': t('routes.form.factsRequired'),
    date: t('routes.form.dateFormat'),
  };
  const form = useSchemaForm(adviseBodySchema, mutation, messages);
  const set = <K extends keyof RouteFormValues>(name: K, value: RouteFormValues[K]) =>
    setValues((previous) => ({ ...previous, [name]: value }));
  const targetError = (field: 'country' | 'providerId') => form.errors[`to.${field}`] ?? form.errors.to;
  const countryData = [{ value: '', label: t('routes.form.chooseCountry') }, ...countries.options];

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        aria-label={t('routes.form.label')}
        onSubmit={(event) => {
          event.preventDefault();
          form.submit(toBody(values));
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <NativeSelect
              label={t('routes.form.from')}
              description={t('routes.form.fromHint')}
              required
              value={values.from}
              onChange={(event) => set('from', event.currentTarget.value)}
              data={countryData}
              error={form.errors.from}
              data-testid="route-from"
            />
            <TextInput
              type="date"
              label={t('routes.form.date')}
              description={t('routes.form.dateHint')}
              value={values.date}
              onChange={(event) => set('date', event.currentTarget.value)}
              error={form.errors.date}
              data-testid="route-date"
            />
          </SimpleGrid>
          <Stack gap={6}>
            <Text size="sm" fw={500} id="route-target-label">
              {t('routes.form.target')}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <SegmentedControl
                aria-labelledby="route-target-label"
                value={values.targetType}
                onChange={(value) => set('targetType', value === 'provider' ? 'provider' : 'country')}
                data={[
                  { value: 'country', label: t('routes.form.targetCountry') },
                  { value: 'provider', label: t('routes.form.targetProvider') },
                ]}
                style={{ alignSelf: 'flex-start' }}
                data-testid="route-target-type"
              />
              {values.targetType === 'country' ? (
                <NativeSelect
                  label={t('routes.form.toCountry')}
                  required
                  value={values.toCountry}
                  onChange={(event) => set('toCountry', event.currentTarget.value)}
                  data={countryData}
                  error={targetError('country')}
                  data-testid="route-to-country"
                />
              ) : (
                <ProviderSelect value={values.providerId} onChange={(id) => set('providerId', id)} error={targetError('providerId')} />
              )}
            </SimpleGrid>
          </Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <NativeSelect
              label={t('routes.form.data')}
              required
              value={values.data}
              onChange={(event) => {
                const data = event.currentTarget.value;
                if (isDataCategory(data)) set('data', data);
              }}
              data={DATA_CATEGORIES.map((value) => ({ value, label: t(`dataCategories.${value}`) }))}
              error={form.errors.data}
              data-testid="route-data"
            />
            <Radio.Group
              label={t('routes.form.purpose')}
              required
              value={values.purpose}
              onChange={(purpose) => set('purpose', purpose === 'obtain' ? 'obtain' : 'preserve')}
              error={form.errors.purpose}
              data-testid="route-purpose"
            >
              <Group mt="xs">
                <Radio value="preserve" label={t('routes.purposes.preserve')} data-testid="route-purpose-preserve" />
                <Radio value="obtain" label={t('routes.purposes.obtain')} data-testid="route-purpose-obtain" />
              </Group>
            </Radio.Group>
          </SimpleGrid>
          <MultiSelect
            label={t('routes.form.otherCountries')}
            description={t('routes.form.otherCountriesHint')}
            searchable
            clearable
            maxValues={30}
            value={values.otherCountries}
            onChange={(otherCountries) => set('otherCountries', otherCountries)}
            data={countries.options}
            error={form.errors.otherCountries}
            clearButtonProps={{ 'aria-label': t('routes.form.clearOtherCountries') }}
            data-testid="route-others"
          />
          <Switch
            label={t('routes.form.emergency')}
            description={t('routes.form.emergencyHint')}
            checked={values.emergency}
            onChange={(event) => set('emergency', event.currentTarget.checked)}
            data-testid="route-emergency"
          />
          {values.emergency && (
            <Textarea
              label={t('routes.form.facts')}
              description={t('routes.form.factsHint')}
              required
              autosize
              minRows={3}
              value={values.facts}
              onChange={(event) => set('facts', event.currentTarget.value)}
              error={form.errors['emergency.facts'] ?? form.errors.emergency}
              data-testid="route-facts"
            />
          )}
          <Group>
            <Button type="submit" loading={mutation.isPending} data-testid="route-submit">
              {t('routes.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
