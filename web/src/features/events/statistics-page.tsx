import { Box, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTRATION_STATUSES, registrationStatusSchema, type EventView, type RegistrationStatus } from '../../../../domain/events.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { countryName } from '../../ui/names.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { EventFrame } from './event-frame.tsx';
import { organisationTypeLabel, registrationStatusColor, registrationStatusLabel, roleLabel } from './event-labels.ts';
import { useStatistics } from './events-api.ts';

/** What the breakdowns count unless the organiser picks otherwise: the people who hold (or held) a seat. */
const DEFAULT_COUNTED: RegistrationStatus[] = ['confirmed', 'attended'];

/** `/events/:id/statistics`: registrations by status, and by country, role and organisation type. */
export function StatisticsPage() {
  return <EventFrame current="statistics">{(event) => <Statistics event={event} />}</EventFrame>;
}

function Statistics({ event }: { event: EventView }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('events.statistics.pageTitle', { title: event.title }));
  const [counted, setCounted] = useState<RegistrationStatus[]>(DEFAULT_COUNTED);
  const stats = useStatistics(event.id, counted);
  const language = i18n.language;
  return (
    <Stack gap="md">
      <Title order={2}>{t('events.statistics.heading')}</Title>
      <Text size="sm" c="dimmed" maw={820}>
        {t('events.statistics.intro')}
      </Text>
      <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      {stats.isPending && <PageLoader />}
      {stats.data && (
        <Stack gap="md" aria-busy={stats.isPlaceholderData} data-testid="statistics">
          <Paper withBorder p="md">
            <Group gap="xl" mb="sm">
              <Text>
                <Text span fw={700} size="xl" data-testid="statistics-seats">
                  {t('events.list.seatsValue', { taken: stats.data.seatsTaken, capacity: stats.data.capacity })}
                </Text>{' '}
                {t('events.statistics.seatsTaken')}
              </Text>
            </Group>
            <BarChart
              id="by-status"
              title={t('events.statistics.byStatus')}
              rows={REGISTRATION_STATUSES.map((status) => ({
                key: status,
                label: registrationStatusLabel(status, language),
                count: stats.data.byStatus[status],
                color: registrationStatusColor(status),
              }))}
            />
          </Paper>
          <Paper withBorder p="md">
            <Checkbox.Group
              label={t('events.statistics.counted')}
              description={t('events.statistics.countedHint', { total: stats.data.total })}
              value={counted}
              onChange={(values) => {
                const statuses = values.flatMap((value) => {
                  const parsed = registrationStatusSchema.safeParse(value);
                  return parsed.success ? [parsed.data] : [];
                });
                // Nothing ticked would count nothing; the default is the useful reading.
                setCounted(statuses.length > 0 ? statuses : DEFAULT_COUNTED);
              }}
              data-testid="statistics-counted"
            >
              <Group mt="xs" gap="md">
                {REGISTRATION_STATUSES.map((status) => (
                  <Checkbox key={status} value={status} label={registrationStatusLabel(status, language)} />
                ))}
              </Group>
            </Checkbox.Group>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <BarChart
                id="by-country"
                title={t('events.statistics.byCountry')}
                rows={stats.data.byCountry.map((row) => ({ key: row.key, label: countryName(row.key, language), count: row.count }))}
              />
            </Paper>
            <Paper withBorder p="md">
              <BarChart id="by-role" title={t('events.statistics.byRole')} rows={stats.data.byRole.map((row) => ({ key: row.key, label: roleLabel(row.key, language), count: row.count }))} />
            </Paper>
            <Paper withBorder p="md">
              <BarChart
                id="by-organisation-type"
                title={t('events.statistics.byOrganisationType')}
                rows={stats.data.byOrganisationType.map((row) => ({
                  key: row.key,
                  label: row.key === 'unknown' ? t('events.statistics.unknownType') : organisationTypeLabel(row.key, language),
                  count: row.count,
                }))}
              />
            </Paper>
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}

interface BarRow {
  key: string;
  label: string;
  count: number;
  color?: string;
}

/**
 * A horizontal bar chart that is a table underneath: screen readers and copy-paste get the
 * figures, eyes get the bars (drawn with CSS, hidden from assistive technology).
 */
function BarChart({ id, title, rows }: { id: string; title: string; rows: BarRow[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((row) => row.count));
  const headingId = `chart-${id}`;
  return (
    <Box component="figure" m={0} aria-labelledby={headingId} data-testid={`chart-${id}`}>
      <Title order={3} size="h4" id={headingId} component="figcaption" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('events.statistics.nothing')}
        </Text>
      ) : (
        <Table verticalSpacing={4} withRowBorders={false} aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('events.statistics.category')}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('events.statistics.count')}
              </Table.Th>
              <Table.Th scope="col" w="40%">
                <VisuallyHidden>{t('events.statistics.bar')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} data-testid="chart-row" data-key={row.key} data-count={row.count}>
                <Table.Td style={{ overflowWrap: 'break-word' }}>
                  <Text size="sm">{row.label}</Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  <Text size="sm" fw={600}>
                    {row.count}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Box
                    aria-hidden
                    h={14}
                    style={{
                      width: `${(row.count / max) * 100}%`,
                      minWidth: row.count > 0 ? 3 : 0,
                      borderRadius: 3,
                      background: `var(--mantine-color-${row.color ?? 'blue'}-6)`,
                      printColorAdjust: 'exact',
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Box>
  );
}
