import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCan } from '../auth/session.ts';
import { Paging } from '../directory/paging.tsx';
import { useTrainingList } from './training-api.ts';
import { TrainingFormModal } from './training-form-modal.tsx';
import { TrainingResults } from './training-results.tsx';
import { TrainingSearch, useTrainingFilters } from './training-search.tsx';

/**
 * The training catalogue, shared by the whole instance: search and filters kept in the address,
 * result cards, paging; trainers add entries. Webinars and conferences with registration have
 * their own section (Events), pointed to here so nobody looks for them among the courses.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.title'));
  const canManage = useCan('training.manage');
  const canOrganise = useCan('event.manage');
  const state = useTrainingFilters();
  const list = useTrainingList(state.query);
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <Title order={1}>{t('training.title')}</Title>
      <Text maw={820}>{t('training.intro')}</Text>
      <Paper withBorder p="sm" bg="gray.0" data-testid="training-events-hint">
        <Group gap="md" justify="space-between">
          <Text size="sm">{t('training.eventsHint')}</Text>
          <Group gap="md">
            {canOrganise && (
              <Anchor component={Link} to="/events" size="sm" data-testid="training-events-link">
                {t('training.eventsLink')}
              </Anchor>
            )}
            <Anchor component={Link} to="/public/training" size="sm" data-testid="training-public-link">
              {t('training.publicPageLink')}
            </Anchor>
          </Group>
        </Group>
      </Paper>

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
