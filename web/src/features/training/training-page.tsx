import { Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCan } from '../auth/session.ts';
import { Paging } from '../directory/paging.tsx';
import { useTrainingList } from './training-api.ts';
import { TrainingFormModal } from './training-form-modal.tsx';
import { TrainingResults } from './training-results.tsx';
import { TrainingSearch, useTrainingFilters } from './training-search.tsx';
import { UpcomingEvents } from './upcoming-events.tsx';

/**
 * The training catalogue, shared by the whole instance: search and filters kept in the address,
 * result cards, paging; trainers add entries. Above them, the upcoming webinars and conferences of
 * every organisation, each with a link to its registration page, so practitioners find them where
 * they look for training.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.title'));
  const canManage = useCan('training.manage');
  const state = useTrainingFilters();
  const list = useTrainingList(state.query);
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <Title order={1}>{t('training.title')}</Title>
      <Text maw={820}>{t('training.intro')}</Text>
      <UpcomingEvents />

      <TrainingSearch
        state={state}
        actions={
          canManage && (
            <Button onClick={() => setCreating(true)} data-testid="training-new">
              {t('training.new')}
            </Button>
          )
        }
      />

      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending && <PageLoader />}
      {list.data &&
        (list.data.total === 0 ? (
          <Text data-testid="training-empty">
            {state.active ? t('training.results.noMatch') : canManage ? t('training.results.noneManage') : t('training.results.none')}
          </Text>
        ) : (
          <>
            <TrainingResults items={list.data.items} total={list.data.total} busy={list.isPlaceholderData} linkTo={(id) => `/training/${id}`} />
            <Paging page={state.page} total={list.data.total} onChange={(next) => state.update({ page: String(next) })} label={t('training.results.paging')} />
          </>
        ))}

      <TrainingFormModal opened={creating} existing={null} onClose={() => setCreating(false)} />
    </Stack>
  );
}
