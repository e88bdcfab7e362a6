import { Alert, Button, FileInput, Group, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceResult } from '../../../../domain/events.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { mergeFieldErrors } from '../../ui/errors.ts';
import { registrationStatusLabel } from './event-labels.ts';
import { useImportAttendance } from './events-api.ts';

const DELIMITERS = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
] as const;

/** The limit of the contract (attendanceImportSchema): 2 MB of text. */
const MAX_BYTES = 2_000_000;

/**
 * Imports the attendance list of the meeting tool (a CSV with an e-mail column): confirmed
 * registrations found in it become "attended"; rows that match nobody, or someone not confirmed,
 * are listed so the organiser can check them by hand.
 */
export function AttendanceImport({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const importAttendance = useImportAttendance(eventId);
  const [file, setFile] = useState<File | null>(null);
  const [delimiter, setDelimiter] = useState<',' | ';' | '\t'>(',');
  const [fileError, setFileError] = useState<string | null>(null);
  const errors = mergeFieldErrors({}, importAttendance.error);

  const submit = async () => {
    if (!file) return setFileError(t('events.attendance.chooseFile'));
    if (file.size > MAX_BYTES) return setFileError(t('events.attendance.tooLarge'));
    setFileError(null);
    importAttendance.mutate({ csv: await file.text(), delimiter });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attendance-heading" data-testid="attendance-import">
      <Title order={2} size="h3" id="attendance-heading">
        {t('events.attendance.heading')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw={820}>
        {t('events.attendance.intro')}
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Group align="flex-start">
          <FileInput
            label={t('events.attendance.file')}
            placeholder={t('events.attendance.filePlaceholder')}
            accept=".csv,text/csv,text/plain"
            clearable
            clearButtonProps={{ 'aria-label': t('events.attendance.clearFile'), 'aria-hidden': false, tabIndex: 0 }}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setFileError(null);
              importAttendance.reset();
            }}
            error={fileError ?? errors.csv}
            w={320}
            data-testid="attendance-file"
          />
          <NativeSelect
            label={t('events.attendance.delimiter')}
            value={delimiter}
            onChange={(e) => setDelimiter(DELIMITERS.find((d) => d.value === e.currentTarget.value)?.value ?? ',')}
            data={DELIMITERS.map((d) => ({ value: d.value, label: t(`events.attendance.delimiters.${d.key}`) }))}
            data-testid="attendance-delimiter"
          />
          <Button type="submit" mt={25} loading={importAttendance.isPending} data-testid="attendance-submit">
            {t('events.attendance.submit')}
          </Button>
        </Group>
      </form>
      <Stack mt="sm">
        <ErrorAlert error={importAttendance.error} />
        {importAttendance.data && <AttendanceOutcome result={importAttendance.data} />}
      </Stack>
    </Paper>
  );
}

function AttendanceOutcome({ result }: { result: AttendanceResult }) {
  const { t, i18n } = useTranslation();
  const problems = result.unknown.length + result.notConfirmed.length + result.invalid.length;
  return (
    <Stack gap="sm" data-testid="attendance-result" role="status">
      <Alert color={problems === 0 ? 'green' : 'yellow'} title={t('events.attendance.resultTitle')}>
        <List size="sm">
          <List.Item data-testid="attendance-marked">{t('events.attendance.marked', { count: result.marked })}</List.Item>
          <List.Item>{t('events.attendance.already', { count: result.alreadyAttended })}</List.Item>
          <List.Item data-testid="attendance-unknown-count">{t('events.attendance.unknown', { count: result.unknown.length })}</List.Item>
          <List.Item>{t('events.attendance.notConfirmed', { count: result.notConfirmed.length })}</List.Item>
          <List.Item>{t('events.attendance.invalid', { count: result.invalid.length })}</List.Item>
        </List>
      </Alert>
      {problems > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped data-testid="attendance-problems">
            <Table.Caption>{t('events.attendance.problemsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('events.attendance.line')}</Table.Th>
                <Table.Th scope="col">{t('events.attendance.value')}</Table.Th>
                <Table.Th scope="col">{t('events.attendance.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[
                ...result.unknown.map((row) => ({ line: row.line, value: row.email, problem: t('events.attendance.problemUnknown') })),
                ...result.notConfirmed.map((row) => ({
                  line: row.line,
                  value: row.email,
                  problem: t('events.attendance.problemNotConfirmed', { status: registrationStatusLabel(row.status, i18n.language) }),
                })),
                ...result.invalid.map((row) => ({ line: row.line, value: row.value, problem: t('events.attendance.problemInvalid') })),
              ]
                .sort((a, b) => a.line - b.line)
                .map((row) => (
                  <Table.Tr key={`${row.line}-${row.value}`} data-testid="attendance-problem">
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.value}</Table.Td>
                    <Table.Td>{row.problem}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
