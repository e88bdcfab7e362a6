import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeadlineState } from '../../../../domain/deadlines.ts';
import type { RequestStatus } from '../../../../domain/lifecycle.ts';
import { DEADLINE_STATE_COLORS, STATUS_COLORS } from './request-labels.ts';

/** A request's status ("Draft", "Sent", "Refused"). */
export function RequestStatusBadge({ status, testId = 'request-status' }: { status: RequestStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid={testId}>
      {t(`requests.status.${status}`)}
    </Badge>
  );
}

/** Where a deadline stands: pending, due soon, overdue, met or suspended. */
export function DeadlineStateBadge({ state }: { state: DeadlineState }) {
  const { t } = useTranslation();
  return (
    <Badge color={DEADLINE_STATE_COLORS[state]} variant={state === 'overdue' ? 'filled' : 'light'} data-testid="deadline-state">
      {t(`requests.deadlines.states.${state}`)}
    </Badge>
  );
}

/** Marks an emergency request (imminent risk to life or safety). */
export function EmergencyBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" data-testid="request-emergency">
      {t('requests.emergency')}
    </Badge>
  );
}
