import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, HandlingCode } from '../../../../domain/cases.ts';
import { STATUS_COLORS, handlingDescription } from './case-labels.ts';

/** A case's status: open, suspended or closed. */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="case-status">
      {t(`cases.status.${status}`)}
    </Badge>
  );
}

/**
 * The SIENA handling code, short ("H0") where space is tight; the description is its title and,
 * for screen readers, part of its text.
 */
export function HandlingBadge({ code }: { code: HandlingCode }) {
  const { i18n } = useTranslation();
  const description = handlingDescription(code, i18n.language);
  return (
    <Badge color={code === 'H0' ? 'blue' : 'grape'} variant="outline" title={description} data-testid="case-handling">
      <span aria-hidden="true">{code}</span>
      <VisuallyHidden>{description}</VisuallyHidden>
    </Badge>
  );
}
