import { Anchor, Group, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The parts of a `source` field: several references are separated by ` | `. */
export function splitSources(source: string | null | undefined): string[] {
  return (source ?? '')
    .split(' | ')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * A `source` field: each http(s) address as an external link named by its site (the full address
 * is the link's title), anything else as plain text.
 */
export function SourceLinks({ source }: { source: string | null | undefined }) {
  const { t } = useTranslation();
  const parts = splitSources(source);
  if (parts.length === 0) return <Text size="sm">—</Text>;
  return (
    <Group gap={6} component="span" wrap="wrap">
      {parts.map((part, index) => {
        const host = hostOf(part);
        if (host === null) {
          return (
            <Text key={index} size="sm" component="span">
              {part}
            </Text>
          );
        }
        return (
          <Anchor key={index} href={part} target="_blank" rel="noopener noreferrer" size="sm" title={part}>
            {host}
            <VisuallyHidden>{t('common.opensInNewTab')}</VisuallyHidden>
          </Anchor>
        );
      })}
    </Group>
  );
}
