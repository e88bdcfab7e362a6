import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Props of {@link SecretValue}. */
export interface SecretValueProps {
  /** The value to show verbatim (a one-time password, an API token, a TOTP key). */
  value: string;
  /** What the value is, for the copy button's accessible name ("Copy one-time password"). */
  label: string;
  /** Test selector of the element holding the value. */
  testId?: string;
}

/**
 * A secret shown in full with a copy button. The value is printed exactly as received: people
 * paste it into authenticators and terminals, so no spacing is added for readability.
 */
export function SecretValue({ value, label, testId }: SecretValueProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code fz="md" p="xs" style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={copy}
              aria-label={t('common.copyWhat', { what: label })}
            >
              <CopyIcon done={copied} />
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** A copy (or tick, once copied) glyph; decorative, the button carries the name. */
export function CopyIcon({ done }: { done: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      {done ? (
        <path d="M5 12l5 5L20 7" />
      ) : (
        <>
          <rect x="9" y="9" width="11" height="11" rx="2" />
          <path d="M5 15V5a2 2 0 0 1 2-2h10" />
        </>
      )}
    </svg>
  );
}
