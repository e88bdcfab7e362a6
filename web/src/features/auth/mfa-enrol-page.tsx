import { Button, Group, Image, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { totpEnableBodySchema } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { SecretValue } from '../../ui/secret-value.tsx';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { AbandonSignIn } from './abandon-sign-in.tsx';
import { useEnableTotp, useTotpSetup } from './auth-api.ts';
import { useAuthOutlet } from './auth-layout.tsx';
import { TotpCodeInput } from './totp-code-input.tsx';

/** Two-factor enrolment: scan the QR code (or type the key), then prove it with a first code. */
export function MfaEnrolPage() {
  const { t } = useTranslation();
  usePageTitle(t('mfa.enrolTitle'));
  const setup = useTotpSetup();
  return (
    <Stack>
      <Title order={1}>{t('mfa.enrolTitle')}</Title>
      <Text>{t('mfa.enrolIntro')}</Text>
      {setup.isPending && <PageLoader />}
      <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />
      {setup.data && (
        <>
          <List type="ordered" spacing="sm">
            <List.Item>{t('mfa.stepScan')}</List.Item>
            <List.Item>{t('mfa.stepManual')}</List.Item>
            <List.Item>{t('mfa.stepCode')}</List.Item>
          </List>
          {/* White margin around the code: scanners need a quiet zone to find it. */}
          <Paper withBorder p="md" bg="white" w="fit-content">
            <Image src={setup.data.qrCodeDataUrl} alt={t('mfa.qrAlt')} w={200} h={200} fit="contain" />
          </Paper>
          <Stack gap={4}>
            <Text fw={600}>{t('mfa.manualKey')}</Text>
            <SecretValue value={setup.data.secret} label={t('mfa.manualKey')} testId="totp-secret" />
          </Stack>
          <EnableForm />
        </>
      )}
      <Group justify="flex-end">
        <AbandonSignIn />
      </Group>
    </Stack>
  );
}

/** The first code; on success the recovery codes go to the next page through the layout. */
function EnableForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setRecoveryCodes } = useAuthOutlet();
  const [code, setCode] = useState('');
  const enable = useEnableTotp();
  const form = useSchemaForm(
    totpEnableBodySchema,
    {
      ...enable,
      mutate: (body) =>
        enable.mutate(body, {
          onSuccess: ({ recoveryCodes }) => {
            setRecoveryCodes(recoveryCodes);
            // The session is now at stage `done`, but the cached one is not re-read here: the
            // navigation runs as a transition, which the session update would interrupt, and this
            // page's guard would then move on to the app before the recovery codes are shown.
            // The recovery-codes page re-reads the session when the user confirms.
            void navigate('/auth/recovery-codes', { replace: true });
          },
        }),
    },
    { code: t('mfa.codeFormat') },
  );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ code });
      }}
    >
      <Stack align="flex-start">
        <ErrorAlert error={enable.error} />
        <TotpCodeInput label={t('mfa.code')} value={code} onChange={setCode} error={form.errors.code} testId="totp-code" />
        <Button type="submit" loading={enable.isPending} data-testid="totp-submit">
          {t('mfa.enable')}
        </Button>
      </Stack>
    </form>
  );
}
