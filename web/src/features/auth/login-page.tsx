import { Button, Checkbox, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginBodySchema } from '../../../../domain/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { PageLoader } from '../../ui/page-loader.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useSchemaForm } from '../../ui/use-schema-form.ts';
import { useBanner, useLogin } from './auth-api.ts';

/** Sign-in with e-mail and password, after reading and acknowledging the monitoring notice. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  return (
    <Stack>
      <Title order={1}>{t('login.title')}</Title>
      <MonitoringNotice />
      <LoginForm />
    </Stack>
  );
}

/** The organisation's notice (the "banner"): who may use the system and that use is monitored. */
function MonitoringNotice() {
  const { t } = useTranslation();
  const banner = useBanner();
  if (banner.isPending) return <PageLoader />;
  if (banner.isError) return <ErrorAlert error={banner.error} onRetry={() => void banner.refetch()} />;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notice-heading">
      <Title order={2} size="h4" id="notice-heading" mb="xs">
        {t('login.noticeHeading')}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="login-banner">
        {banner.data.text}
      </Text>
    </Paper>
  );
}

function LoginForm() {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useSchemaForm(loginBodySchema, login, { acknowledgeBanner: t('login.ackRequired') });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({ email, password, acknowledgeBanner: acknowledged });
      }}
    >
      <Stack>
        <ErrorAlert error={login.error} />
        <TextInput
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={form.errors.email}
          data-testid="login-email"
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={form.errors.password}
          data-testid="login-password"
        />
        <Checkbox
          label={t('login.acknowledge')}
          checked={acknowledged}
          onChange={(event) => setAcknowledged(event.currentTarget.checked)}
          error={form.errors.acknowledgeBanner}
          required
          data-testid="login-ack"
        />
        <Button type="submit" loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
