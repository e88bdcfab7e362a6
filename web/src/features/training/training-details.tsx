import { ActionIcon, Anchor, Button, Code, CopyButton, Group, List, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_FILE_TYPES, type PublicTrainingItem, type TrainingFile } from '../../../../domain/training.ts';
import { formatDateTime } from '../../ui/format.ts';
import { CopyIcon } from '../../ui/secret-value.tsx';
import { languageList } from '../../ui/names.ts';
import { audienceLabel, formatCourseDates, formatFileSize, topicLabel } from './training-labels.ts';

/** Wide enough for the longest term in French ("Dernière modification") on one line. */
export const FACT_TERM_WIDTH = 190;

/** One fact of an entry: a term and its description in the page's description list. */
function Fact({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <Group component="div" gap="xs" align="baseline" wrap="nowrap">
      <Text component="dt" size="sm" fw={600} w={FACT_TERM_WIDTH} style={{ flexShrink: 0 }}>
        {term}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {children}
      </Text>
    </Group>
  );
}

/** "PDF", "Word (DOCX)": the name of an accepted type, else the content type itself. */
function fileTypeLabel(contentType: string): string {
  return Object.values(TRAINING_FILE_TYPES).find((t) => t.contentType === contentType)?.label ?? contentType.split(';')[0]!;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * What an entry says, for the signed-in and the public page alike: the facts as a description
 * list, the summary, the description (its line breaks kept, never interpreted as markup) and the
 * links. `extraFacts` adds what only signed-in readers see (who maintains it).
 */
export function TrainingDetails({ item, extraFacts }: { item: PublicTrainingItem; extraFacts?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const dates = formatCourseDates(item.startsOn, item.endsOn, i18n.language);
  return (
    <Stack gap="md">
      {item.summary && (
        <Text size="lg" maw={820} data-testid="training-summary">
          {item.summary}
        </Text>
      )}
      <Stack component="dl" gap={6} m={0}>
        <Fact term={t('training.fields.provider')} testId="training-provider">{item.provider}</Fact>
        <Fact term={t('training.fields.dates')} testId="training-dates">
          {dates ?? (item.format === 'self_paced' ? t('training.results.selfPaced') : t('training.results.noDates'))}
        </Fact>
        {item.location && <Fact term={t('training.fields.location')}>{item.location}</Fact>}
        <Fact term={t('training.fields.languages')}>{languageList(item.languages, i18n.language)}</Fact>
        <Fact term={t('training.fields.audiences')} testId="training-audiences">
          {item.audiences.map((a) => audienceLabel(a, i18n.language)).join(' · ')}
        </Fact>
        <Fact term={t('training.fields.topics')} testId="training-topics">
          {item.topics.map((topic) => topicLabel(topic, i18n.language)).join(' · ')}
        </Fact>
        {extraFacts}
        <Fact term={t('training.fields.lastChange')}>{formatDateTime(item.updatedAt, i18n.language)}</Fact>
      </Stack>
      {item.description && (
        <Stack gap={4}>
          <Title order={2} size="h4">{t('training.fields.description')}</Title>
          <Text maw={820} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="training-description">
            {item.description}
          </Text>
        </Stack>
      )}
      <Stack gap={4}>
        <Title order={2} size="h4">{t('training.fields.links')}</Title>
        {item.links.length === 0 ? (
          <Text size="sm" c="dimmed">{t('training.item.noLinks')}</Text>
        ) : (
          <List spacing={4} data-testid="training-links">
            {item.links.map((link, index) => (
              <List.Item key={index}>
                <Anchor href={link.url} target="_blank" rel="noopener noreferrer nofollow" title={link.url}>
                  {link.label}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">({hostOf(link.url)})</Text>
                <VisuallyHidden>{t('common.opensInNewTab')}</VisuallyHidden>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Stack>
  );
}

/** Props of {@link TrainingFilesTable}. */
export interface TrainingFilesTableProps {
  files: TrainingFile[];
  urlOf: (file: TrainingFile) => string;
  /** Offered to the entry's trainers. */
  onRemove?: (file: TrainingFile) => void;
}

/**
 * The files of an entry: name (the download), type, size and SHA-256 (with a copy button), so a
 * reader can check that what they saved is what the trainer uploaded.
 */
export function TrainingFilesTable({ files, urlOf, onRemove }: TrainingFilesTableProps) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return <Text size="sm" c="dimmed" data-testid="training-files-empty">{t('training.files.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" striped data-testid="training-files">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('training.files.name')}</Table.Th>
            <Table.Th scope="col">{t('training.files.type')}</Table.Th>
            <Table.Th scope="col">{t('training.files.size')}</Table.Th>
            <Table.Th scope="col">{t('training.files.sha256')}</Table.Th>
            <Table.Th scope="col">{t('training.files.uploaded')}</Table.Th>
            {onRemove && <Table.Th scope="col"><VisuallyHidden>{t('training.files.actions')}</VisuallyHidden></Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((file) => (
            <Table.Tr key={file.id} data-testid="training-file-row">
              <Table.Td style={{ overflowWrap: 'anywhere', minWidth: 180 }}>
                <Anchor href={urlOf(file)} download={file.filename} fw={600} size="sm" aria-label={t('training.files.downloadNamed', { name: file.filename })} data-testid="training-file-download">
                  {file.filename}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={file.contentType}>{fileTypeLabel(file.contentType)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" data-testid="training-file-size">{formatFileSize(file.size, i18n.language)}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Code fz="xs" style={{ wordBreak: 'break-all' }} data-testid="training-file-sha256">{file.sha256}</Code>
                  <CopyButton value={file.sha256}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                        <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label={t('common.copyWhat', { what: t('training.files.shaOf', { name: file.filename }) })}>
                          <CopyIcon done={copied} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(file.uploadedAt, i18n.language)}</Text>
              </Table.Td>
              {onRemove && (
                <Table.Td>
                  <Button variant="subtle" color="red" size="xs" onClick={() => onRemove(file)} aria-label={t('training.files.removeNamed', { name: file.filename })} data-testid="training-file-remove">
                    {t('training.files.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
