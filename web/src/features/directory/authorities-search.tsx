import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHORITY_KINDS, authorityKindSchema, type Authority } from '../../../../domain/directory.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { useCountryNames } from '../countries/countries-api.ts';
import { AuthoritiesTable } from './authorities-table.tsx';
import { AuthorityFormModal } from './authority-form-modal.tsx';
import { DeleteEntryModal } from './delete-entry-modal.tsx';
import { useAuthorities } from './directory-api.ts';
import { Paging } from './paging.tsx';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams, useSearchText } from './search-params.ts';

/** The instruments the directory can filter on: the ones that open a cooperation route. */
export const TREATY_FILTERS = ['budapest', 'budapest-p2', 'e-evidence', 'eio', 'eurojust'] as const;

/** The authorities tab: filters, results with paging and, for coordinators, the edit actions. */
export function AuthoritiesSearch({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { get, update, page } = useFilterParams();
  const countries = useCountryNames();
  const [text, setText] = useSearchText(get('q'), (q) => update({ q }));
  const kind = authorityKindSchema.safeParse(get('kind'));
  const treaty = (TREATY_FILTERS as readonly string[]).includes(get('treaty')) ? get('treaty') : undefined;
  const only247 = get('h247') === '1';
  const authorities = useAuthorities({
    q: get('q') || undefined,
    country: get('country') || undefined,
    kind: kind.success ? kind.data : undefined,
    treaty,
    available247: only247 ? true : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [editing, setEditing] = useState<Authority | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Authority | null>(null);

  return (
    <Stack>
      <Paper withBorder p="md">
        <form role="search" aria-label={t('directory.filters.authorities')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="search"
              label={t('directory.filters.search')}
              description={t('directory.filters.searchHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-testid="directory-search"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('directory.filters.country')}
              value={get('country')}
              onChange={(event) => update({ country: event.currentTarget.value })}
              data={[{ value: '', label: t('directory.filters.anyCountry') }, ...countries.options]}
              data-testid="directory-country"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('directory.filters.kind')}
              value={kind.success ? kind.data : ''}
              onChange={(event) => update({ kind: event.currentTarget.value })}
              data={[
                { value: '', label: t('directory.filters.anyKind') },
                ...AUTHORITY_KINDS.map((value) => ({ value, label: t(`directory.kinds.${value}`) })),
              ]}
              data-testid="directory-kind"
            />
            <NativeSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('directory.filters.treaty')}
              description={t('directory.filters.treatyHint')}
              value={treaty ?? ''}
              onChange={(event) => update({ treaty: event.currentTarget.value })}
              data={[
                { value: '', label: t('directory.filters.anyTreaty') },
                ...TREATY_FILTERS.map((value) => ({ value, label: t(`treaties.${value}`) })),
              ]}
              data-testid="directory-treaty"
            />
          </SimpleGrid>
          <Group mt="md" justify="space-between">
            <Switch
              label={t('directory.filters.only247')}
              checked={only247}
              onChange={(event) => update({ h247: event.currentTarget.checked ? '1' : '' })}
              data-testid="directory-247"
            />
            {canManage && (
              <Button onClick={() => setEditing('new')} data-testid="authority-new">
                {t('directory.newAuthority')}
              </Button>
            )}
          </Group>
        </form>
      </Paper>

      <ErrorAlert error={countries.error} />
      <ErrorAlert error={authorities.error} onRetry={() => void authorities.refetch()} />
      {authorities.isPending && <PageLoader />}
      {authorities.data &&
        (authorities.data.total === 0 ? (
          <Text data-testid="directory-results-empty">{t('directory.noAuthorities')}</Text>
        ) : (
          <>
            <AuthoritiesTable
              items={authorities.data.items}
              total={authorities.data.total}
              canManage={canManage}
              busy={authorities.isPlaceholderData}
              onEdit={setEditing}
              onDelete={setDeleting}
            />
            <Paging
              page={page}
              total={authorities.data.total}
              onChange={(next) => update({ page: String(next) })}
              label={t('directory.paging.authorities')}
            />
          </>
        ))}

      <AuthorityFormModal
        opened={editing !== null}
        authority={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
      {deleting && <DeleteEntryModal kind="authorities" entry={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
