import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrainingSummary } from '../../../../domain/training.ts';
import { languageList } from '../../ui/names.ts';
import { audienceLabel, formatCourseDates, formatLabel, kindLabel, levelLabel, topicLabel } from './training-labels.ts';

/** The format and level of an entry, and whether it is public, as badges. */
export function TrainingBadges({ item, showPublic = true }: { item: Pick<TrainingSummary, 'kind' | 'format' | 'level' | 'public'>; showPublic?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={6}>
      <Badge variant="light" color="gray" tt="none">{kindLabel(item.kind, i18n.language)}</Badge>
      <Badge variant="light" color="blue" tt="none" data-testid="training-format">{formatLabel(item.format, i18n.language)}</Badge>
      <Badge variant="light" color="teal" tt="none">{levelLabel(item.level, i18n.language)}</Badge>
      {showPublic && (
        <Badge variant="light" color={item.public ? 'green' : 'gray'} tt="none" data-testid="training-visibility">
          {item.public ? t('training.publicBadge') : t('training.privateBadge')}
        </Badge>
      )}
    </Group>
  );
}

/** "12–13 May 2026 · The Hague", or "Self-paced: no dates". */
export function TrainingWhenWhere({ item }: { item: Pick<TrainingSummary, 'startsOn' | 'endsOn' | 'location' | 'format'> }) {
  const { t, i18n } = useTranslation();
  const dates = formatCourseDates(item.startsOn, item.endsOn, i18n.language);
  const parts = [dates ?? (item.format === 'self_paced' ? t('training.results.selfPaced') : t('training.results.noDates')), item.location].filter(Boolean);
  return <Text size="sm" fw={500}>{parts.join(' · ')}</Text>;
}

/** Props of {@link TrainingResults}. */
export interface TrainingResultsProps {
  items: TrainingSummary[];
  total: number;
  busy: boolean;
  /** Where an entry's page is: the signed-in one or the public one. */
  linkTo: (id: string) => string;
  showPublic?: boolean;
}

/** The entries found, as cards: title (a link to the entry), provider, when and where, what and for whom. */
export function TrainingResults({ items, total, busy, linkTo, showPublic = true }: TrainingResultsProps) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm" aria-busy={busy}>
      <Text size="sm" c="dimmed" role="status" data-testid="training-count">
        {t('training.results.count', { count: total })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="training-results">
        {items.map((item) => (
          <Card key={item.id} component="li" withBorder padding="md" data-testid="training-card">
            <Stack gap={6}>
              <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                <Anchor component={Link} to={linkTo(item.id)} inherit data-testid="training-card-link">
                  {item.title}
                </Anchor>
              </Title>
              <Text size="sm" c="dimmed">{item.provider}</Text>
              <TrainingWhenWhere item={item} />
              <TrainingBadges item={item} showPublic={showPublic} />
              {item.summary && (
                <Text size="sm" lineClamp={3}>
                  {item.summary}
                </Text>
              )}
              <Text size="sm">
                <Text span fw={600}>{t('training.fields.topics')}{t('training.colon')}</Text>
                {item.topics.map((topic) => topicLabel(topic, i18n.language)).join(' · ')}
              </Text>
              <Text size="sm">
                <Text span fw={600}>{t('training.fields.audiences')}{t('training.colon')}</Text>
                {item.audiences.map((audience) => audienceLabel(audience, i18n.language)).join(' · ')}
              </Text>
              <Group gap="lg">
                <Text size="sm">
                  <Text span fw={600}>{t('training.fields.languages')}{t('training.colon')}</Text>
                  {languageList(item.languages, i18n.language)}
                </Text>
                {item.fileCount > 0 && <Text size="sm" c="dimmed">{t('training.results.files', { count: item.fileCount })}</Text>}
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
