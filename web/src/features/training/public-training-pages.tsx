import { Anchor, Box, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { MAIN_CONTENT_ID, SkipLink } from '../../ui/skip-link.tsx';
import { Paging } from '../directory/paging.tsx';
import { publicTrainingFileUrl, usePublicTrainingItem, usePublicTrainingList } from './training-api.ts';
import { TrainingDetails, TrainingFilesTable } from './training-details.tsx';
import { TrainingNotFound } from './training-item-page.tsx';
import { TrainingBadges, TrainingResults } from './training-results.tsx';
import { TrainingSearch, useTrainingFilters } from './training-search.tsx';

/**
 * The frame of the public catalogue: no account, no menu; the name of the site, the language
 * switch and a way in for practitioners who have an account.
 */
export function PublicTrainingLayout() {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Text fw={700} size="xl">Liaison</Text>
            <Text c="dimmed">{t('training.public.siteName')}</Text>
          </Group>
          <Group gap="md">
            <Anchor component={Link} to="/login" size="sm" data-testid="public-sign-in">
              {t('training.public.signIn')}
            </Anchor>
            <LanguageSwitch />
          </Group>
        </Group>
      </Box>
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} size="xl" py="xl">
        <Outlet />
      </Container>
    </>
  );
}

/** The public entries: the same search and filters as the signed-in catalogue, nothing private. */
export function PublicTrainingPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.public.title'));
  const state = useTrainingFilters();
  const list = usePublicTrainingList(state.query);
  return (
    <Stack>
      <Title order={1}>{t('training.public.title')}</Title>
      <Text maw={820}>{t('training.public.intro')}</Text>
      <TrainingSearch state={state} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending && <PageLoader />}
      {list.data &&
        (list.data.total === 0 ? (
          <Text data-testid="training-empty">{state.active ? t('training.results.noMatch') : t('training.public.none')}</Text>
        ) : (
          <>
            <TrainingResults items={list.data.items} total={list.data.total} busy={list.isPlaceholderData} linkTo={(id) => `/public/training/${id}`} showPublic={false} />
            <Paging page={state.page} total={list.data.total} onChange={(next) => state.update({ page: String(next) })} label={t('training.results.paging')} />
          </>
        ))}
    </Stack>
  );
}

const idSchema = z.uuid();

/** One public entry with its files, downloadable without an account. */
export function PublicTrainingItemPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  if (!idSchema.safeParse(id).success) return <TrainingNotFound back="/public/training" backLabel={t('training.public.back')} />;
  return <PublicItem key={id} id={id} />;
}

function PublicItem({ id }: { id: string }) {
  const { t } = useTranslation();
  const found = usePublicTrainingItem(id);
  usePageTitle(found.data?.title ?? t('training.public.title'));
  if (found.error instanceof ApiError && found.error.code === 'not_found') return <TrainingNotFound back="/public/training" backLabel={t('training.public.back')} />;
  if (found.isPending) return <PageLoader />;
  if (!found.data) return <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />;
  const item = found.data;
  return (
    <Stack>
      <Anchor component={Link} to="/public/training" size="sm">
        {t('training.public.back')}
      </Anchor>
      <Stack gap={6}>
        <Title order={1} style={{ overflowWrap: 'anywhere' }} data-testid="training-heading">{item.title}</Title>
        <TrainingBadges item={item} showPublic={false} />
      </Stack>
      <TrainingDetails item={item} />
      <Stack gap="xs">
        <Title order={2} size="h4">{t('training.files.title')}</Title>
        <TrainingFilesTable files={item.files} urlOf={(file) => publicTrainingFileUrl(item.id, file.id)} />
      </Stack>
    </Stack>
  );
}
