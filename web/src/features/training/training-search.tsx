import { Box, Button, Chip, Group, MultiSelect, NativeSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TRAINING_AUDIENCES,
  TRAINING_FORMATS,
  TRAINING_KINDS,
  TRAINING_LEVELS,
  TRAINING_SORTS,
  TRAINING_TOPICS,
  TRAINING_WHEN,
  type TrainingSort,
  type TrainingWhen,
} from '../../../../domain/training.ts';
import { isLanguageCode } from '../../../../domain/languages.ts';
import { FILTER_ORDER, PAGE_SIZE, useFilterParams, useSearchText } from '../directory/search-params.ts';
import type { TrainingFilters } from './training-api.ts';
import { languageOptions, optionsOf } from './training-labels.ts';

/** Results per page of the catalogue: the app's list size, which the shared paging control counts in. */
export const TRAINING_PAGE_SIZE = PAGE_SIZE;

const FILTER_KEYS = ['q', 'kind', 'topic', 'audience', 'language', 'format', 'level', 'when', 'sort'] as const;

/** The values of a comma-separated address parameter that belong to `allowed`. */
function listParam(value: string, allowed: (candidate: string) => boolean): string[] {
  return value.split(',').filter((v) => v !== '' && allowed(v));
}

const inTable = (table: Record<string, unknown>) => (v: string) => Object.hasOwn(table, v);

/**
 * The catalogue's filters, order and page, kept in the address (`?topic=darknet,osint&when=upcoming`)
 * so a search can be bookmarked, shared and returned to with "back". Unknown values are ignored.
 */
export function useTrainingFilters() {
  const { get, update, page } = useFilterParams();
  const when = TRAINING_WHEN.find((w) => w === get('when'));
  const sort = TRAINING_SORTS.find((s) => s === get('sort'));
  const kind = Object.hasOwn(TRAINING_KINDS, get('kind')) ? (get('kind') as keyof typeof TRAINING_KINDS) : undefined;
  const filters = {
    q: get('q'),
    kind,
    topic: listParam(get('topic'), inTable(TRAINING_TOPICS)) as (keyof typeof TRAINING_TOPICS)[],
    audience: listParam(get('audience'), inTable(TRAINING_AUDIENCES)) as (keyof typeof TRAINING_AUDIENCES)[],
    language: listParam(get('language'), isLanguageCode),
    format: listParam(get('format'), inTable(TRAINING_FORMATS)) as (keyof typeof TRAINING_FORMATS)[],
    level: listParam(get('level'), inTable(TRAINING_LEVELS)) as (keyof typeof TRAINING_LEVELS)[],
    when,
    sort,
  };
  const query: TrainingFilters = {
    ...filters,
    q: filters.q || undefined,
    limit: TRAINING_PAGE_SIZE,
    offset: (page - 1) * TRAINING_PAGE_SIZE,
  };
  const active = FILTER_KEYS.some((key) => key !== 'sort' && get(key) !== '');
  const clear = () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])));
  return { filters, query, page, update, active, clear };
}

/** A group of filter chips: a fieldset, so the group's name is read before each chip. */
function ChipFilter({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
      <Text component="legend" size="sm" fw="var(--mantine-font-weight-medium)" mb={6}>
        {legend}
      </Text>
      {children}
    </Box>
  );
}

/** Props of {@link TrainingSearch}. */
export interface TrainingSearchProps {
  state: ReturnType<typeof useTrainingFilters>;
  /** Shown at the end of the last row (the "add an entry" button). */
  actions?: ReactNode;
}

/**
 * Search box, filters as multi-selects and chips, dates and order. Used by the catalogue and by
 * the public page alike; every change is applied at once (the text once typing pauses).
 */
