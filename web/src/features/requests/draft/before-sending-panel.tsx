import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../../domain/requests/api.ts';
import { localise } from '../request-labels.ts';

/** Props of {@link BeforeSendingPanel}. */
export interface BeforeSendingPanelProps {
  check: RequestView['check'];
  /** A received request is checked for what it lacks, not prepared for sending. */
  incoming: boolean;
  /** Moves to the step of the item at `path` and focuses its field. */
  onJump: (path: string) => void;
}

/**
 * "Before sending": what the law or the form still requires (each line names the item and the
 * article, and leads to its field), then the common defects that make requests fail in practice.
 */
export function BeforeSendingPanel({ check, incoming, onJump }: BeforeSendingPanelProps) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="aside" aria-labelledby="before-sending-heading" data-testid="before-sending">
      <Title order={2} size="h4" id="before-sending-heading" mb="sm">
        {t(incoming ? 'requests.draft.receivedCheck' : 'requests.draft.beforeSending')}
      </Title>
      <Stack gap="md">
        {check.ok ? (
          <Alert color="green" data-testid="check-ok">
            {t('requests.draft.complete')}
          </Alert>
        ) : (
          <div>
            <Text fw={600} size="sm" mb={4}>
              {t('requests.draft.missingHeading', { count: check.missing.length })}
            </Text>
            {check.missing.length === 0 ? (
              <Text size="sm">{t('requests.draft.invalidSomewhere')}</Text>
            ) : (
              <Stack component="ul" gap={8} m={0} p={0} style={{ listStyle: 'none' }} data-testid="check-missing">
                {check.missing.map((item) => (
                  <li key={item.path}>
                    <Anchor component="button" type="button" size="sm" display="block" ta="start" onClick={() => onJump(item.path)} data-testid="check-missing-item">
                      {localise(item.message, i18n.language)}
                    </Anchor>
                  </li>
                ))}
              </Stack>
            )}
          </div>
        )}
        {check.warnings.length > 0 && (
          <div>
            <Text fw={600} size="sm" mb={4}>
              {t('requests.draft.warningsHeading')}
            </Text>
            <Stack component="ul" gap={8} m={0} p={0} style={{ listStyle: 'none' }} data-testid="check-warnings">
              {check.warnings.map((warning, index) => (
                <li key={`${warning.code}-${index}`} data-code={warning.code}>
                  <Anchor component="button" type="button" size="sm" display="block" ta="start" c="dark" underline="always" onClick={() => onJump(warning.path)} data-testid="check-warning">
                    {localise(warning.message, i18n.language)}
                  </Anchor>
                </li>
              ))}
            </Stack>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
