import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/page-title.ts';
import type { UpcomingSection } from './nav-items.ts';

/** Props of {@link PlaceholderPage}. */
export interface PlaceholderPageProps {
  section: UpcomingSection;
}

/**
 * A section that is in the menu but not built yet. It says so plainly rather than showing an
 * empty screen or sample data someone could mistake for real cases.
 */
export function PlaceholderPage({ section }: PlaceholderPageProps) {
  const { t } = useTranslation();
  const title = t(`nav.${section}`);
  usePageTitle(title);
  return (
    <Stack maw={720}>
      <Title order={1}>{title}</Title>
      <Alert color="gray" title={t('placeholder.title')} data-testid="placeholder">
        <Text>{t('placeholder.body')}</Text>
      </Alert>
    </Stack>
  );
}
