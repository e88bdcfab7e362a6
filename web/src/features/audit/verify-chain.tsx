import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditVerify } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useVerifyChain } from './audit-api.ts';

/** "Verify chain": recomputes the audit hash chain and says whether it is intact. */
export function VerifyChain() {
  const { t } = useTranslation();
  const verify = useVerifyChain();
  return (
    <Stack align="flex-start" gap="sm">
      <Button variant="default" loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
        {t('audit.verify.button')}
      </Button>
      <ErrorAlert error={verify.error} />
      {verify.data && <VerifyResult result={verify.data} />}
    </Stack>
  );
}

function VerifyResult({ result }: { result: AuditVerify }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert color="green" title={t('audit.verify.okTitle')} role="status" data-testid="audit-verify-result">
        {t('audit.verify.ok', { count: result.checked })}
      </Alert>
    );
  }
  return (
    <Alert color="red" title={t('audit.verify.badTitle')} role="alert" data-testid="audit-verify-result">
      {result.firstBad
        ? t('audit.verify.badAt', { seq: result.firstBad.seq, reason: result.firstBad.reason, count: result.checked })
        : t('audit.verify.bad', { count: result.checked })}
    </Alert>
  );
}
