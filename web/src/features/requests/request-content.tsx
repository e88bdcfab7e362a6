import { Button, Collapse, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../domain/requests/api.ts';
import { formatLocalTime, formatValue, type RequiredItem } from '../../../../domain/requests/definition.ts';
import { REQUEST_DEFINITIONS } from '../../../../domain/requests/index.ts';
import { formatObservedUtc } from '../cases/identifier-time.ts';
import { valueAt } from './draft/body-paths.ts';
import { localise, textLanguage } from './request-labels.ts';

function identifierLines(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const id = raw as Record<string, unknown>;
    const text = (key: string) => (typeof id[key] === 'string' ? (id[key] as string) : '');
    const at = text('observedAt');
    const zone = text('timeZone');
    const when = at ? ` — ${formatObservedUtc(at)}${zone ? ` (${zone}: ${formatLocalTime(at, zone)})` : ''}` : '';
    return [`${text('kind')} ${text('value')}${when}`];
  });
}

function shownValue(item: RequiredItem, body: unknown, language: 'en' | 'fr'): string[] {
  const value = valueAt(body, item.path);
  if (item.path === 'identifiers' || (Array.isArray(value) && value.some((element) => typeof element === 'object'))) return identifierLines(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const period = value as Record<string, unknown>;
    const from = typeof period.from === 'string' ? period.from : '';
    const to = typeof period.to === 'string' ? period.to : '';
    return from || to ? [`${from || '…'} → ${to || '…'}`] : [];
  }
  const formatted = formatValue(value, item, language);
  return Array.isArray(formatted) ? formatted : formatted === '' ? [] : [formatted];
}

/**
 * The request as it stands, read-only (a request under validation or sent is not edited here):
 * every item of each step with its number, the way the document prints it.
 */
export function RequestContent({ request, initiallyOpen }: { request: RequestView; initiallyOpen: boolean }) {
  const { t, i18n } = useTranslation();
  const [opened, { toggle }] = useDisclosure(initiallyOpen);
  const language = textLanguage(i18n.language);
  const definition = REQUEST_DEFINITIONS[request.type];
  const byPath = new Map(definition.items.map((item) => [item.path, item]));
  // Empty optional items say nothing; a required one left empty is shown, as a gap.
  const shown = (item: RequiredItem) => item.required || shownValue(item, request.body, language).length > 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-content-heading" data-testid="request-content">
      <Group justify="space-between" align="center" mb={opened ? 'sm' : 0}>
        <Title order={2} size="h3" id="request-content-heading">
          {t('requests.content.heading')}
        </Title>
        <Button variant="default" size="xs" onClick={toggle} aria-expanded={opened} aria-controls="request-content-body" data-testid="request-content-toggle">
          {t(opened ? 'requests.content.hide' : 'requests.content.show')}
        </Button>
      </Group>
      <Collapse expanded={opened} id="request-content-body">
        <Text size="sm" c="dimmed" mb="sm">
          {t('requests.content.emptyHidden')}
        </Text>
        <Stack gap="lg">
          {definition.steps.map((step) => (
            <Table key={step.id} verticalSpacing={6} layout="fixed">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 700 }}>{localise(step.title, language)}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="40%">
                    {t('requests.content.item')}
                  </Table.Th>
                  <Table.Th scope="col">{t('requests.content.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {step.paths.map((path) => {
                  const item = byPath.get(path);
                  if (!item || !shown(item)) return null;
                  const lines = shownValue(item, request.body, language);
                  return (
                    <Table.Tr key={path}>
                      <Table.Td>
                        <Text size="sm">
                          {item.number} · {localise(item.label, language)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                        {lines.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        ) : (
                          lines.map((line, index) => (
                            <Text key={index} size="sm">
                              {line}
                            </Text>
                          ))
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          ))}
        </Stack>
      </Collapse>
    </Paper>
  );
}
