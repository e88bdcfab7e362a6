/**
 * Identifiers an investigator attaches to a case — IP addresses, e-mail addresses, phone numbers,
 * URLs, onion services, usernames, cryptocurrency addresses, IMEIs and device IDs — parsed,
 * checked and put in one canonical form, so that duplicates merge within a case and the same
 * identifier links two cases. A typo in an identifier sends a request to the wrong subscriber,
 * so every checksum the format carries is verified (Luhn, base58check, bech32, EIP-55, Monero,
 * onion v3) and every time carries its zone (Regulation (EU) 2023/1543 Annex II asks for the IP
 * address "with timestamp, date and time zone").
 *
 * Pure: no I/O, no clock, no Node-only API (the web app runs the same checks as the server).
 * `Intl.DateTimeFormat` supplies the time-zone rules and the WHATWG `URL` the URL and IDN rules;
 * both exist in Node and in browsers.
 */
import { z } from 'zod';
import { bytesToHex, concatBytes, equalBytes, utf8Bytes } from './hash/bytes.ts';
import { decodeBase32 } from './hash/base32.ts';
import { decodeBase58, decodeBase58Check, decodeMoneroBase58, encodeMoneroBase58 } from './hash/base58.ts';
import { decodeSegwitAddress } from './hash/bech32.ts';
import { keccak256, sha3_256 } from './hash/sha3.ts';

// ---------------------------------------------------------------------------------- schemas

/** Every kind of identifier Liaison records; the order is the order the UI offers them in. */
export const IDENTIFIER_KINDS = ['ip', 'email', 'phone', 'url', 'onion', 'username', 'crypto', 'imei', 'device_id'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
/** The kind as it travels over HTTP. */
export const identifierKindSchema = z.enum(IDENTIFIER_KINDS);

/** The cryptocurrency networks whose addresses Liaison checks (main networks only). */
export const CRYPTO_NETWORKS = ['btc', 'eth', 'xmr'] as const;
export type CryptoNetwork = (typeof CRYPTO_NETWORKS)[number];
/** The network as it travels over HTTP. */
export const cryptoNetworkSchema = z.enum(CRYPTO_NETWORKS);

/**
 * Where an IP address sits (details.scope), so the UI can warn before a request is sent about an
 * address no provider can attribute: a private or loopback address identifies nobody outside the
 * network it was seen in, and a CGNAT address is shared by many subscribers.
 */
export const IP_SCOPES = ['private', 'loopback', 'link-local', 'reserved', 'cgnat', 'global'] as const;
export type IpScope = (typeof IP_SCOPES)[number];

/** Longest value accepted; long enough for real URLs, short enough to keep a case readable. */
export const MAX_IDENTIFIER_LENGTH = 4096;

/**
 * What a client sends to record an identifier. It checks shapes only: `parseIdentifier` applies
 * the rules of each kind and names the field at fault, so the API and the UI show the same
 * messages.
 */
export const identifierInputSchema = z.object({
  kind: identifierKindSchema,
  value: z.string().min(1, { error: 'is required' }).max(MAX_IDENTIFIER_LENGTH),
  observedAt: z.string().max(64).optional().describe('when the identifier was seen: local time in timeZone, or with Z or an offset'),
  timeZone: z.string().max(64).optional().describe('IANA zone (Europe/Paris) or fixed offset (+02:00) of the log or screen'),
  platform: z.string().max(100).optional().describe('the service a username belongs to'),
  network: cryptoNetworkSchema.optional(),
});
export type IdentifierInput = z.infer<typeof identifierInputSchema>;

// An ISO 8601 date-time with an offset; the offset may carry seconds for the few zones whose
// offsets did after 1970 (Africa/Monrovia until 1972).
const LOCAL_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3}|\.\d{6}|\.\d{9})?[+-]\d{2}:\d{2}(?::\d{2})?$/;

/**
 * An identifier as stored and returned by the API: `value` is the canonical form used for
 * dedupe and lookup, `display` the form shown to people (it parses back to the same value).
 */
export const normalisedIdentifierSchema = z.object({
  kind: identifierKindSchema,
  value: z.string().min(1),
  display: z.string().min(1),
  observedAt: z.iso.datetime().optional().describe('the instant, in UTC'),
  timeZone: z.string().optional().describe('IANA zone or fixed offset, as given'),
  localTime: z.string().regex(LOCAL_TIME_PATTERN).optional().describe('the time as observed, in its zone, with its offset'),
  port: z.number().int().min(0).max(65535).optional(),
  platform: z.string().optional(),
  network: cryptoNetworkSchema.optional(),
  details: z.record(z.string(), z.string()).optional(),
});
export type NormalisedIdentifier = z.infer<typeof normalisedIdentifierSchema>;

/** The input fields an error can point at (the same names as in `IdentifierInput`). */
export type IdentifierField = 'kind' | 'value' | 'observedAt' | 'timeZone' | 'platform' | 'network';

/** One broken rule, on one field, in a sentence an investigator can act on. */
export interface IdentifierError {
  field: IdentifierField;
  message: string;
}

/** Either the canonical identifier or every rule the input breaks (not just the first). */
export type ParseResult = { ok: true; identifier: NormalisedIdentifier } | { ok: false; errors: IdentifierError[] };

// ---------------------------------------------------------------------------------- entry points

/** What a kind-specific parser produces from the value alone. */
interface ParsedValue {
  value: string;
  display: string;
  port?: number;
  network?: CryptoNetwork;
  details?: Record<string, string>;
}

