import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provider } from '../../../../domain/directory.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { useCountryNames } from '../countries/countries-api.ts';
import { DeleteEntryModal } from './delete-entry-modal.tsx';
import { useProviders } from './directory-api.ts';
import { Paging } from './paging.tsx';
import { ProviderFormModal } from './provider-form-modal.tsx';
import { ProvidersTable } from './providers-table.tsx';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams, useSearchText } from './search-params.ts';

/** The providers tab: search by name or alias and by country; coordinators edit. */
export function ProvidersSearch({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { get, update, page } = useFilterParams();
  const countries = useCountryNames();
  const [text, setText] = useSearchText(get('q'), (q) => update({ q }));
  const providers = useProviders({
    q: get('q') || undefined,
    country: get('country') || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);

  return (
    <Stack>
      <Paper withBorder p="md">
        <form role="search" aria-label={t('directory.filters.providers')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="search"
              label={t('directory.filters.search')}
              description={t('directory.filters.providerSearchHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-testid="directory-search"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('directory.filters.providerCountry')}
              description={t('directory.filters.providerCountryHint')}
              value={get('country')}
              onChange={(event) => update({ country: event.currentTarget.value })}
              data={[{ value: '', label: t('directory.filters.anyCountry') }, ...countries.options]}
              data-testid="directory-country"
            />
          </SimpleGrid>
          {canManage && (
            <Group mt="md" justify="flex-end">
              <Button onClick={() => setEditing('new')} data-testid="provider-new">
                {t('directory.newProvider')}
              </Button>
            </Group>
          )}
        </form>
      </Paper>

      <ErrorAlert error={providers.error} onRetry={() => void providers.refetch()} />
      {providers.isPending && <PageLoader />}
      {providers.data &&
        (providers.data.total === 0 ? (
          <Text data-testid="directory-results-empty">{t('directory.noProviders')}</Text>
        ) : (
          <>
            <ProvidersTable
              items={providers.data.items}
              total={providers.data.total}
              canManage={canManage}
              busy={providers.isPlaceholderData}
              onEdit={setEditing}
              onDelete={setDeleting}
            />
            <Paging
              page={page}
              total={providers.data.total}
              onChange={(next) => update({ page: String(next) })}
              label={t('directory.paging.providers')}
            />
          </>
        ))}

      <ProviderFormModal opened={editing !== null} provider={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      {deleting && <DeleteEntryModal kind="providers" entry={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
