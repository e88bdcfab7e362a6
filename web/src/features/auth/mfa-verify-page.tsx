import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mfaVerifyBodySchema } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { AbandonSignIn } from './abandon-sign-in.tsx';
import { useVerifyMfa } from './auth-api.ts';
import { TotpCodeInput } from './totp-code-input.tsx';

const [totpBodySchema, recoveryBodySchema] = mfaVerifyBodySchema.options;

/** Second step of sign-in: a code from the authenticator, or one of the recovery codes. */
export function MfaVerifyPage() {
  const { t } = useTranslation();
  usePageTitle(t('mfa.verifyTitle'));
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  return (
    <Stack>
      <Title order={1}>{t('mfa.verifyTitle')}</Title>
      <Text>{useRecoveryCode ? t('mfa.verifyRecoveryIntro') : t('mfa.verifyIntro')}</Text>
      {/* A new form per mode, so a half-typed value never crosses over. */}
      {useRecoveryCode ? <RecoveryCodeForm /> : <TotpForm />}
      <Group justify="space-between">
        <Button variant="subtle" onClick={() => setUseRecoveryCode(!useRecoveryCode)} data-testid="mfa-switch">
          {useRecoveryCode ? t('mfa.useTotp') : t('mfa.useRecovery')}
        </Button>
        <AbandonSignIn />
      </Group>
    </Stack>
  );
}

function TotpForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const verify = useVerifyMfa();
  const form = useSchemaForm(totpBodySchema, verify, { code: t('mfa.codeFormat') });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ code });
      }}
    >
      <Stack align="flex-start">
        <ErrorAlert error={verify.error} />
        <TotpCodeInput label={t('mfa.code')} value={code} onChange={setCode} error={form.errors.code} testId="mfa-code" />
        <Button type="submit" loading={verify.isPending} data-testid="mfa-submit">
          {t('mfa.verify')}
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodeForm() {
  const { t } = useTranslation();
  const [recoveryCode, setRecoveryCode] = useState('');
  const verify = useVerifyMfa();
  const form = useSchemaForm(recoveryBodySchema, verify, { recoveryCode: t('mfa.recoveryFormat') });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ recoveryCode: recoveryCode.trim() });
      }}
    >
      <Stack align="flex-start">
        <ErrorAlert error={verify.error} />
        <TextInput
          label={t('mfa.recoveryCode')}
          value={recoveryCode}
          onChange={(event) => setRecoveryCode(event.currentTarget.value)}
          error={form.errors.recoveryCode}
          autoComplete="off"
          spellCheck={false}
          required
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="mfa-code"
        />
        <Button type="submit" loading={verify.isPending} data-testid="mfa-submit">
          {t('mfa.verify')}
        </Button>
      </Stack>
    </form>
  );
}
