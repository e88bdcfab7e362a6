import { Button, CopyButton, Group, List, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Props of {@link RecoveryCodesList}. */
export interface RecoveryCodesListProps {
  codes: string[];
}

/** Offers the codes as a text file, the easiest thing to keep in a password manager or safe. */
function downloadCodes(codes: string[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}

/** Recovery codes in a monospace list, with "copy all" and "download". */
export function RecoveryCodesList({ codes }: RecoveryCodesListProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <List
        data-testid="recovery-codes"
        listStyleType="none"
        ff="monospace"
        fz="lg"
        spacing={4}
        style={{ columns: 2 }}
        aria-label={t('recovery.listLabel')}
      >
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group mt="md">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('common.copied') : t('recovery.copyAll')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => downloadCodes(codes, 'liaison-recovery-codes.txt')}>
          {t('recovery.download')}
        </Button>
      </Group>
    </Paper>
  );
}