export function TrainingSearch({ state, actions }: TrainingSearchProps) {
  const { t, i18n } = useTranslation();
  const { filters, update, active, clear } = state;
  const [text, setText] = useSearchText(filters.q, (q) => update({ q }));
  const list = (values: string[]) => values.join(',');

  return (
    <Paper withBorder p="md">
      <form role="search" aria-label={t('training.filters.label')} onSubmit={(event) => event.preventDefault()}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <TextInput
              inputWrapperOrder={FILTER_ORDER}
              type="search"
              label={t('training.filters.search')}
              description={t('training.filters.searchHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-testid="training-search"
            />
            <MultiSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('training.filters.topics')}
              placeholder={filters.topic.length ? undefined : t('training.filters.any')}
              data={optionsOf(TRAINING_TOPICS, i18n.language)}
              value={filters.topic}
              onChange={(values) => update({ topic: list(values) })}
              searchable
              clearable
              hidePickedOptions
              comboboxProps={{ withinPortal: true }}
              clearButtonProps={{ 'aria-label': t('training.filters.clearField', { field: t('training.filters.topics') }) }}
              data-testid="training-filter-topic"
            />
            <MultiSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('training.filters.audiences')}
              placeholder={filters.audience.length ? undefined : t('training.filters.any')}
              data={optionsOf(TRAINING_AUDIENCES, i18n.language)}
              value={filters.audience}
              onChange={(values) => update({ audience: list(values) })}
              searchable
              clearable
              hidePickedOptions
              clearButtonProps={{ 'aria-label': t('training.filters.clearField', { field: t('training.filters.audiences') }) }}
              data-testid="training-filter-audience"
            />
            <MultiSelect
              inputWrapperOrder={FILTER_ORDER}
              label={t('training.filters.languages')}
              placeholder={filters.language.length ? undefined : t('training.filters.any')}
              data={languageOptions(i18n.language)}
              value={filters.language}
              onChange={(values) => update({ language: list(values) })}
              searchable
              clearable
              hidePickedOptions
              limit={30}
              clearButtonProps={{ 'aria-label': t('training.filters.clearField', { field: t('training.filters.languages') }) }}
              data-testid="training-filter-language"
            />
          </SimpleGrid>

          <Group gap="xl" align="flex-start" wrap="wrap">
            <ChipFilter legend={t('training.filters.format')}>
              <Chip.Group multiple value={filters.format} onChange={(values) => update({ format: list(values) })}>
                <Group gap={6}>
                  {optionsOf(TRAINING_FORMATS, i18n.language).map((option) => (
                    <Chip key={option.value} value={option.value} size="sm" wrapperProps={{ 'data-testid': `training-format-${option.value}` }}>
                      {option.label}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </ChipFilter>
            <ChipFilter legend={t('training.filters.level')}>
              <Chip.Group multiple value={filters.level} onChange={(values) => update({ level: list(values) })}>
                <Group gap={6}>
                  {optionsOf(TRAINING_LEVELS, i18n.language).map((option) => (
                    <Chip key={option.value} value={option.value} size="sm" wrapperProps={{ 'data-testid': `training-level-${option.value}` }}>
                      {option.label}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </ChipFilter>
          </Group>

          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Group gap="md" align="flex-end" wrap="wrap">
              <NativeSelect
                label={t('training.filters.kind')}
                value={filters.kind ?? ''}
                onChange={(event) => update({ kind: event.currentTarget.value })}
                data={[{ value: '', label: t('training.filters.anyKind') }, ...optionsOf(TRAINING_KINDS, i18n.language)]}
                w={200}
                data-testid="training-kind"
              />
              <ChipFilter legend={t('training.filters.when')}>
                <SegmentedControl
                  size="sm"
                  value={filters.when ?? 'any'}
                  onChange={(value) => update({ when: value === 'any' ? '' : value })}
                  data={[
                    { value: 'any', label: t('training.filters.whenAny') },
                    ...TRAINING_WHEN.map((value: TrainingWhen) => ({ value, label: t(`training.filters.when_${value}`) })),
                  ]}
                  data-testid="training-when"
                />
              </ChipFilter>
              <NativeSelect
                label={t('training.filters.sort')}
                value={filters.sort ?? ''}
                onChange={(event) => update({ sort: event.currentTarget.value })}
                data={[
                  { value: '', label: t('training.filters.sortDefault') },
                  ...TRAINING_SORTS.map((value: TrainingSort) => ({ value, label: t(`training.filters.sort_${value}`) })),
                ]}
                w={200}
                data-testid="training-sort"
              />
              {active && (
                <Button variant="subtle" onClick={() => { setText(''); clear(); }} data-testid="training-clear">
                  {t('training.filters.clear')}
                </Button>
              )}
            </Group>
            {actions}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