type Outcome<T> = { ok: true; result: T } | { ok: false; errors: IdentifierError[] };

function succeed<T>(result: T): Outcome<T> {
  return { ok: true, result };
}

function refuse<T>(message: string, field: IdentifierField = 'value'): Outcome<T> {
  return { ok: false, errors: [{ field, message }] };
}

const IP_TIME_MESSAGE = 'an IP address without the time it was seen and its time zone cannot identify a subscriber';

/**
 * Checks an identifier against the rules of its kind and returns its canonical form. The one
 * place those rules live: the server calls it before storing, the web app while the investigator
 * types, the CLI on import.
 */
export function parseIdentifier(input: IdentifierInput): ParseResult {
  const errors: IdentifierError[] = [];
  if (!(IDENTIFIER_KINDS as readonly string[]).includes(input.kind)) {
    return { ok: false, errors: [{ field: 'kind', message: `the kind must be one of ${IDENTIFIER_KINDS.join(', ')}` }] };
  }

  const observedAt = input.observedAt?.trim() || undefined;
  const timeZoneText = input.timeZone?.trim() || undefined;
  const time = parseObservation(observedAt, timeZoneText, input.kind === 'ip' ? IP_TIME_MESSAGE : undefined);
  if (!time.ok) errors.push(...time.errors);

  const platform = input.platform?.trim() || undefined;
  if (platform !== undefined) {
    if (platform.includes(':')) errors.push({ field: 'platform', message: "a platform name cannot contain ':'" });
    if (hasInvisibleCharacters(platform)) errors.push({ field: 'platform', message: 'a platform name has printable characters only' });
  }
  if (input.network !== undefined && input.kind !== 'crypto') {
    errors.push({ field: 'network', message: 'a network applies to cryptocurrency addresses only' });
  }

  const parsed = parseValue(input, platform);
  if (!parsed.ok) errors.push(...parsed.errors);
  if (!parsed.ok || !time.ok || errors.length > 0) return { ok: false, errors };

  const { value, display, port, network, details: valueDetails } = parsed.result;
  const details = { ...valueDetails, ...time.result.details };
  const identifier: NormalisedIdentifier = { kind: input.kind, value, display };
  if (time.result.observedAt !== undefined) identifier.observedAt = time.result.observedAt;
  if (time.result.timeZone !== undefined) identifier.timeZone = time.result.timeZone;
  if (time.result.localTime !== undefined) identifier.localTime = time.result.localTime;
  if (port !== undefined) identifier.port = port;
  if (platform !== undefined) identifier.platform = platform;
  if (network !== undefined) identifier.network = network;
  if (Object.keys(details).length > 0) identifier.details = details;
  return { ok: true, identifier };
}

function parseValue(input: IdentifierInput, platform: string | undefined): Outcome<ParsedValue> {
  const value = input.value.trim();
  if (value === '') return refuse('the identifier is empty');
  if (value.length > MAX_IDENTIFIER_LENGTH) return refuse(`an identifier has at most ${MAX_IDENTIFIER_LENGTH} characters`);
  switch (input.kind) {
    case 'ip':
      return parseIp(value);
    case 'email':
      return parseEmail(value);
    case 'phone':
      return parsePhone(value);
    case 'url':
      return parseUrl(value);
    case 'onion':
      return parseOnion(value);
    case 'username':
      return parseUsername(value, platform);
    case 'crypto':
      return parseCrypto(value, input.network);
    case 'imei':
      return parseImei(value);
    case 'device_id':
      return parseDeviceId(value, platform);
  }
}

/**
 * The key that merges duplicates within a case. Two records with the same key are the same
 * evidence. For an IP address the key holds the port and the UTC instant, to the precision given:
 * an address at a time (and, behind CGNAT, a port) identifies a subscriber, so the same address at
 * two times is two pieces of evidence that may lead to two subscribers, and merging them — even
 * within the same minute — would lose what the provider needs to answer. Other kinds are the same
 * account or device whenever they were seen, so their key ignores time.
 */
export function identifierKey(id: NormalisedIdentifier): string {
  switch (id.kind) {
    case 'ip':
      return `ip:${formatHostPort(id.value, id.port)}@${id.observedAt ?? ''}`;
    case 'username':
      return `username:${platformKey(id.platform)}:${id.value}`;
    case 'crypto':
      return `crypto:${id.network ?? ''}:${id.value}`;
    case 'email':
    case 'phone':
    case 'url':
    case 'onion':
    case 'imei':
    case 'device_id':
      return `${id.kind}:${id.value}`;
  }
}

/**
 * The key that links two cases: "the same thing turns up elsewhere". Looser than
 * `identifierKey` where the looser match is still the same thing: an IP address links on the
 * address alone (time and port ignored — a hit is a lead to check, not an attribution); an IMEI
 * and an IMEISV of the same handset link on their shared 14 digits (TAC + serial); a Monero
 * integrated address links on the standard address it embeds (same wallet, different payment ID).
 */
export function identifierLinkKey(id: NormalisedIdentifier): string {
  switch (id.kind) {
    case 'ip':
      return `ip:${id.value}`;
    case 'imei':
      return `imei:${id.value.slice(0, 14)}`;
    case 'crypto': {
      const standard = id.details?.['standardAddress'];
      return standard === undefined ? identifierKey(id) : `crypto:${id.network ?? ''}:${standard}`;
    }
    case 'email':
    case 'phone':
    case 'url':
    case 'onion':
    case 'username':
    case 'device_id':
      return identifierKey(id);
  }
}

