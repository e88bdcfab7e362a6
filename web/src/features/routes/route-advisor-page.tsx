import { Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { RouteForm, type RouteFormDefaults } from './route-form.tsx';
import { RouteResults } from './route-results.tsx';
import { useAdvise } from './routes-api.ts';

const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * The route advisor: the question, then the ranked routes with their reasons. The address can
 * prefill the target (`/routes?to=US` from a country profile, `?provider=<id>` from a provider's).
 */
export function RouteAdvisorPage() {
  const { t } = useTranslation();
  usePageTitle(t('routes.title'));
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const advise = useAdvise();
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const to = (params.get('to') ?? '').toUpperCase();
  const providerId = params.get('provider');
  const from = (params.get('from') ?? '').toUpperCase();
  const defaults: RouteFormDefaults = {
    from: COUNTRY_CODE.test(from) ? from : me.organisation.country.toUpperCase(),
    targetType: providerId ? 'provider' : 'country',
    toCountry: COUNTRY_CODE.test(to) ? to : '',
    providerId: providerId || null,
  };

  // A new answer: move the focus to it (the form stays above for the next question).
  useEffect(() => {
    if (advise.data) resultsHeading.current?.focus();
  }, [advise.data]);

  return (
    <Stack maw={1100}>
      <Title order={1}>{t('routes.title')}</Title>
      <Text maw={800}>{t('routes.intro')}</Text>
      {/* A new prefill in the address starts a new question. */}
      <RouteForm key={params.toString()} defaults={defaults} mutation={advise} />
      {/* Field errors are shown next to the fields; anything else here. */}
      <ErrorAlert error={advise.error} />
      {advise.data && <RouteResults ref={resultsHeading} advice={advise.data} question={advise.variables} />}
    </Stack>
  );
}
