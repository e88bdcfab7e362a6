import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors.ts';

/** Props of {@link ErrorAlert}. */
export interface ErrorAlertProps {
  /** The failure; nothing is rendered when it is null or undefined. */
  error: unknown;
  /** Offered as a "Try again" button, e.g. a query's `refetch`. */
  onRetry?: () => void;
}

/** A failed query or form submission, described in words, with an optional retry. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" title={t('errors.title')} role="alert" data-testid="error-alert">
      {describeError(error, t)}
      {onRetry && (
        <Button variant="default" size="xs" mt="sm" display="block" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
