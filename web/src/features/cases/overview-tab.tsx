import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { offenceArticles, offenceLabel } from './case-labels.ts';
import type { CaseTabProps } from './case-tabs.tsx';
import { TeamSection } from './team-section.tsx';

/** The case at a glance: summary, offences with the articles they cite, and the team. */
export function OverviewTab({ caseData }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md" component="section" aria-labelledby="case-summary-heading">
          <Title order={2} size="h3" id="case-summary-heading" mb="sm">
            {t('cases.fields.summary')}
          </Title>
          {caseData.summary === '' ? (
            <Text c="dimmed">{t('cases.noSummary')}</Text>
          ) : (
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="case-summary-text">
              {caseData.summary}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="case-offences-heading">
          <Title order={2} size="h3" id="case-offences-heading" mb="sm">
            {t('cases.fields.offences')}
          </Title>
          {caseData.offenceCategories.length === 0 ? (
            <Text c="dimmed">{t('cases.noOffences')}</Text>
          ) : (
            <Table data-testid="case-offences-table">
              <Table.Caption>{t('cases.offencesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cases.offenceColumn')}</Table.Th>
                  <Table.Th scope="col">{t('cases.articlesColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {caseData.offenceCategories.map((category) => (
                  <Table.Tr key={category}>
                    <Table.Td fw={600}>{offenceLabel(category, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{offenceArticles(category)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
      <TeamSection caseData={caseData} />
    </Stack>
  );
}
