import { Anchor, Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseIdentifier } from '../../../../domain/cases.ts';
import { IP_SCOPES, cryptoNetworkSchema, identifierKindSchema, type IpScope } from '../../../../domain/identifiers.ts';
import { formatObservedLocal, formatObservedUtc } from './identifier-time.ts';

/** Props of {@link IdentifiersTable}. */
export interface IdentifiersTableProps {
  items: CaseIdentifier[];
  /** Team members of an open case may remove identifiers. */
  canRemove: boolean;
  onRemove: (identifier: CaseIdentifier) => void;
}

/** The identifiers of the case, newest first: what, when (in UTC and in the log's zone), how often, and where else. */
export function IdentifiersTable({ items, canRemove, onRemove }: IdentifiersTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={canRemove ? 940 : 850}>
      <Table striped verticalSpacing="sm" data-testid="identifiers-table">
        <Table.Caption>{t('cases.identifiers.caption', { count: items.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.identifiers.columns.kind')}</Table.Th>
            <Table.Th scope="col">{t('cases.identifiers.columns.identifier')}</Table.Th>
            <Table.Th scope="col">{t('cases.identifiers.columns.seenAt')}</Table.Th>
            <Table.Th scope="col">{t('cases.identifiers.columns.timeZone')}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t('cases.identifiers.columns.occurrences')}
            </Table.Th>
            <Table.Th scope="col">{t('cases.identifiers.columns.note')}</Table.Th>
            <Table.Th scope="col">{t('cases.identifiers.columns.alsoIn')}</Table.Th>
            {canRemove && <Table.Th scope="col">{t('cases.identifiers.columns.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((identifier) => (
            <IdentifierRow key={identifier.id} identifier={identifier} canRemove={canRemove} onRemove={() => onRemove(identifier)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function kindLabel(kind: string, t: TFunction): string {
  const parsed = identifierKindSchema.safeParse(kind);
  return parsed.success ? t(`cases.identifiers.kinds.${parsed.data}`) : kind;
}

function isIpScope(value: string | undefined): value is IpScope {
  return (IP_SCOPES as readonly (string | undefined)[]).includes(value);
}

/** Warnings the parser attached (CGNAT without a port, a randomised MAC…), translated where known. */
function warnings(identifier: CaseIdentifier, t: TFunction): string[] {
  const found: string[] = [];
  for (const [key, message] of Object.entries(identifier.details)) {
    if (!key.endsWith('Warning')) continue;
    switch (key) {
      case 'portWarning':
        found.push(t('cases.identifiers.warnings.port'));
        break;
      case 'offsetWarning':
        found.push(t('cases.identifiers.warnings.offset'));
        break;
      case 'macWarning':
        found.push(t('cases.identifiers.warnings.mac'));
        break;
      case 'nilWarning':
        found.push(t('cases.identifiers.warnings.nil'));
        break;
      default:
        found.push(message);
    }
  }
  return found;
}

function IdentifierRow({ identifier, canRemove, onRemove }: { identifier: CaseIdentifier; canRemove: boolean; onRemove: () => void }) {
  const { t } = useTranslation();
  const scope = identifier.details['scope'];
  const network = cryptoNetworkSchema.safeParse(identifier.network);
  return (
    <Table.Tr data-testid="identifier-row" data-kind={identifier.kind}>
      <Table.Td style={{ minWidth: 90 }}>
        <Text size="sm" fw={600}>
          {kindLabel(identifier.kind, t)}
        </Text>
        {identifier.platform && (
          <Text size="sm" c="dimmed">
            {identifier.platform}
          </Text>
        )}
        {network.success && (
          <Text size="sm" c="dimmed">
            {t(`cases.identifiers.networks.${network.data}`)}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ minWidth: 180 }}>
        <Stack gap={4} align="flex-start">
          {/* Onion and crypto addresses are long unbroken strings: they wrap anywhere, never overflow. */}
          <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }} data-testid="identifier-display">
            {identifier.display}
          </Text>
          {isIpScope(scope) && scope !== 'global' && (
            <Badge color="orange" variant="light" tt="none" title={t(`cases.identifiers.scopeHints.${scope}`)}>
              {t(`cases.identifiers.scopes.${scope}`)}
              <VisuallyHidden>{`: ${t(`cases.identifiers.scopeHints.${scope}`)}`}</VisuallyHidden>
            </Badge>
          )}
          {warnings(identifier, t).map((warning) => (
            <Text key={warning} size="xs" c="orange.9">
              {warning}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        {identifier.observedAt ? (
          <>
            <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid="identifier-utc">
              {formatObservedUtc(identifier.observedAt)}
            </Text>
            {identifier.localTime && (
              <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="identifier-local">
                {formatObservedLocal(identifier.localTime)}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('cases.identifiers.noTime')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{identifier.timeZone ? <ZoneName zone={identifier.timeZone} /> : '—'}</Table.Td>
      <Table.Td ta="end">{identifier.occurrences}</Table.Td>
      <Table.Td style={{ minWidth: 110, overflowWrap: 'break-word', whiteSpace: 'pre-wrap' }}>
        <Text size="sm">{identifier.note ?? '—'}</Text>
      </Table.Td>
      <Table.Td style={{ minWidth: 130 }}>
        {identifier.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('cases.identifiers.noLinksShort')}
          </Text>
        ) : (
          <Stack gap={4}>
            {identifier.links.map((link) => (
              <Anchor
                key={link.identifierId}
                component={Link}
                to={`/cases/${link.caseId}?tab=identifiers`}
                size="sm"
                fw={600}
                style={{ overflowWrap: 'anywhere' }}
                data-testid="identifier-link"
              >
                {t('cases.identifiers.caseLink', { reference: link.reference, title: link.title })}
              </Anchor>
            ))}
          </Stack>
        )}
      </Table.Td>
      {canRemove && (
        <Table.Td>
          <Button
            size="compact-sm"
            variant="default"
            onClick={onRemove}
            aria-label={t('cases.identifiers.removeNamed', { display: identifier.display })}
            data-testid="identifier-remove"
          >
            {t('cases.identifiers.remove')}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** `America/Argentina/Buenos_Aires` may break after each slash, never inside a name. */
function ZoneName({ zone }: { zone: string }) {
  const parts = zone.split('/');
  return (
    <Text size="sm" style={{ minWidth: 70 }}>
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && (
            <>
              /<wbr />
            </>
          )}
          {part}
        </span>
      ))}
    </Text>
  );
}
