import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/page-title.ts';

/**
 * What a case the user may not see looks like: the same as one that does not exist. The server
 * answers 404 in both cases (need-to-know), so the page cannot tell them apart and says so.
 */
export function CaseNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('cases.notFound.title'));
  return (
    <Stack maw={720} data-testid="case-not-found">
      <Title order={1}>{t('cases.notFound.title')}</Title>
      <Alert color="gray">
        <Text>{t('cases.notFound.body')}</Text>
        <Text mt="xs">{t('cases.notFound.needToKnow')}</Text>
      </Alert>
      <Anchor component={Link} to="/cases">
        {t('cases.notFound.back')}
      </Anchor>
    </Stack>
  );
}
