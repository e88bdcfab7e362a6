import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { countryName } from '../../ui/names.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { MAIN_CONTENT_ID } from '../../ui/skip-link.tsx';
import { EventNotFound } from './event-frame.tsx';
import { formatInstant, organisationTypeLabel, registrationStatusLabel, roleLabel, visitorTimeZone } from './event-labels.ts';
import { useParticipantList } from './events-api.ts';
import classes from './participants-print.module.css';

/**
 * `/events/:id/print`: the participant list (confirmed and attended, by name) as a plain sheet
 * without the app's header and menu, with a signature column for a sign-in sheet. The browser's
 * print dialog does the rest; print CSS hides the buttons.
 */
export function ParticipantsPrintPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const list = useParticipantList(id);
  usePageTitle(list.data ? t('events.print.pageTitle', { title: list.data.event.title }) : t('events.print.title'));
  const language = i18n.language;
  return (
    <main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.sheet}>
      {list.isPending && <PageLoader />}
      {list.isError &&
        (list.error instanceof ApiError && (list.error.status === 404 || list.error.code === 'validation_failed') ? <EventNotFound /> : <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />)}
      {list.data && (
        <Stack gap="md">
          <Group justify="space-between" className={classes.noPrint}>
            <Anchor component={Link} to={`/events/${id}/registrations`}>
              {t('events.print.back')}
            </Anchor>
            <Button onClick={() => window.print()} data-testid="print-button">
              {t('events.print.print')}
            </Button>
          </Group>
          <Stack gap={4}>
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              {list.data.event.title}
            </Title>
            <Text>
              {formatInstant(list.data.event.startsAt, list.data.event.timeZone, language)}
              {list.data.event.timeZone !== visitorTimeZone() && ` · ${list.data.event.timeZone}`}
            </Text>
            <Text size="sm">
              {t('events.print.organiser', { organiser: list.data.event.organiser })} ·{' '}
              {t('events.print.generated', { time: formatInstant(list.data.generatedAt, visitorTimeZone(), language) })} ·{' '}
              <span data-testid="print-count">{t('events.print.count', { count: list.data.participants.length })}</span>
            </Text>
          </Stack>
          {list.data.participants.length === 0 ? (
            <Text data-testid="print-empty">{t('events.print.none')}</Text>
          ) : (
            <table className={classes.table} data-testid="print-table">
              <caption style={{ textAlign: 'left', captionSide: 'top', fontWeight: 600, marginBottom: 4 }}>{t('events.print.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('events.registrant.name')}</th>
                  <th scope="col">{t('events.registrant.organisation')}</th>
                  <th scope="col">{t('events.registrant.country')}</th>
                  <th scope="col">{t('events.registrant.role')}</th>
                  <th scope="col">{t('events.registrations.status')}</th>
                  <th scope="col">{t('events.print.signature')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.participants.map((participant, index) => (
                  <tr key={participant.registrationId} data-testid="print-row">
                    <td className={classes.number}>{index + 1}</td>
                    <td>{participant.name}</td>
                    <td>
                      {participant.organisation}
                      {participant.organisationType && ` (${organisationTypeLabel(participant.organisationType, language)})`}
                    </td>
                    <td>{countryName(participant.country, language)}</td>
                    <td>{roleLabel(participant.role, language)}</td>
                    <td>{registrationStatusLabel(participant.status, language)}</td>
                    <td className={classes.signature} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Stack>
      )}
    </main>
  );
}
