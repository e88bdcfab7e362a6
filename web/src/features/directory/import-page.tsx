import { Alert, Anchor, Button, FileInput, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { ForbiddenNotice } from '../auth/guards.tsx';
import {
  directoryExportUrl,
  useCanManageDirectory,
  useImportDirectory,
  type DirectoryFormat,
  type DirectoryKind,
} from './directory-api.ts';

/** The format a file name implies, if any. */
export function formatFromName(name: string): DirectoryFormat | null {
  const extension = name.toLowerCase().split('.').pop();
  if (extension === 'csv') return 'csv';
  if (extension === 'json') return 'json';
  return null;
}

/** One problem of a rejected file: `line 4.country` becomes row "line 4", field "country". */
export interface RowProblem {
  row: { unit: 'line' | 'item'; number: number } | null;
  field: string;
  message: string;
}

/** The server's field errors of a rejected import, as rows of the report table. */
export function rowProblems(error: unknown): RowProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.body.error.fields.map(({ path, message }) => {
    const cleaned = path.replace(/^(body|query|params)\./, '');
    const match = /^(line|item) (\d+)(?:\.(.*))?$/.exec(cleaned);
    if (!match) return { row: null, field: cleaned, message };
    return {
      row: { unit: match[1] === 'line' ? 'line' : 'item', number: Number(match[2]) },
      field: match[3] ?? '',
      message,
    };
  });
}

/** Import (all rows or none, every bad row reported) and export of the directory; coordinators only. */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('import.title'));
  const canManage = useCanManageDirectory();
  if (!canManage) return <ForbiddenNotice />;
  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/directory" size="sm">
        {t('import.back')}
      </Anchor>
      <Title order={1}>{t('import.title')}</Title>
      <ImportSection />
      <ExportSection />
    </Stack>
  );
}

function ImportSection() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DirectoryKind>('authorities');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<DirectoryFormat | ''>('');
  const [reading, setReading] = useState(false);
  /** A check in the browser failed: no file, no format, an unreadable or empty file. */
  const [fileError, setFileError] = useState<string | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const importDirectory = useImportDirectory();
  const effectiveFormat = format || (file ? formatFromName(file.name) : null);
  const busy = reading || importDirectory.isPending;
  const problems = rowProblems(importDirectory.error);

  function reset() {
    importDirectory.reset();
    setFileError(null);
    setClientError(null);
  }

  async function submit() {
    reset();
    if (!file) return setFileError(t('import.chooseFile'));
    if (!effectiveFormat) return setClientError(t('import.chooseFormat'));
    setReading(true);
    const content = await file.text().catch(() => null);
    setReading(false);
    if (content === null) return setClientError(t('import.unreadable'));
    if (content.trim() === '') return setClientError(t('import.empty'));
    importDirectory.mutate({ kind, format: effectiveFormat, content });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-heading">
      <Stack>
        <Title order={2} id="import-heading">
          {t('import.importHeading')}
        </Title>
        <Text>{t('import.intro')}</Text>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label={t('import.kind')}
                value={kind}
                onChange={(event) => {
                  setKind(event.currentTarget.value === 'providers' ? 'providers' : 'authorities');
                  reset();
                }}
                data={[
                  { value: 'authorities', label: t('directory.authorities') },
                  { value: 'providers', label: t('directory.providers') },
                ]}
                data-testid="import-kind"
              />
              <FileInput
                label={t('import.file')}
                placeholder={t('import.filePlaceholder')}
                accept=".csv,.json,text/csv,application/json"
                required
                clearable
                value={file}
                onChange={(chosen) => {
                  setFile(chosen);
                  reset();
                }}
                error={fileError}
                clearButtonProps={{ 'aria-label': t('import.clearFile') }}
                fileInputProps={{ 'data-testid': 'import-file-input' } as ComponentProps<'input'>}
                data-testid="import-file"
              />
              <NativeSelect
                label={t('import.format')}
                value={format}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setFormat(value === 'csv' || value === 'json' ? value : '');
                  reset();
                }}
                data={[
                  {
                    value: '',
                    label: file && formatFromName(file.name)
                      ? t('import.formatDetected', { format: formatFromName(file.name)?.toUpperCase() })
                      : t('import.formatAuto'),
                  },
                  { value: 'csv', label: 'CSV' },
                  { value: 'json', label: 'JSON' },
                ]}
                data-testid="import-format"
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={busy} data-testid="import-submit">
                {t('import.submit')}
              </Button>
            </Group>
          </Stack>
        </form>

        <div aria-live="polite">
          {busy && (
            <Group gap="sm" role="status" data-testid="import-progress">
              <Loader size="sm" />
              <Text>{t('import.progress')}</Text>
            </Group>
          )}
        </div>

        {clientError && (
          <Alert color="red" role="alert">
            {clientError}
          </Alert>
        )}

        {importDirectory.data && (
          <Alert color="green" title={t('import.successTitle')} role="status" data-testid="import-success">
            <Stack gap="xs">
              <Text>
                {t('import.success', {
                  kind: t(importDirectory.data.kind === 'providers' ? 'directory.providers' : 'directory.authorities'),
                  created: importDirectory.data.created,
                  updated: importDirectory.data.updated,
                  unchanged: importDirectory.data.unchanged,
                })}
              </Text>
              <Anchor component={Link} to={importDirectory.data.kind === 'providers' ? '/directory?tab=providers' : '/directory'}>
                {t('import.viewDirectory')}
              </Anchor>
            </Stack>
          </Alert>
        )}

        {problems.length > 0 ? (
          <ImportProblems problems={problems} />
        ) : (
          <ErrorAlert error={importDirectory.error} />
        )}
      </Stack>
    </Paper>
  );
}

/** The rejected file's report: nothing was saved, and each bad row with its field and reason. */
function ImportProblems({ problems }: { problems: RowProblem[] }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="import-errors">
      <Alert color="red" title={t('import.rejectedTitle')} role="alert">
        {t('import.rejected', { count: problems.length })}
      </Alert>
      <Table striped data-testid="import-errors-table">
        <Table.Caption>{t('import.problemsCaption', { count: problems.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('import.row')}</Table.Th>
            <Table.Th scope="col">{t('import.field')}</Table.Th>
            <Table.Th scope="col">{t('import.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((problem, index) => (
            <Table.Tr key={index} data-testid="import-error-row">
              <Table.Td>
                {problem.row === null
                  ? '—'
                  : t(problem.row.unit === 'line' ? 'import.line' : 'import.item', { number: problem.row.number })}
              </Table.Td>
              <Table.Td>
                <code>{problem.field || '—'}</code>
              </Table.Td>
              <Table.Td>{problem.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Download links: the whole directory, in the formats the import reads back. */
function ExportSection() {
  const { t } = useTranslation();
  const kinds: DirectoryKind[] = ['authorities', 'providers'];
  const formats: DirectoryFormat[] = ['csv', 'json'];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-heading">
      <Stack>
        <Title order={2} id="export-heading">
          {t('import.exportHeading')}
        </Title>
        <Text>{t('import.exportIntro')}</Text>
        {kinds.map((kind) => (
          <Group key={kind} gap="md">
            <Text fw={600} w={160}>
              {t(kind === 'providers' ? 'directory.providers' : 'directory.authorities')}
            </Text>
            {formats.map((format) => (
              <Anchor key={format} href={directoryExportUrl(kind, format)} download data-testid={`export-${kind}-${format}`}>
                {t('import.exportLink', {
                  kind: t(kind === 'providers' ? 'directory.providers' : 'directory.authorities'),
                  format: format.toUpperCase(),
                })}
              </Anchor>
            ))}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
