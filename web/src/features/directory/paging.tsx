import { Box, Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE } from './search-params.ts';

/** Props of {@link Paging}. */
export interface PagingProps {
  page: number;
  total: number;
  onChange: (page: number) => void;
  /** What is paged, for the navigation landmark's name ("Pages of authorities"). */
  label: string;
}

/** "Showing 26–50 of 120" and the page buttons, each with a name a screen reader can announce. */
export function Paging({ page, total, onChange, label }: PagingProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);
  // One page: the table's caption already says how many there are.
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" align="center">
      <Text size="sm" role="status" data-testid="directory-range">
        {t('directory.paging.range', { from, to, total })}
      </Text>
      <Box component="nav" aria-label={label}>
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          getControlProps={(control) => ({ 'aria-label': t(`directory.paging.${control}`) })}
          getItemProps={(item) => ({ 'aria-label': t('directory.paging.page', { page: item }) })}
        />
      </Box>
    </Group>
  );
}
