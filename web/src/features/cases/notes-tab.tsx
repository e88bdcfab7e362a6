import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { noteInputSchema } from '../../../../domain/cases.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { personName } from './case-labels.ts';
import type { CaseTabProps } from './case-tabs.tsx';
import { useAddNote, useCaseNotes } from './cases-api.ts';

/** The case notes, newest first, and (for team members) a box to add one. Notes are not edited. */
export function NotesTab({ caseData }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const notes = useCaseNotes(caseData.id);
  return (
    <Stack>
      {caseData.allowed.edit && <AddNoteForm caseId={caseData.id} />}
      <section aria-labelledby="case-notes-heading">
        <Title order={2} size="h3" id="case-notes-heading" mb="sm">
          {t('cases.notes.heading')}
        </Title>
        <ErrorAlert error={notes.error} onRetry={() => void notes.refetch()} />
        {notes.isPending && <PageLoader />}
        {notes.data &&
          (notes.data.items.length === 0 ? (
            <Text data-testid="case-notes-empty">{t('cases.notes.none')}</Text>
          ) : (
            <Stack gap="sm" component="ol" aria-label={t('cases.notes.listLabel')} p={0} m={0} style={{ listStyle: 'none' }} data-testid="case-notes">
              {notes.data.items.map((note) => (
                <Paper key={note.id} withBorder p="md" component="li" data-testid="case-note">
                  <Text size="sm" c="dimmed" mb={6}>
                    {t('cases.notes.byline', { author: personName(caseData.team, note.author), time: formatDateTime(note.createdAt, i18n.language) })}
                  </Text>
                  <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.body}</Text>
                </Paper>
              ))}
            </Stack>
          ))}
      </section>
    </Stack>
  );
}

function AddNoteForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const add = useAddNote(caseId);
  const form = useSchemaForm(noteInputSchema, {
    ...add,
    mutate: (value) => add.mutate(value, { onSuccess: () => setBody('') }),
  });
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          form.submit({ body });
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={add.error} />
          <Textarea
            label={t('cases.notes.add')}
            description={t('cases.notes.addHint')}
            autosize
            minRows={3}
            maxRows={14}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            error={form.errors.body}
            data-testid="note-body"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} data-testid="note-submit">
              {t('cases.notes.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