/** Platform names compare without case or repeated spaces: "Tik Tok" and "tik  tok" are one platform. */
function platformKey(platform: string | undefined): string {
  return (platform ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

// Control, format (zero-width, bidi overrides) and lone-surrogate characters: invisible in the UI,
// so two values that look the same would differ — refused rather than silently stripped.
function hasInvisibleCharacters(text: string): boolean {
  return /[\p{Cc}\p{Cf}\p{Cs}]/u.test(text);
}

// ---------------------------------------------------------------------------------- time

type Zone = { type: 'fixed'; name: string; offsetSeconds: number } | { type: 'iana'; name: string; format: Intl.DateTimeFormat };

interface Observation {
  observedAt?: string;
  timeZone?: string;
  localTime?: string;
  details?: Record<string, string>;
}

const TIME_FORMAT_MESSAGE = 'give the time as YYYY-MM-DD HH:MM[:SS], optionally followed by Z or an offset such as +02:00';
const ZONE_MESSAGE = 'give an IANA time zone such as Europe/Paris, or a fixed offset such as +02:00';

// Date, time, optional fraction (ISO allows a comma), then optional Z, UTC or numeric offset.
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const OFFSET_PATTERN = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;
// Real UTC offsets run from −12:00 (Baker Island) to +14:00 (Kiribati); ±14:00 keeps the rule
// simple to state while still catching a date or a number typed in the offset's place.
const MAX_OFFSET_SECONDS = 14 * 3600;

/**
 * Reads observedAt in its zone. A time without an offset is local time in `timeZone`; when the
 * zone has DST, a local time in the spring-forward gap does not exist and one in the fall-back
 * hour happened twice, and both are refused — guessing would attribute the address to whoever held
 * it an hour earlier or later. A time with an offset (or Z) is an instant, and the instant wins;
 * the zone is still required because it is the zone of the log, and `localTime` shows the instant
 * in that zone (with a warning when the offset given is not the zone's offset at that instant).
 */
function parseObservation(
  observedAt: string | undefined,
  timeZoneText: string | undefined,
  requiredMessage: string | undefined,
): Outcome<Observation> {
  const errors: IdentifierError[] = [];
  if (requiredMessage !== undefined) {
    if (observedAt === undefined) errors.push({ field: 'observedAt', message: requiredMessage });
    if (timeZoneText === undefined) errors.push({ field: 'timeZone', message: requiredMessage });
  }
  let zone: Zone | undefined;
  if (timeZoneText !== undefined) {
    zone = parseTimeZone(timeZoneText);
    if (zone === undefined) errors.push({ field: 'timeZone', message: ZONE_MESSAGE });
  }
  if (observedAt === undefined) {
    if (errors.length > 0) return { ok: false, errors };
    return succeed(zone === undefined ? {} : { timeZone: zone.name });
  }
  if (timeZoneText === undefined && requiredMessage === undefined) {
    errors.push({ field: 'timeZone', message: 'a time needs its time zone: the zone of the log or screen it was read from' });
  }

  const wall = parseWallTime(observedAt);
  if (!wall.ok) errors.push(...wall.errors);
  if (!wall.ok || zone === undefined || errors.length > 0) return { ok: false, errors };

  const { seconds: wallSeconds, fraction, offsetSeconds: givenOffset } = wall.result;
  let instant: number;
  const details: Record<string, string> = {};
  if (givenOffset !== undefined) {
    instant = wallSeconds - givenOffset;
    const zoneOffset = offsetAt(zone, instant);
    if (zoneOffset !== givenOffset) {
      details['offsetWarning'] =
        `the offset ${formatOffset(givenOffset)} is not the offset of ${zone.name} at that instant (${formatOffset(zoneOffset)}); ` +
        'the time was read with the offset given';
    }
  } else {
    const resolved = resolveLocalTime(zone, wallSeconds);
    if (resolved.length === 0) {
      const before = offsetAt(zone, wallSeconds - 86_400);
      const after = offsetAt(zone, wallSeconds + 86_400);
      return refuse(
        `${observedAt} does not exist in ${zone.name}: the clocks went forward (${formatOffset(before)} → ${formatOffset(after)}); check the time and its zone`,
        'observedAt',
      );
    }
    if (resolved.length > 1) {
      const offsets = resolved.map((t) => formatOffset(wallSeconds - t));
      return refuse(
        `${observedAt} happened twice in ${zone.name} (the clocks went back): add the offset, ${offsets[0] ?? ''} for the first or ${offsets[1] ?? ''} for the second`,
        'observedAt',
      );
    }
    instant = resolved[0] as number;
  }

  const zoneOffset = offsetAt(zone, instant);
  const observation: Observation = {
    observedAt: `${formatWallTime(instant, fraction)}Z`,
    timeZone: zone.name,
    localTime: `${formatWallTime(instant + zoneOffset, fraction)}${formatOffset(zoneOffset)}`,
  };
  if (Object.keys(details).length > 0) observation.details = details;
  return succeed(observation);
}

interface WallTime {
  /** The date-time as written, counted as if it were UTC (seconds since the epoch). */
  seconds: number;
  /** Sub-second digits, canonical: no trailing zeros, padded to 3, 6 or 9 digits; '' if none. */
  fraction: string;
  offsetSeconds?: number;
}

function parseWallTime(text: string): Outcome<WallTime> {
  const m = DATE_TIME_PATTERN.exec(text);
  if (m === null) return refuse(TIME_FORMAT_MESSAGE, 'observedAt');
  const field = (i: number): number => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  // Online identifiers do not predate the Unix epoch; the bound also keeps Date arithmetic exact
  // (Date.UTC maps years 0–99 to 1900–1999).
  if (year < 1970) return refuse('the year must be 1970 or later', 'observedAt');
  // Leap seconds (…:60) are refused: no provider log can be matched on one.
  if (hour > 23 || minute > 59 || second > 59) return refuse('not a time of day (00:00:00 to 23:59:59)', 'observedAt');
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    return refuse('not a calendar date', 'observedAt');
  }

  const digits = (m[7] ?? '').replace(/0+$/, '');
  const fraction = digits === '' ? '' : digits.padEnd(Math.ceil(digits.length / 3) * 3, '0');
  const wall: WallTime = { seconds: ms / 1000, fraction };
  const offsetText = m[8]?.toUpperCase();
  if (offsetText !== undefined) {
    const offset = offsetText === 'Z' || offsetText === 'UTC' ? 0 : parseOffset(offsetText);
    if (offset === undefined) return refuse('an offset is at most 14 hours either side of UTC, such as +02:00 or -05:30', 'observedAt');
    wall.offsetSeconds = offset;
  }
  return succeed(wall);
}

function parseOffset(text: string): number | undefined {
  const m = OFFSET_PATTERN.exec(text);
  if (m === null) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (minutes > 59) return undefined;
  const seconds = (m[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return Math.abs(seconds) > MAX_OFFSET_SECONDS ? undefined : seconds;
}

// Building an Intl.DateTimeFormat is costly; a zone's formatter is stateless, so reuse it.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function parseTimeZone(text: string): Zone | undefined {
  // A fixed offset: "+02:00", "+0200", "+2", "UTC+02:00", "GMT-5". Normalised to ±HH:MM.
  const fixed = /^(?:UTC|GMT)?\s*([+-]\d{1,2}(?::?\d{2})?)$/i.exec(text);
  if (fixed !== null) {
    const offsetSeconds = parseOffset(fixed[1] ?? '');
    return offsetSeconds === undefined ? undefined : { type: 'fixed', name: formatOffset(offsetSeconds), offsetSeconds };
  }
  // Zone names are case-insensitive; keying the cache on lower case bounds it to real zones.
  const cacheKey = text.toLowerCase();
  let format = zoneFormats.get(cacheKey);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: text,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return undefined;
    }
    zoneFormats.set(cacheKey, format);
  }
  // Keep the zone as given (it is what the log says, and ICU may rename Asia/Kolkata to
  // Asia/Calcutta) but take ICU's spelling when only the letter case differs.
  const resolved = format.resolvedOptions().timeZone;
  return { type: 'iana', name: resolved.toLowerCase() === text.toLowerCase() ? resolved : text, format };
}

