import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseIdentifier } from '../../../../../domain/cases.ts';
import { identifierKindSchema } from '../../../../../domain/identifiers.ts';
import { formatLocalTime } from '../../../../../domain/requests/definition.ts';
import { formatObservedUtc } from '../../cases/identifier-time.ts';
import { useCaseIdentifiers } from '../../cases/cases-api.ts';

/** An identifier as the request body holds it (domain/requests/definition.ts, requestIdentifierSchema). */
interface BodyIdentifier {
  kind: string;
  value: string;
  observedAt?: string;
  timeZone?: string;
  port?: number;
  platform?: string;
  note?: string;
}

function readIdentifiers(value: unknown): BodyIdentifier[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): BodyIdentifier[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const record = raw as Record<string, unknown>;
    const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
    return [
      {
        kind: text('kind') ?? '',
        value: text('value') ?? '',
        ...(text('observedAt') ? { observedAt: text('observedAt') } : {}),
        ...(text('timeZone') ? { timeZone: text('timeZone') } : {}),
        ...(typeof record.port === 'number' ? { port: record.port } : {}),
        ...(text('platform') ? { platform: text('platform') } : {}),
        ...(text('note') ? { note: text('note') } : {}),
      },
    ];
  });
}

/** The case's identifier as a request carries it: the same mapping the server uses when it prefills a draft. */
function fromCase(identifier: CaseIdentifier): BodyIdentifier {
  return {
    kind: identifier.kind,
    value: identifier.display,
    ...(identifier.observedAt ? { observedAt: identifier.observedAt.replace('.000Z', 'Z') } : {}),
    ...(identifier.timeZone ? { timeZone: identifier.timeZone } : {}),
    ...(identifier.port !== null ? { port: identifier.port } : {}),
    ...(identifier.platform ? { platform: identifier.platform } : {}),
    ...(identifier.note ? { note: identifier.note } : {}),
  };
}

function sameIdentifier(a: BodyIdentifier, b: BodyIdentifier): boolean {
  return a.kind === b.kind && a.value === b.value && (a.observedAt ?? '') === (b.observedAt ?? '');
}

/** Props of {@link IdentifiersField}. */
export interface IdentifiersFieldProps {
  value: unknown;
  onChange: (next: BodyIdentifier[] | undefined) => void;
  caseId: string;
  error?: string;
}

/**
 * The identifiers of a request, prefilled from the case: kind, value, the time in UTC, the zone it
 * was observed in and the local time there (a provider matches its logs with them). Rows can be
 * removed, and identifiers of the case added again; new identifiers are recorded in the case first.
 */
export function IdentifiersField({ value, onChange, caseId, error }: IdentifiersFieldProps) {
  const { t } = useTranslation();
  const identifiers = readIdentifiers(value);
  const fromCaseList = useCaseIdentifiers(caseId);
  const [chosen, setChosen] = useState('');
  const addable = (fromCaseList.data?.items ?? []).filter((candidate) => !identifiers.some((present) => sameIdentifier(present, fromCase(candidate))));
  const kindLabel = (kind: string) => {
    const parsed = identifierKindSchema.safeParse(kind);
    return parsed.success ? t(`cases.identifiers.kinds.${parsed.data}`) : kind;
  };

  return (
    <Stack gap="sm">
      {identifiers.length === 0 ? (
        <Text c={error ? 'red.9' : 'dimmed'} size="sm" data-testid="draft-identifiers-empty">
          {t('requests.draft.identifiers.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder verticalSpacing="xs" data-testid="draft-identifiers">
            <Table.Caption>{t('requests.draft.identifiers.caption', { count: identifiers.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.identifiers.columns.identifier')}</Table.Th>
                <Table.Th scope="col">{t('requests.draft.identifiers.utc')}</Table.Th>
                <Table.Th scope="col">{t('requests.draft.identifiers.zoneAndLocal')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('cases.identifiers.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {identifiers.map((identifier, index) => {
                const local = identifier.observedAt ? formatLocalTime(identifier.observedAt, identifier.timeZone ?? 'UTC') : '';
                const zoneMissing = identifier.observedAt !== undefined && identifier.timeZone === undefined;
                return (
                  <Table.Tr key={`${identifier.kind}-${identifier.value}-${identifier.observedAt ?? ''}-${index}`} data-testid="draft-identifier-row">
                    <Table.Td style={{ minWidth: 150 }}>
                      <Text size="xs" c="dimmed">
                        {kindLabel(identifier.kind)}
                      </Text>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {identifier.value}
                      </Text>
                      {identifier.port !== undefined && (
                        <Text size="xs" c="dimmed">
                          {t('requests.draft.identifiers.port', { port: identifier.port })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm" style={{ minWidth: 110 }}>
                      {identifier.observedAt ? formatObservedUtc(identifier.observedAt) : '—'}
                    </Table.Td>
                    <Table.Td>
                      {identifier.timeZone ? (
                        <Text size="sm">{identifier.timeZone}</Text>
                      ) : zoneMissing ? (
                        <Text span c="red.9" size="sm" fw={600}>
                          {t('requests.draft.identifiers.noZone')}
                        </Text>
                      ) : (
                        <Text size="sm">—</Text>
                      )}
                      {local && (
                        <Text size="xs" ff="monospace" c="dimmed">
                          {local}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => {
                          const next = identifiers.filter((_, position) => position !== index);
                          onChange(next.length === 0 ? undefined : next);
                        }}
                        aria-label={t('requests.draft.identifiers.removeNamed', { value: identifier.value })}
                        data-testid="draft-identifier-remove"
                      >
                        {t('requests.draft.identifiers.remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {error && (
        <Text c="red.9" size="sm">
          {error}
        </Text>
      )}
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('requests.draft.identifiers.addFromCase')}
          value={chosen}
          onChange={(event) => setChosen(event.currentTarget.value)}
          data={[
            { value: '', label: addable.length === 0 ? t('requests.draft.identifiers.allIncluded') : t('requests.draft.choose') },
            ...addable.map((candidate) => ({
              value: candidate.id,
              label: `${kindLabel(candidate.kind)}: ${candidate.display}${candidate.observedAt ? ` — ${formatObservedUtc(candidate.observedAt)}` : ''}`,
            })),
          ]}
          disabled={addable.length === 0}
          style={{ flex: 1, minWidth: 260, maxWidth: 560 }}
          data-testid="draft-identifier-add-select"
        />
        <Button
          variant="default"
          disabled={chosen === ''}
          onClick={() => {
            const candidate = addable.find((item) => item.id === chosen);
            if (candidate) onChange([...identifiers, fromCase(candidate)]);
            setChosen('');
          }}
          data-testid="draft-identifier-add"
        >
          {t('requests.draft.identifiers.add')}
        </Button>
      </Group>
      <Anchor component={Link} to={`/cases/${caseId}?tab=identifiers`} size="sm">
        {t('requests.draft.identifiers.recordInCase')}
      </Anchor>
    </Stack>
  );
}
