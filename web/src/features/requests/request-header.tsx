import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { REQUEST_DEFINITIONS } from '../../../../domain/requests/index.ts';
import { formatDateTime } from '../../ui/format.ts';
import { countryName } from '../../ui/names.ts';
import { formatLocalTime, useNow } from '../../ui/time.ts';
import { EmergencyBadge, RequestStatusBadge } from './request-badges.tsx';
import { counterpartKindLabel, localise, requestTypeTitle, validationReason } from './request-labels.ts';

/** Props of {@link RequestHeader}. */
export interface RequestHeaderProps {
  request: RequestView;
  /** The transition buttons. */
  actions: ReactNode;
}

/**
 * Who asks whom for what: reference, type and form, status, the counterpart with the time it is
 * there now, and who must validate the request and why.
 */
export function RequestHeader({ request, actions }: RequestHeaderProps) {
  const { t, i18n } = useTranslation();
  const definition = REQUEST_DEFINITIONS[request.type];
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={`/cases/${request.caseId}?tab=requests`} size="sm" data-testid="request-case-link">
        {t('requests.page.backToCase', { reference: request.caseReference })}
      </Anchor>
      <Stack gap={4}>
        <Text ff="monospace" fw={600} c="dimmed" data-testid="request-reference">
          {t('requests.page.referenceLabel', { reference: request.reference })}
        </Text>
        <Title order={1} style={{ overflowWrap: 'anywhere' }} data-testid="request-heading">
          {requestTypeTitle(request.type, i18n.language)}
        </Title>
        <Text size="sm" c="dimmed">
          {localise(definition.subtitle, i18n.language)}
        </Text>
        <Group gap="xs" mt={4}>
          <RequestStatusBadge status={request.status} />
          <Badge variant="outline" color="gray" data-testid="request-direction">
            {t(`requests.direction.${request.direction}`)}
          </Badge>
          {request.emergency && <EmergencyBadge />}
          {request.parent && (
            <Badge variant="light" color="indigo" tt="none">
              {t(request.relation === 'extension' ? 'requests.page.extends' : 'requests.page.follows', { reference: request.parent.reference })}
            </Badge>
          )}
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Counterpart request={request} />
        <Validation request={request} />
      </SimpleGrid>
      {request.emergencyFacts && (
        <Paper withBorder p="sm" bg="red.0">
          <Text size="sm" fw={600}>
            {t('requests.page.emergencyFacts')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {request.emergencyFacts}
          </Text>
        </Paper>
      )}
      {actions}
    </Stack>
  );
}

function Counterpart({ request }: { request: RequestView }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const counterpart = request.counterpart;
  const zone = counterpart.timeZone;
  const local = zone ? formatLocalTime(now, zone, i18n.language) : null;
  return (
    <Paper withBorder p="sm" data-testid="request-counterpart">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {t(request.direction === 'incoming' ? 'requests.page.from' : 'requests.page.to')}
      </Text>
      {counterpart.name ? (
        <>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {counterpart.name}
          </Text>
          <Text size="sm">
            {[counterpartKindLabel(counterpart.kind, t), counterpart.country ? countryName(counterpart.country, i18n.language) : '']
              .filter(Boolean)
              .join(' — ')}
          </Text>
          {zone && (
            <Text size="sm" c="dimmed" data-testid="counterpart-local-time">
              {local ? t('requests.page.localTime', { time: local, zone }) : zone}
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('requests.page.noCounterpart')}
        </Text>
      )}
    </Paper>
  );
}

function Validation({ request }: { request: RequestView }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="request-validation">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {t('requests.page.validation')}
      </Text>
      <Text fw={600}>{t(`requests.validation.${request.validation.requirement}`)}</Text>
      <Text size="sm">{validationReason(request, t, i18n.language)}</Text>
      {request.validatedBy && (
        <Text size="sm" mt={4} data-testid="request-validated">
          {t('requests.page.validatedBy', { name: request.validatedBy, time: formatDateTime(request.validatedAt, i18n.language) })}
          {request.validationDecision && ` — ${request.validationDecision}`}
        </Text>
      )}
    </Paper>
  );
}
