import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { DeadlinesSection } from './deadlines-section.tsx';
import { DocumentsSection } from './documents-section.tsx';
import { DraftEditor, type DraftEditorHandle } from './draft/draft-editor.tsx';
import { HistorySection } from './history-section.tsx';
import { LinksSection } from './links-section.tsx';
import { RequestContent } from './request-content.tsx';
import { RequestHeader } from './request-header.tsx';
import { requestTypeTitle } from './request-labels.ts';
import { useRequest } from './requests-api.ts';
import { TransitionActions } from './transition-actions.tsx';

const requestIdSchema = z.uuid();

/**
 * One request. While it may be edited (a draft, an incoming request being handled) the page is
 * the guided drafting; in every state it shows the header, what the user may do next, the
 * deadlines, the documents, the related requests and the history.
 */
export function RequestPage() {
  const { id = '' } = useParams();
  if (!requestIdSchema.safeParse(id).success) return <RequestNotFound />;
  // Keyed by request: a follow-up opens another request on the same route, with fresh state.
  return <RequestLoader key={id} id={id} />;
}

function RequestLoader({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const found = useRequest(id);
  usePageTitle(found.data ? `${found.data.reference} ${requestTypeTitle(found.data.type, i18n.language)}` : t('requests.title'));
  if (found.error instanceof ApiError && found.error.code === 'not_found') return <RequestNotFound />;
  if (found.isPending) return <PageLoader />;
  if (!found.data) return <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />;
  return <RequestDetails request={found.data} />;
}

function RequestDetails({ request }: { request: RequestView }) {
  const editor = useRef<DraftEditorHandle>(null);
  const editable = request.allowed.edit;
  const underReview = request.status === 'awaiting_validation' || request.status === 'validated';
  return (
    <Stack gap="lg" data-testid="request-page" data-status={request.status}>
      <RequestHeader
        request={request}
        actions={
          <TransitionActions
            request={request}
            beforeFire={editable ? () => editor.current?.flush() ?? Promise.resolve(true) : undefined}
            onMissing={(paths) => editor.current?.showMissing(paths)}
          />
        }
      />
      {editable && <DraftEditor key={`${request.id}-${request.status}`} ref={editor} request={request} />}
      {/* Under validation the content is what there is to read; once sent, the deadlines come first. */}
      {!editable && underReview && <RequestContent request={request} initiallyOpen />}
      <DeadlinesSection request={request} />
      <LinksSection request={request} />
      <DocumentsSection request={request} />
      {!editable && !underReview && <RequestContent request={request} initiallyOpen={false} />}
      <HistorySection request={request} />
    </Stack>
  );
}

/** A request the user may not see looks like one that does not exist: the server answers 404 for both. */
function RequestNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('requests.notFound.title'));
  return (
    <Stack maw={720} data-testid="request-not-found">
      <Title order={1}>{t('requests.notFound.title')}</Title>
      <Alert color="gray">
        <Text>{t('requests.notFound.body')}</Text>
      </Alert>
      <Anchor component={Link} to="/requests">
        {t('requests.notFound.back')}
      </Anchor>
    </Stack>
  );
}
