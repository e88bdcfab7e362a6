import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The spinner shown while a query runs; announced to screen readers as "Loading". */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center role="status" py="xl">
      <Loader />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Center>
  );
}