/** The zone's UTC offset in seconds at an instant (seconds since the epoch). */
function offsetAt(zone: Zone, instant: number): number {
  if (zone.type === 'fixed') return zone.offsetSeconds;
  const parts: Record<string, number> = {};
  for (const part of zone.format.formatToParts(new Date(instant * 1000))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts['year'] ?? 0, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return wall / 1000 - instant;
}

/**
 * Every instant at which the zone's clocks showed `wallSeconds`: none in a DST gap, two in a
 * fall-back overlap, one otherwise. Each offset the zone used around that day is tried and kept
 * only if the zone really had that offset at the resulting instant.
 */
function resolveLocalTime(zone: Zone, wallSeconds: number): number[] {
  const offsets = new Set<number>();
  for (const shift of [-86_400, -43_200, 0, 43_200, 86_400]) offsets.add(offsetAt(zone, wallSeconds + shift));
  const instants = new Set<number>();
  for (const offset of offsets) {
    const instant = wallSeconds - offset;
    if (offsetAt(zone, instant) === offset) instants.add(instant);
  }
  return [...instants].sort((a, b) => a - b);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatWallTime(seconds: number, fraction: string): string {
  const d = new Date(seconds * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}${fraction === '' ? '' : `.${fraction}`}`;
}

function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const base = `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
  return abs % 60 === 0 ? base : `${base}:${pad(abs % 60)}`;
}

// ---------------------------------------------------------------------------------- ip

type Ipv4Result = { ok: true; octets: number[] } | { ok: false; leadingZero: boolean };

function parseIpv4(text: string): Ipv4Result {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return { ok: false, leadingZero: false };
  const parts = m.slice(1, 5) as string[];
  // "010.1.1.1" is 8.1.1.1 to some tools (octal) and 10.1.1.1 to others: refused, never guessed.
  if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return { ok: false, leadingZero: true };
  const octets = parts.map(Number);
  if (octets.some((o) => o > 255)) return { ok: false, leadingZero: false };
  return { ok: true, octets };
}

/** Parses IPv6 text into its eight 16-bit groups (RFC 4291 §2.2 forms, embedded IPv4 included). */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = parseIpv6Groups(halves[0] ?? '', !compressed);
  const tail = compressed ? parseIpv6Groups(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (!compressed) return head.length === 8 ? head : undefined;
  // "::" stands for at least one group of zeros.
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function parseIpv6Groups(text: string, ipv4AllowedLast: boolean): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const pieces = text.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (ipv4AllowedLast && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (!v4.ok) return undefined;
      const [a, b, c, d] = v4.octets as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
      groups.push(Number.parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestLength < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function formatHostPort(address: string, port: number | undefined): string {
  if (port === undefined) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

// IPv4 special-purpose ranges (RFC 6890 registry), most specific first.
const IPV4_SCOPES: [string, number, IpScope][] = [
  ['0.0.0.0', 8, 'reserved'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'reserved'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4Number(octets: number[]): number {
  return octets.reduce((n, o) => n * 256 + o, 0);
}

function classifyIpv4(octets: number[]): IpScope {
  const n = ipv4Number(octets);
  for (const [base, bits, scope] of IPV4_SCOPES) {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(base.split('.').map(Number));
    if (n >= start && n < start + size) return scope;
  }
  return 'global';
}

function classifyIpv6(groups: number[]): IpScope {
  const [g0 = 0, g1 = 0] = groups;
  if (groups.every((g) => g === 0)) return 'reserved';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  // Documentation prefixes 2001:db8::/32 and 3fff::/20 (RFC 9637).
  if ((g0 === 0x2001 && g1 === 0x0db8) || (g0 & 0xfff0) === 0x3ff0) return 'reserved';
  // Only 2000::/3 is allocated as global unicast; the rest (multicast, site-local…) is special.
  return (g0 & 0xe000) === 0x2000 ? 'global' : 'reserved';
}

/**
 * An IP address with an optional port ("v4:port", "[v6]:port"). IPv4-mapped IPv6 addresses
 * (::ffff:a.b.c.d) become the IPv4 address they carry: the provider's subscriber holds the IPv4
 * address, and both spellings must dedupe and link.
 */
function parseIp(text: string): Outcome<ParsedValue> {
  let host = text;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(text);
  // Dotted digits then a colon: an IPv4 address and a port (IPv6 text never starts with a dotted quad).
  const v4WithPort = /^(\d+(?:\.\d+)+):(.*)$/.exec(text);
  if (bracketed !== null) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (!host.includes(':')) return refuse('square brackets are for IPv6 addresses only: [2001:db8::1]:443');
  } else if (v4WithPort !== null) {
    host = v4WithPort[1] ?? '';
    portText = v4WithPort[2];
  }

  let port: number | undefined;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port > 65535) return refuse('a port is a number from 0 to 65535');
  }
  if (host.includes('%')) return refuse('remove the zone index (%…) from the IPv6 address');

  const details: Record<string, string> = {};
  let address: string;
  let scope: IpScope;
  if (host.includes(':')) {
    const groups = parseIpv6(host);
    if (groups === undefined) return refuse('not a valid IPv6 address');
    const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    const lastTwo = groups.slice(6) as [number, number];
    const embedded = [lastTwo[0] >> 8, lastTwo[0] & 0xff, lastTwo[1] >> 8, lastTwo[1] & 0xff];
    if (isMapped) {
      address = embedded.join('.');
      scope = classifyIpv4(embedded);
      details['version'] = '4';
      details['ipv4Mapped'] = 'true';
    } else {
      address = formatIpv6(groups);
      scope = classifyIpv6(groups);
      details['version'] = '6';
      // NAT64 well-known prefix 64:ff9b::/96: the IPv4 address behind it is what a provider sees.
      if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
        details['embeddedIpv4'] = embedded.join('.');
        scope = classifyIpv4(embedded);
      }
    }
  } else {
    const v4 = parseIpv4(host);
    if (!v4.ok) {
      return refuse(
        v4.leadingZero
          ? 'leading zeros make an IPv4 address ambiguous (octal or decimal): write 10.1.1.1, not 010.001.001.001'
          : 'not a valid IPv4 address: four numbers from 0 to 255 separated by dots',
      );
    }
    address = v4.octets.join('.');
    scope = classifyIpv4(v4.octets);
    details['version'] = '4';
  }
  details['scope'] = scope;
  if (scope === 'cgnat' && port === undefined) {
    details['portWarning'] = 'a CGNAT address (100.64.0.0/10) is shared by many subscribers: the provider needs the source port';
  }
  const parsed: ParsedValue = { value: address, display: formatHostPort(address, port), details };
  if (port !== undefined) parsed.port = port;
  return succeed(parsed);
}

// ---------------------------------------------------------------------------------- email

// RFC 5322 dot-atom, widened to Unicode letters and digits for internationalised mail (RFC 6531).
const EMAIL_LOCAL_PATTERN = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL_PATTERN = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;

/**
 * Converts a domain to its ASCII (IDNA) form with the WHATWG URL host parser, so "bücher.de" and
 * "xn--bcher-kva.de" are one domain. Undefined when the name is not a valid IDN.
 */
function toAsciiDomain(domain: string): string | undefined {
  if ([...domain].every((ch) => ch.charCodeAt(0) < 0x80)) return domain.toLowerCase();
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * An e-mail address. The value keys on lower case throughout (providers treat local parts
 * case-insensitively in practice) and on the ASCII form of the domain; the display keeps the local
 * part as written. Provider-specific aliasing (dots and "+tags" at Gmail) is left alone: the
 * address as seen is the evidence.
 */
function parseEmail(text: string): Outcome<ParsedValue> {
  const address = text.replace(/^mailto:/i, '').normalize('NFC');
  const at = address.lastIndexOf('@');
  if (at < 0) return refuse('an e-mail address has the form name@domain');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (local === '') return refuse('the part before @ is empty');
  if (local.startsWith('"')) return refuse('quoted e-mail addresses ("…"@domain) are not supported');
  if (!EMAIL_LOCAL_PATTERN.test(local)) {
    return refuse('the part before @ has letters, digits and !#$%&\'*+/=?^_`{|}~- only, with single dots between them');
  }
  if (utf8Bytes(local).length > 64) return refuse('the part before @ has at most 64 characters');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL_PATTERN.test(l))) {
    return refuse('the domain is names separated by dots, such as example.org');
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return refuse('the domain must be a name, not an IP address');
  const ascii = toAsciiDomain(domain);
  if (ascii === undefined || ascii.split('.').some((l) => l.length > 63) || ascii.length > 253) {
    return refuse('the domain is not a valid domain name');
  }
  const value = `${local.toLowerCase()}@${ascii}`;
  if (utf8Bytes(value).length > 254) return refuse('an e-mail address has at most 254 characters');
  return succeed({ value, display: `${local}@${domain}`, details: { domain: ascii } });
}

// ---------------------------------------------------------------------------------- phone

/**
 * A phone number in E.164 form. Without a country code a number cannot be attributed (the same
 * digits are subscribers in many countries) and guessing a country would be a silent error, so
 * national formats are refused.
 */
function parsePhone(text: string): Outcome<ParsedValue> {
  // "+33 (0)1 23…": the bracketed trunk 0 is not dialled from abroad, so it must go, not just its brackets.
  let number = text.replace(/\(\s*0\s*\)/g, '').replace(/[\s\u2010-\u2015.()/-]/g, '');
  if (number.startsWith('00')) number = `+${number.slice(2)}`;
  if (!number.startsWith('+')) return refuse('give the number in international format (+ country code)');
  const digits = number.slice(1);
  if (!/^\d+$/.test(digits)) return refuse('a phone number has only digits after the + (no extension)');
  if (digits.startsWith('0')) return refuse('after the + comes the country code, which never starts with 0');
  if (digits.length < 8 || digits.length > 15) return refuse('an international number has 8 to 15 digits after the +');
  return succeed({ value: `+${digits}`, display: `+${digits}` });
}

// ---------------------------------------------------------------------------------- url

const URL_PROTOCOLS = ['http:', 'https:', 'ftp:'];

/**
 * A web or FTP address, normalised by the WHATWG URL parser (lower-case host, IDN to ASCII,
 * default port dropped, path and query kept). The fragment never reaches the server, so it is
 * not part of the value; the display keeps it because it may show what the investigator saw.
 */
function parseUrl(text: string): Outcome<ParsedValue> {
  const schemeGiven = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(schemeGiven ? 'not a valid URL' : 'give the full address with its scheme (https://…)');
  }
  if (!URL_PROTOCOLS.includes(url.protocol)) {
    return refuse(schemeGiven ? 'only http, https and ftp addresses are accepted' : 'give the full address with its scheme (https://…)');
  }
  if (url.hostname === '') return refuse('the URL has no host');
  const details: Record<string, string> = { host: url.hostname };
  if (url.hostname.endsWith('.onion')) {
    const onion = parseOnionHost(url.hostname);
    if (!onion.ok) return onion;
    details['onion'] = onion.result.value;
  }
  const display = url.href;
  url.hash = '';
  return succeed({ value: url.href, display, details });
}

// ---------------------------------------------------------------------------------- onion

const ONION_CHECKSUM_PREFIX = utf8Bytes('.onion checksum');
const ONION_VERSION = 3;

/**
 * A Tor onion service, version 3 only. The address is base32(PUBKEY | CHECKSUM | VERSION) with
 * CHECKSUM = SHA3-256(".onion checksum" | PUBKEY | VERSION)[:2] (Tor rend-spec-v3 §6), so a
 * mistyped character is caught. A scheme, port, path or subdomain around it is dropped from the
 * value: the service is the 56 characters.
 */
function parseOnion(text: string): Outcome<ParsedValue> {
  const host = text
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .split(/[/?#]/)[0]
    ?.replace(/:\d*$/, '')
    .replace(/\.$/, '');
  return parseOnionHost(host ?? '');
}

function parseOnionHost(host: string): Outcome<ParsedValue> {
  const lower = host.toLowerCase();
  if (!lower.endsWith('.onion')) return refuse('an onion address ends in .onion');
  const labels = lower.slice(0, -'.onion'.length).split('.');
  const service = labels.pop() ?? '';
  if (/^[a-z2-7]{16}$/.test(service)) return refuse('v2 onion addresses are obsolete since 2021: ask for the v3 address (56 characters)');
  if (!/^[a-z2-7]{56}$/.test(service)) return refuse('an onion v3 address has 56 characters (a–z, 2–7) before .onion');
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return refuse('the subdomain before the onion address is not valid');
  // 56 base32 characters are exactly 35 bytes, so decoding cannot fail after the pattern check.
  const bytes = decodeBase32(service) ?? new Uint8Array(0);
  const publicKey = bytes.subarray(0, 32);
  const version = bytes[34];
  if (version !== ONION_VERSION) return refuse(`not a version 3 onion address (version byte ${version ?? '?'})`);
  const expected = sha3_256(concatBytes(ONION_CHECKSUM_PREFIX, publicKey, Uint8Array.of(ONION_VERSION))).subarray(0, 2);
  if (!equalBytes(expected, bytes.subarray(32, 34))) return refuse('the onion address checksum does not match: a character is wrong');
  const value = `${service}.onion`;
  const parsed: ParsedValue = { value, display: lower };
  if (labels.length > 0) parsed.details = { subdomain: labels.join('.') };
  return succeed(parsed);
}

// ---------------------------------------------------------------------------------- username

/**
 * A username on a platform. A username means nothing without its platform, so the platform is
 * required. The value is the lower-cased username (most platforms match handles without case);
 * the key adds the platform, so the same handle on two platforms stays two identifiers.
 */
function parseUsername(text: string, platform: string | undefined): Outcome<ParsedValue> {
  const errors: IdentifierError[] = [];
  if (platform === undefined) errors.push({ field: 'platform', message: 'a username needs the platform it belongs to' });
  const username = text.replace(/^@/, '').trim().normalize('NFC');
  if (username === '') errors.push({ field: 'value', message: 'the username is empty' });
  else if (hasInvisibleCharacters(username)) errors.push({ field: 'value', message: 'a username has printable characters only' });
  else if ([...username].length > 200) errors.push({ field: 'value', message: 'a username has at most 200 characters' });
  if (errors.length > 0) return { ok: false, errors };
  return succeed({ value: username.toLowerCase(), display: username });
}

// ---------------------------------------------------------------------------------- crypto

const NETWORK_NAMES: Record<CryptoNetwork, string> = { btc: 'Bitcoin', eth: 'Ethereum', xmr: 'Monero' };

/** Guesses the network from the address's shape; the network's own parser then checks it. */
function detectNetwork(address: string): CryptoNetwork | undefined {
  if (/^0x/i.test(address)) return 'eth';
  if (/^(bc|tb|bcrt)1/i.test(address)) return 'btc';
  if (address.length === 95 || address.length === 106) return 'xmr';
  if (/^[123mn]/.test(address) && address.length >= 25 && address.length <= 35) return 'btc';
  return undefined;
}

/**
 * A cryptocurrency address on Bitcoin, Ethereum or Monero's main network, with its checksum
 * verified. The network is detected; when the investigator also names one and it disagrees,
 * that is an error rather than a silent correction.
 */
function parseCrypto(address: string, given: CryptoNetwork | undefined): Outcome<ParsedValue> {
  const detected = detectNetwork(address);
  if (given !== undefined && detected !== undefined && detected !== given) {
    return refuse(`this is a ${NETWORK_NAMES[detected]} address, not a ${NETWORK_NAMES[given]} one`, 'network');
  }
  const network = detected ?? given;
  if (network === undefined) return refuse('not a recognised Bitcoin, Ethereum or Monero address');
  const parsed = network === 'btc' ? parseBitcoin(address) : network === 'eth' ? parseEthereum(address) : parseMonero(address);
  if (!parsed.ok) return parsed;
  return succeed({ ...parsed.result, network });
}

const TESTNET_MESSAGE = 'testnet addresses hold no value: Liaison records main-network addresses only';

function parseBitcoin(address: string): Outcome<ParsedValue> {
  if (/^(tb|bcrt)1/i.test(address)) return refuse(TESTNET_MESSAGE);
  if (/^bc1/i.test(address)) {
    const segwit = decodeSegwitAddress('bc', address);
    if (segwit === undefined) return refuse('the bech32 address does not check out (checksum or format): check each character');
    const { version, program } = segwit;
    const type =
      version === 0 ? (program.length === 20 ? 'p2wpkh' : 'p2wsh') : version === 1 && program.length === 32 ? 'p2tr' : `segwit-v${version}`;
    const value = address.toLowerCase();
    return succeed({ value, display: value, details: { type } });
  }
  if (decodeBase58(address) === undefined) return refuse('a Bitcoin address uses base58 characters only (no 0, O, I or l)');
  const payload = decodeBase58Check(address);
  if (payload === undefined) return refuse('the base58check checksum does not match: check each character');
  const version = payload[0];
  if (payload.length !== 21) return refuse('not a Bitcoin address: wrong length');
  if (version === 0x6f || version === 0xc4) return refuse(TESTNET_MESSAGE);
  if (version !== 0x00 && version !== 0x05) return refuse(`not a Bitcoin address (version byte ${version ?? '?'})`);
  return succeed({ value: address, display: address, details: { type: version === 0x00 ? 'p2pkh' : 'p2sh' } });
}

/** EIP-55: a hex letter is upper case when the matching nibble of Keccak-256(lower-case hex) is ≥ 8. */
function toEip55(lowerHex: string): string {
  const hash = keccak256(utf8Bytes(lowerHex));
  let out = '';
  for (let i = 0; i < lowerHex.length; i++) {
    const byte = hash[i >> 1] as number;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    const ch = lowerHex.charAt(i);
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  return `0x${out}`;
}

/**
 * An Ethereum address. All-lower or all-upper hex carries no checksum (EIP-55 says so); mixed
 * case is a checksum and must hold. The value is lower case, the display the checksummed form.
 */
function parseEthereum(address: string): Outcome<ParsedValue> {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return refuse('an Ethereum address is 0x followed by 40 hexadecimal characters');
  const hex = address.slice(2);
  const lower = hex.toLowerCase();
  const mixed = hex !== lower && hex !== hex.toUpperCase();
  const display = toEip55(lower);
  if (mixed && display !== `0x${hex}`) return refuse('the mixed-case checksum (EIP-55) does not match: check each character');
  return succeed({ value: `0x${lower}`, display, details: { checksum: mixed ? 'eip55' : 'none' } });
}

// Monero main-network address prefixes (one-byte varints) and the layouts they announce.
const MONERO_TYPES: Record<number, { type: 'standard' | 'integrated' | 'subaddress'; length: number }> = {
  18: { type: 'standard', length: 69 },
  19: { type: 'integrated', length: 77 },
  42: { type: 'subaddress', length: 69 },
};
// Testnet (53, 54, 63) and stagenet (24, 25, 36) prefixes.
const MONERO_TEST_PREFIXES = new Set([53, 54, 63, 24, 25, 36]);

/**
 * A Monero address: prefix | public spend key | public view key | [payment ID] | checksum, the
 * checksum being the first 4 bytes of Keccak-256 over the rest, in block-wise base58. An
 * integrated address also records the standard address it embeds, to link on the wallet.
 */
function parseMonero(address: string): Outcome<ParsedValue> {
  const bytes = decodeMoneroBase58(address);
  if (bytes === undefined || bytes.length < 5) return refuse('not a Monero address: it is not valid Monero base58');
  const prefix = bytes[0] as number;
  if (MONERO_TEST_PREFIXES.has(prefix)) return refuse('Monero testnet and stagenet addresses hold no value: main-network addresses only');
  const layout = MONERO_TYPES[prefix];
  if (layout === undefined || bytes.length !== layout.length) return refuse('not a Monero main-network address (standard, integrated or subaddress)');
  const body = bytes.subarray(0, bytes.length - 4);
  if (!equalBytes(keccak256(body).subarray(0, 4), bytes.subarray(bytes.length - 4))) {
    return refuse('the Monero address checksum does not match: check each character');
  }
  const details: Record<string, string> = { type: layout.type };
  if (layout.type === 'integrated') {
    details['paymentId'] = bytesToHex(bytes.subarray(65, 73));
    const standardBody = concatBytes(Uint8Array.of(18), bytes.subarray(1, 65));
    details['standardAddress'] = encodeMoneroBase58(concatBytes(standardBody, keccak256(standardBody).subarray(0, 4)));
  }
  return succeed({ value: address, display: address, details });
}

// ---------------------------------------------------------------------------------- imei

/** The Luhn check digit of a digit string (the IMEI's 15th digit over its first 14). */
function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling starts with the rightmost digit of the body (it sits next to the check digit).
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * An IMEI (15 digits, the last a Luhn check digit) or an IMEISV (16 digits, no check digit: the
 * last two are the software version). A 14-digit IMEI is refused rather than completed: the
 * investigator should copy what the device or provider shows. details.tac is the Type Allocation
 * Code, which identifies the handset model.
 */
function parseImei(text: string): Outcome<ParsedValue> {
  const digits = text.replace(/[\s\-/]/g, '');
  if (!/^\d+$/.test(digits)) return refuse('an IMEI has only digits');
  if (digits.length === 14) return refuse('give all 15 digits of the IMEI, including the check digit');
  if (digits.length === 16) return succeed({ value: digits, display: digits, details: { kind: 'imeisv', tac: digits.slice(0, 8) } });
  if (digits.length !== 15) return refuse('an IMEI has 15 digits (16 for an IMEISV)');
  if (luhnCheckDigit(digits.slice(0, 14)) !== Number(digits[14])) return refuse('the IMEI check digit (Luhn) does not match: check each digit');
  return succeed({ value: digits, display: digits, details: { kind: 'imei', tac: digits.slice(0, 8) } });
}

// ---------------------------------------------------------------------------------- device id

const UUID_PATTERN = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
// An IDFA is a UUID; only the platform tells it apart from any other UUID.
const APPLE_PLATFORM_PATTERN = /\b(?:ios|ipados|apple|iphone|ipad|idfa)\b/i;

function parseMac(text: string): number[] | undefined {
  const separated = /^[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}$/i.test(text);
  const cisco = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(text);
  const bare = /^[0-9a-f]{12}$/i.test(text);
  if (!separated && !cisco && !bare) return undefined;
  const hex = text.replace(/[:.-]/g, '');
  return Array.from({ length: 6 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

/**
 * A device identifier: a MAC address, a UUID (IDFA on Apple platforms), an Android ID, or
 * anything else a provider returns. Known formats are normalised (lower case, MAC with colons) so
 * they dedupe; unknown ones are kept exactly as given, since their case may matter.
 */
function parseDeviceId(text: string, platform: string | undefined): Outcome<ParsedValue> {
  if ([...text].length > 200) return refuse('a device ID has at most 200 characters');
  if (hasInvisibleCharacters(text)) return refuse('a device ID has printable characters only');
  const mac = parseMac(text);
  if (mac !== undefined) {
    const value = mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
    const details: Record<string, string> = { format: 'mac' };
    // Bit 1 of the first octet: locally administered — phones randomise MACs per network this way.
    if (((mac[0] ?? 0) & 0x02) !== 0) {
      details['macWarning'] = 'a locally administered MAC address, often randomised: it may not identify the hardware';
    }
    return succeed({ value, display: value, details });
  }
  const uuid = UUID_PATTERN.exec(text);
  if (uuid !== null) {
    const value = (uuid[1] ?? '').toLowerCase();
    const details: Record<string, string> = { format: platform !== undefined && APPLE_PLATFORM_PATTERN.test(platform) ? 'idfa' : 'uuid' };
    if (/^[0-]+$/.test(value)) details['nilWarning'] = 'an all-zero ID is what a device reports when tracking is limited: it identifies no device';
    return succeed({ value, display: value, details });
  }
  if (/^[0-9a-f]{16}$/i.test(text)) {
    const value = text.toLowerCase();
    return succeed({ value, display: value, details: { format: 'android_id' } });
  }
  return succeed({ value: text, display: text, details: { format: 'other' } });
}
