import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../ui/page-title.ts';
import { AuthoritiesSearch } from './authorities-search.tsx';
import { useCanManageDirectory, type DirectoryKind } from './directory-api.ts';
import { ProvidersSearch } from './providers-search.tsx';

/**
 * The directory: authorities (24/7 points, central authorities, Eurojust…) and service providers,
 * each in a tab with its filters. The tab and the filters live in the address, so "back" from a
 * profile returns to the same results.
 */
export function DirectoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('directory.title'));
  const [params, setParams] = useSearchParams();
  const tab: DirectoryKind = params.get('tab') === 'providers' ? 'providers' : 'authorities';
  const canManage = useCanManageDirectory();

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{t('directory.title')}</Title>
        {canManage && (
          <Button component={Link} to="/directory/import" variant="default" data-testid="directory-import-open">
            {t('directory.importExport')}
          </Button>
        )}
      </Group>
      <Text maw={800}>{t('directory.intro')}</Text>
      <Tabs
        value={tab}
        // A new tab starts with no filter: the filters of one list mean nothing in the other.
        onChange={(value) => setParams(value === 'providers' ? { tab: 'providers' } : {})}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('directory.tabsLabel')}>
          <Tabs.Tab value="authorities" data-testid="tab-authorities">
            {t('directory.authorities')}
          </Tabs.Tab>
          <Tabs.Tab value="providers" data-testid="tab-providers">
            {t('directory.providers')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="authorities" pt="md">
          <AuthoritiesSearch canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="providers" pt="md">
          <ProvidersSearch canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
