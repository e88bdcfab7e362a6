import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { RequestStatusBadge } from './request-badges.tsx';
import { requestTypeTitle } from './request-labels.ts';
import { useStartFollowUp } from './use-start-follow-up.ts';

type RequestLink = NonNullable<RequestView['parent']>;

/** "Mutual legal assistance request for subscriber information — follows this request". */
export function followUpText(followUp: RequestView['allowed']['followUps'][number], language: string, t: TFunction): string {
  return `${requestTypeTitle(followUp.type, language)} — ${t(followUp.relation === 'extension' ? 'requests.links.extends' : 'requests.links.followsUp')}`;
}

/**
 * The request's family: the request it follows or extends, those that follow it, and the next
 * steps the instruments provide for (each creates the prefilled follow-up).
 */
export function LinksSection({ request }: { request: RequestView }) {
  const { t, i18n } = useTranslation();
  const start = useStartFollowUp(request);
  // Follow-ups are the requesting side's next steps: a received request offers none here.
  const followUps = request.direction === 'outgoing' ? request.allowed.followUps : [];
  if (!request.parent && request.children.length === 0 && followUps.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-links-heading" data-testid="request-links">
      <Title order={2} size="h3" id="request-links-heading" mb="sm">
        {t('requests.links.heading')}
      </Title>
      <Stack gap="md">
        {request.parent && (
          <div>
            <Text fw={600} size="sm">
              {t(request.relation === 'extension' ? 'requests.links.parentExtension' : 'requests.links.parentFollowUp')}
            </Text>
            <LinkLine link={request.parent} testId="request-parent" />
          </div>
        )}
        {request.children.length > 0 && (
          <div>
            <Text fw={600} size="sm">
              {t('requests.links.children')}
            </Text>
            <List size="sm" spacing={4} listStyleType="none" data-testid="request-children">
              {request.children.map((child) => (
                <List.Item key={child.id}>
                  <LinkLine link={child} testId="request-child" />
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {followUps.length > 0 && (
          <div>
            <Text fw={600} size="sm" mb={6}>
              {t('requests.links.offered')}
            </Text>
            <Stack gap="sm">
              {followUps.map((followUp) => {
                const key = `${followUp.type}-${followUp.relation}`;
                return (
                  <Paper key={key} withBorder p="sm" radius="sm">
                    <Group justify="space-between" align="flex-start" wrap="nowrap">
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <Text fw={600} size="sm">
                          {followUpText(followUp, i18n.language, t)} ({followUp.legalBasis})
                        </Text>
                        <Text size="sm" c="dimmed">
                          {followUp.explanation}
                        </Text>
                      </Stack>
                      <Button
                        size="sm"
                        variant="light"
                        loading={start.pending === key}
                        onClick={() => start.start(followUp.type, followUp.relation)}
                        style={{ flexShrink: 0 }}
                        data-testid={`follow-up-${key}`}
                      >
                        {t(followUp.relation === 'extension' ? 'requests.links.startExtension' : 'requests.links.startFollowUp')}
                      </Button>
                    </Group>
                  </Paper>
                );
              })}
            </Stack>
          </div>
        )}
        <ErrorAlert error={start.error} />
      </Stack>
    </Paper>
  );
}

function LinkLine({ link, testId }: { link: RequestLink; testId: string }) {
  const { i18n } = useTranslation();
  return (
    <Group gap="xs" data-testid={testId}>
      <Anchor component={Link} to={`/requests/${link.id}`} ff="monospace" fw={600}>
        {link.reference}
      </Anchor>
      <Text size="sm">{requestTypeTitle(link.type, i18n.language)}</Text>
      <RequestStatusBadge status={link.status} testId={`${testId}-status`} />
    </Group>
  );
}
