import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provider } from '../../../../domain/directory.ts';
import { useCountryNames } from '../countries/countries-api.ts';
import { useProvider, useProviders } from '../directory/directory-api.ts';

/** Props of {@link ProviderSelect}. */
export interface ProviderSelectProps {
  value: string | null;
  onChange: (providerId: string | null) => void;
  error?: string;
}

/**
 * A provider chosen by typing part of its name or an alias: the directory is searched on the
 * server as the user types, so it works with thousands of providers.
 */
export function ProviderSelect({ value, onChange, error }: ProviderSelectProps) {
  const { t } = useTranslation();
  const { nameOf } = useCountryNames();
  const [search, setSearch] = useState('');
  const selected = useProvider(value ?? undefined);
  const label = (provider: Provider) => `${provider.name} (${nameOf(provider.country)})`;
  const selectedLabel = selected.data ? label(selected.data) : null;
  // Once an option is chosen the box shows its label; that is not a new search.
  const query = search === selectedLabel ? '' : search.trim();
  const [debounced] = useDebouncedValue(query, 250);
  const found = useProviders({ q: debounced || undefined, limit: 20, offset: 0 });

  const data = useMemo(() => {
    const providers = new Map<string, Provider>();
    if (selected.data) providers.set(selected.data.id, selected.data);
    for (const provider of found.data?.items ?? []) providers.set(provider.id, provider);
    return [...providers.values()].map((provider) => ({
      value: provider.id,
      label: `${provider.name} (${nameOf(provider.country)})`,
    }));
  }, [selected.data, found.data, nameOf]);

  return (
    <Select
      label={t('routes.form.provider')}
      description={t('routes.form.providerHint')}
      placeholder={t('routes.form.providerPlaceholder')}
      required
      searchable
      clearable
      value={value}
      onChange={(next) => onChange(next)}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the typed text (names and aliases).
      filter={({ options }) => options}
      data={data}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('routes.form.noProvider')}
      error={error}
      clearButtonProps={{ 'aria-label': t('routes.form.clearProvider') }}
      data-testid="route-provider"
    />
  );
}
