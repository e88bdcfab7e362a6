import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, utf8Bytes } from './hash/bytes.ts';
import { encodeBase32 } from './hash/base32.ts';
import { encodeBase58Check, encodeMoneroBase58 } from './hash/base58.ts';
import { encodeSegwitAddress } from './hash/bech32.ts';
import { keccak256, sha3_256 } from './hash/sha3.ts';
import {
  IDENTIFIER_KINDS,
  identifierInputSchema,
  identifierKey,
  identifierKindSchema,
  identifierLinkKey,
  normalisedIdentifierSchema,
  parseIdentifier,
  type IdentifierError,
  type IdentifierInput,
  type NormalisedIdentifier,
} from './identifiers.ts';

// ---------------------------------------------------------------------------------- helpers

/** Parses and fails the test with the errors when the input is refused. */
function accept(input: IdentifierInput): NormalisedIdentifier {
  const result = parseIdentifier(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted: ${JSON.stringify(result.errors)}`);
  // Whatever parseIdentifier returns must be storable and sendable as is.
  expect(normalisedIdentifierSchema.parse(result.identifier)).toEqual(result.identifier);
  return result.identifier;
}

function refuse(input: IdentifierInput): IdentifierError[] {
  const result = parseIdentifier(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.identifier)}`);
  return result.errors;
}

/** parse(display) gives the same canonical value, and parsing the canonical value is idempotent. */
function expectRoundTrip(input: IdentifierInput): NormalisedIdentifier {
  const first = accept(input);
  const fromDisplay = accept({ ...input, value: first.display });
  expect(fromDisplay.value).toBe(first.value);
  expect(fromDisplay.port).toBe(first.port);
  const fromValue = accept({ ...input, value: first.value });
  expect(fromValue.value).toBe(first.value);
  expect(accept({ ...input, value: fromValue.value }).value).toBe(first.value);
  return first;
}

/** The time every IP address in these tests was "seen" at, unless a test is about time. */
const SEEN = { observedAt: '2026-03-01T10:00:00Z', timeZone: 'UTC' } as const;

function ip(value: string, extra: Partial<IdentifierInput> = {}): IdentifierInput {
  return { kind: 'ip', value, ...SEEN, ...extra };
}

// Independent re-statements of each checksum rule, used to build valid test identifiers.

function onionFromKey(publicKey: Uint8Array, version = 3): string {
  const checksum = sha3_256(concatBytes(utf8Bytes('.onion checksum'), publicKey, Uint8Array.of(version))).subarray(0, 2);
  return `${encodeBase32(concatBytes(publicKey, checksum, Uint8Array.of(version)))}.onion`;
}

function luhnDigit(body: string): number {
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return (10 - (sum % 10)) % 10;
}

function eip55(lowerHex: string): string {
  const hash = bytesToHex(keccak256(utf8Bytes(lowerHex)));
  return `0x${[...lowerHex].map((ch, i) => (Number.parseInt(hash.charAt(i), 16) >= 8 ? ch.toUpperCase() : ch)).join('')}`;
}

function moneroAddress(prefix: number, spendKey: Uint8Array, viewKey: Uint8Array, paymentId = new Uint8Array(0)): string {
  const body = concatBytes(Uint8Array.of(prefix), spendKey, viewKey, paymentId);
  return encodeMoneroBase58(concatBytes(body, keccak256(body).subarray(0, 4)));
}

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const bytes20 = fc.uint8Array({ minLength: 20, maxLength: 20 });

/** Replaces character i with another character of the same alphabet. */
function flip(text: string, i: number, alphabet: string): string {
  const current = text.charAt(i);
  const next = alphabet.charAt((alphabet.indexOf(current) + 1) % alphabet.length);
  return text.slice(0, i) + next + text.slice(i + 1);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

// ---------------------------------------------------------------------------------- schemas

describe('schemas', () => {
  it('lists the nine kinds', () => {
    expect(IDENTIFIER_KINDS).toEqual(['ip', 'email', 'phone', 'url', 'onion', 'username', 'crypto', 'imei', 'device_id']);
    expect(identifierKindSchema.safeParse('mac').success).toBe(false);
  });

  it('checks the shape of the input only', () => {
    expect(identifierInputSchema.safeParse({ kind: 'ip', value: 'not an address' }).success).toBe(true);
    expect(identifierInputSchema.safeParse({ kind: 'fax', value: '1' }).success).toBe(false);
    expect(identifierInputSchema.safeParse({ kind: 'crypto', value: 'x', network: 'doge' }).success).toBe(false);
    expect(identifierInputSchema.safeParse({ kind: 'email', value: '' }).success).toBe(false);
    expect(identifierInputSchema.safeParse({ kind: 'url', value: 'x'.repeat(5000) }).success).toBe(false);
  });

  it('refuses an unknown kind sent past the schema', () => {
    const errors = refuse({ kind: 'fax' as IdentifierInput['kind'], value: '1' });
    expect(errors[0]?.field).toBe('kind');
  });

  it('refuses an empty value whatever the kind', () => {
    for (const kind of IDENTIFIER_KINDS) {
      const errors = refuse({ kind, value: '   ', ...SEEN, platform: 'x' });
      expect(errors.map((e) => e.field)).toContain('value');
    }
  });
});

// ---------------------------------------------------------------------------------- ip

describe('ip', () => {
  it.each([
    ['8.8.8.8', '8.8.8.8', undefined, 'global'],
    ['  192.0.2.1 ', '192.0.2.1', undefined, 'reserved'],
    ['8.8.8.8:53', '8.8.8.8', 53, 'global'],
    ['203.0.113.9:0', '203.0.113.9', 0, 'reserved'],
    ['203.0.113.9:65535', '203.0.113.9', 65535, 'reserved'],
    ['10.1.2.3', '10.1.2.3', undefined, 'private'],
    ['172.16.0.1', '172.16.0.1', undefined, 'private'],
    ['172.31.255.255', '172.31.255.255', undefined, 'private'],
    ['172.32.0.0', '172.32.0.0', undefined, 'global'],
    ['192.168.1.1', '192.168.1.1', undefined, 'private'],
    ['100.64.0.1:40000', '100.64.0.1', 40000, 'cgnat'],
    ['100.127.255.255', '100.127.255.255', undefined, 'cgnat'],
    ['100.128.0.1', '100.128.0.1', undefined, 'global'],
    ['127.0.0.1', '127.0.0.1', undefined, 'loopback'],
    ['169.254.10.20', '169.254.10.20', undefined, 'link-local'],
    ['0.0.0.0', '0.0.0.0', undefined, 'reserved'],
    ['224.0.0.1', '224.0.0.1', undefined, 'reserved'],
    ['255.255.255.255', '255.255.255.255', undefined, 'reserved'],
    ['2A00:1450:4007:080E:0000:0000:0000:200E', '2a00:1450:4007:80e::200e', undefined, 'global'],
    ['[2001:DB8::1]:443', '2001:db8::1', 443, 'reserved'],
    ['[2a00:1450::1]', '2a00:1450::1', undefined, 'global'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', undefined, 'reserved'],
    // RFC 5952 §4.2.3: the longest run is compressed, the first one on a tie.
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', undefined, 'reserved'],
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0', undefined, 'reserved'],
    // RFC 5952 §4.2.2: a single zero group is not compressed.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1', undefined, 'reserved'],
    ['::1', '::1', undefined, 'loopback'],
    ['::', '::', undefined, 'reserved'],
    ['fe80::1', 'fe80::1', undefined, 'link-local'],
    ['fd12:3456::1', 'fd12:3456::1', undefined, 'private'],
    ['ff02::1', 'ff02::1', undefined, 'reserved'],
    ['2a02:8108::', '2a02:8108::', undefined, 'global'],
    // IPv4-mapped addresses become the IPv4 address, whichever way they are written.
    ['::ffff:192.0.2.128', '192.0.2.128', undefined, 'reserved'],
    ['::FFFF:c000:0280', '192.0.2.128', undefined, 'reserved'],
    ['[::ffff:8.8.4.4]:8080', '8.8.4.4', 8080, 'global'],
    ['0:0:0:0:0:ffff:10.0.0.1', '10.0.0.1', undefined, 'private'],
  ])('accepts %j as %s (port %s, %s)', (input, value, port, scope) => {
    const id = expectRoundTrip(ip(input));
    expect(id.value).toBe(value);
    expect(id.port).toBe(port);
    expect(id.details?.['scope']).toBe(scope);
  });

  it('shows the port in the display, with brackets around IPv6', () => {
    expect(accept(ip('8.8.8.8:53')).display).toBe('8.8.8.8:53');
    expect(accept(ip('[2001:db8::1]:443')).display).toBe('[2001:db8::1]:443');
    expect(accept(ip('2001:db8::1')).display).toBe('2001:db8::1');
  });

  it('records the version and marks IPv4-mapped addresses', () => {
    expect(accept(ip('8.8.8.8')).details?.['version']).toBe('4');
    expect(accept(ip('2a00::1')).details?.['version']).toBe('6');
    expect(accept(ip('::ffff:8.8.8.8')).details).toMatchObject({ version: '4', ipv4Mapped: 'true' });
  });

  it('reads the IPv4 address behind the NAT64 prefix', () => {
    const id = accept(ip('64:ff9b::8.8.8.8'));
    expect(id.value).toBe('64:ff9b::808:808');
    expect(id.details).toMatchObject({ embeddedIpv4: '8.8.8.8', scope: 'global' });
  });

  it('warns that a CGNAT address needs its port, and not once the port is given', () => {
    expect(accept(ip('100.64.1.2')).details?.['portWarning']).toMatch(/needs the source port/);
    expect(accept(ip('100.64.1.2:51000')).details?.['portWarning']).toBeUndefined();
    expect(accept(ip('8.8.8.8')).details?.['portWarning']).toBeUndefined();
  });

  it.each([
    ['256.1.1.1', /four numbers from 0 to 255/],
    ['1.2.3', /four numbers/],
    ['1.2.3.4.5', /four numbers/],
    ['1.2.3.-4', /four numbers/],
    ['010.1.1.1', /leading zeros/],
    ['192.168.001.010', /leading zeros/],
    ['1.2.3.4:65536', /port/],
    ['1.2.3.4:', /port/],
    ['1.2.3.4:http', /port/],
    ['1.2.3.4:80:80', /port/],
    ['[2001:db8::1]:99999', /port/],
    ['[1.2.3.4]:80', /square brackets/],
    ['fe80::1%eth0', /zone index/],
    ['1::2::3', /IPv6/],
    ['1:2:3:4:5:6:7:8:9', /IPv6/],
    ['1:2:3:4:5:6:7', /IPv6/],
    ['1:2:3:4:5:6:7:8::', /IPv6/],
    ['12345::', /IPv6/],
    ['g::1', /IPv6/],
    [':1:2:3:4:5:6:7', /IPv6/],
    ['::ffff:1.2.3', /IPv6/],
    ['1.2.3.4::', /port/],
    ['example.com', /IPv4/],
  ])('refuses %j', (input, message) => {
    const errors = refuse(ip(input));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('value');
    expect(errors[0]?.message).toMatch(message);
  });

  it('requires the time it was seen and its time zone, naming each missing field', () => {
    const message = 'an IP address without the time it was seen and its time zone cannot identify a subscriber';
    expect(refuse({ kind: 'ip', value: '8.8.8.8' })).toEqual([
      { field: 'observedAt', message },
      { field: 'timeZone', message },
    ]);
    expect(refuse({ kind: 'ip', value: '8.8.8.8', observedAt: '2026-03-01T10:00:00Z' })).toEqual([{ field: 'timeZone', message }]);
    expect(refuse({ kind: 'ip', value: '8.8.8.8', timeZone: 'Europe/Paris' })).toEqual([{ field: 'observedAt', message }]);
    expect(refuse({ kind: 'ip', value: '8.8.8.8', observedAt: '  ', timeZone: ' ' })).toHaveLength(2);
  });

  it('reports a bad address and a bad time together', () => {
    const errors = refuse({ kind: 'ip', value: '999.1.1.1', observedAt: 'yesterday', timeZone: 'Europe/Paris' });
    expect(errors.map((e) => e.field).sort()).toEqual(['observedAt', 'value']);
  });

  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
  // Zeros are over-represented so that runs of zero groups, and their compression, are common.
  const ipv6Groups = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
  const port = fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined });

  it('round-trips random IPv4 addresses and ports', () => {
    fc.assert(
      fc.property(ipv4, port, (address, p) => {
        const id = expectRoundTrip(ip(p === undefined ? address : `${address}:${p}`));
        expect(id.value).toBe(address);
        expect(id.port).toBe(p);
      }),
    );
  });

  it('writes random IPv6 addresses in RFC 5952 form, as the WHATWG URL serialiser does', () => {
    fc.assert(
      fc.property(ipv6Groups, port, fc.boolean(), (groups, p, upper) => {
        fc.pre(!(groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)); // mapped: tested above
        // The longest, least canonical spelling: every group with leading zeros, maybe upper case.
        let full = groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
        if (upper) full = full.toUpperCase();
        const id = expectRoundTrip(ip(p === undefined ? full : `[${full}]:${p}`));
        expect(id.value).toBe(new URL(`http://[${full}]/`).hostname.slice(1, -1));
        expect(id.port).toBe(p);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------- time

describe('time of observation', () => {
  const at = (observedAt: string, timeZone: string): IdentifierInput => ip('8.8.8.8', { observedAt, timeZone });

  it('reads a local time in its IANA zone and gives the UTC instant', () => {
    const id = accept(at('2026-07-14 09:15:00', 'Europe/Paris'));
    expect(id.observedAt).toBe('2026-07-14T07:15:00Z');
    expect(id.localTime).toBe('2026-07-14T09:15:00+02:00');
    expect(id.timeZone).toBe('Europe/Paris');
  });

  describe('Europe/Paris, 2026', () => {
    it('refuses 02:30 on 29 March: the clocks jump from 02:00 to 03:00', () => {
      const errors = refuse(at('2026-03-29 02:30:00', 'Europe/Paris'));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.field).toBe('observedAt');
      expect(errors[0]?.message).toMatch(/does not exist in Europe\/Paris/);
      expect(errors[0]?.message).toMatch(/\+01:00 → \+02:00/);
    });

    it('accepts the minutes around the gap', () => {
      expect(accept(at('2026-03-29 01:59:59', 'Europe/Paris')).observedAt).toBe('2026-03-29T00:59:59Z');
      expect(accept(at('2026-03-29 03:00:00', 'Europe/Paris')).observedAt).toBe('2026-03-29T01:00:00Z');
    });

    it('refuses 02:30 on 25 October without an offset: that hour happened twice', () => {
      const errors = refuse(at('2026-10-25 02:30:00', 'Europe/Paris'));
      expect(errors[0]?.field).toBe('observedAt');
      expect(errors[0]?.message).toMatch(/happened twice/);
      expect(errors[0]?.message).toMatch(/\+02:00 for the first or \+01:00 for the second/);
    });

    it('accepts the ambiguous hour with an offset, as two different instants', () => {
      const summer = accept(at('2026-10-25 02:30:00+02:00', 'Europe/Paris'));
      const winter = accept(at('2026-10-25T02:30:00+01:00', 'Europe/Paris'));
      expect(summer.observedAt).toBe('2026-10-25T00:30:00Z');
      expect(winter.observedAt).toBe('2026-10-25T01:30:00Z');
      expect(summer.localTime).toBe('2026-10-25T02:30:00+02:00');
      expect(winter.localTime).toBe('2026-10-25T02:30:00+01:00');
      expect(summer.details?.['offsetWarning']).toBeUndefined();
      expect(identifierKey(summer)).not.toBe(identifierKey(winter));
      expect(identifierLinkKey(summer)).toBe(identifierLinkKey(winter));
    });

    it('accepts the hours either side of the overlap', () => {
      expect(accept(at('2026-10-25 01:59:59', 'Europe/Paris')).observedAt).toBe('2026-10-24T23:59:59Z');
      expect(accept(at('2026-10-25 03:00:00', 'Europe/Paris')).observedAt).toBe('2026-10-25T02:00:00Z');
    });
  });

  describe('America/New_York, 2026', () => {
    it('refuses 02:30 on 8 March (spring forward)', () => {
      expect(refuse(at('2026-03-08 02:30', 'America/New_York'))[0]?.message).toMatch(/does not exist.*-05:00 → -04:00/);
    });

    it('refuses 01:30 on 1 November without an offset and accepts both readings with one', () => {
      expect(refuse(at('2026-11-01 01:30', 'America/New_York'))[0]?.message).toMatch(/-04:00 for the first or -05:00 for the second/);
      expect(accept(at('2026-11-01 01:30-04:00', 'America/New_York')).observedAt).toBe('2026-11-01T05:30:00Z');
      expect(accept(at('2026-11-01 01:30-05:00', 'America/New_York')).observedAt).toBe('2026-11-01T06:30:00Z');
    });

    it('reads summer and winter times with their own offsets', () => {
      expect(accept(at('2026-07-04 12:00', 'America/New_York')).observedAt).toBe('2026-07-04T16:00:00Z');
      expect(accept(at('2026-12-25 12:00', 'America/New_York')).observedAt).toBe('2026-12-25T17:00:00Z');
    });
  });

  it('handles a half-hour zone without DST (Asia/Kolkata, +05:30)', () => {
    const id = accept(at('2026-03-08 02:30', 'Asia/Kolkata'));
    expect(id.observedAt).toBe('2026-03-07T21:00:00Z');
    expect(id.localTime).toBe('2026-03-08T02:30:00+05:30');
  });

  it.each([
    ['+02:00', '+02:00', '2026-03-29T00:30:00Z'],
    ['+0200', '+02:00', '2026-03-29T00:30:00Z'],
    ['UTC+2', '+02:00', '2026-03-29T00:30:00Z'],
    ['-03:30', '-03:30', '2026-03-29T06:00:00Z'],
    ['GMT+05:45', '+05:45', '2026-03-28T20:45:00Z'],
    ['-00:00', '+00:00', '2026-03-29T02:30:00Z'],
  ])('reads a local time in the fixed offset %j (no DST, so no gap)', (zone, name, instant) => {
    const id = accept(at('2026-03-29 02:30', zone));
    expect(id.timeZone).toBe(name);
    expect(id.observedAt).toBe(instant);
    expect(id.localTime).toBe(`2026-03-29T02:30:00${name}`);
  });

  it('lets an explicit offset or Z win, and shows the instant in the zone of the log', () => {
    const id = accept(at('2026-07-14T07:15:00Z', 'Europe/Paris'));
    expect(id.observedAt).toBe('2026-07-14T07:15:00Z');
    expect(id.localTime).toBe('2026-07-14T09:15:00+02:00');
    expect(accept(at('2026-07-14 07:15:00 UTC', 'Europe/Paris')).observedAt).toBe('2026-07-14T07:15:00Z');
    expect(accept(at('2026-07-14 09:15:00 +0200', 'Europe/Paris')).observedAt).toBe('2026-07-14T07:15:00Z');
  });

  it('warns when the offset given is not the zone’s offset at that instant', () => {
    const id = accept(at('2026-07-14T09:15:00+01:00', 'Europe/Paris'));
    expect(id.observedAt).toBe('2026-07-14T08:15:00Z');
    expect(id.localTime).toBe('2026-07-14T10:15:00+02:00');
    expect(id.details?.['offsetWarning']).toMatch(/\+01:00 is not the offset of Europe\/Paris/);
  });

  it('keeps sub-second precision in one canonical spelling', () => {
    expect(accept(at('2026-07-14T07:15:00.5Z', 'UTC')).observedAt).toBe('2026-07-14T07:15:00.500Z');
    expect(accept(at('2026-07-14T07:15:00.500000Z', 'UTC')).observedAt).toBe('2026-07-14T07:15:00.500Z');
    expect(accept(at('2026-07-14T07:15:00,123456Z', 'UTC')).observedAt).toBe('2026-07-14T07:15:00.123456Z');
    expect(accept(at('2026-07-14T07:15:00.000Z', 'UTC')).observedAt).toBe('2026-07-14T07:15:00Z');
    expect(accept(at('2026-07-14 07:15', 'UTC')).observedAt).toBe('2026-07-14T07:15:00Z');
  });

  it('spells IANA zones as ICU does when only the case differs, and keeps aliases as given', () => {
    expect(accept(at('2026-07-14 09:15', 'europe/paris')).timeZone).toBe('Europe/Paris');
    expect(accept(at('2026-07-14 09:15', 'Asia/Calcutta')).observedAt).toBe('2026-07-14T03:45:00Z');
    expect(accept(at('2026-07-14 09:15', 'Asia/Kolkata')).timeZone).toBe('Asia/Kolkata');
  });

  it.each([
    ['Mars/Olympus_Mons', 'timeZone'],
    ['CEST', 'timeZone'],
    ['+15:00', 'timeZone'],
    ['+02:75', 'timeZone'],
  ])('refuses the time zone %j', (zone, field) => {
    const errors = refuse(at('2026-07-14 09:15', zone));
    expect(errors).toEqual([{ field, message: 'give an IANA time zone such as Europe/Paris, or a fixed offset such as +02:00' }]);
  });

  it.each([
    ['14/07/2026 09:15', /YYYY-MM-DD/],
    ['2026-07-14', /YYYY-MM-DD/],
    ['yesterday', /YYYY-MM-DD/],
    ['2026-02-29 09:15', /calendar date/],
    ['2026-13-01 09:15', /calendar date/],
    ['2026-04-31 09:15', /calendar date/],
    ['2026-07-14 24:00', /time of day/],
    ['2026-07-14 09:60', /time of day/],
    ['2026-12-31 23:59:60', /time of day/],
    ['1969-12-31 23:59', /1970 or later/],
    ['2026-07-14 09:15+15:00', /at most 14 hours/],
    ['2026-07-14 09:15+02:60', /at most 14 hours/],
  ])('refuses the time %j', (observedAt, message) => {
    const errors = refuse(at(observedAt, 'Europe/Paris'));
    expect(errors[0]?.field).toBe('observedAt');
    expect(errors[0]?.message).toMatch(message);
  });

  it('accepts 29 February in a leap year', () => {
    expect(accept(at('2028-02-29 12:00', 'UTC')).observedAt).toBe('2028-02-29T12:00:00Z');
  });

  it('makes time optional for other kinds, but a time given needs its zone', () => {
    const id = accept({ kind: 'email', value: 'a@example.org' });
    expect(id.observedAt).toBeUndefined();
    expect(refuse({ kind: 'email', value: 'a@example.org', observedAt: '2026-07-14T09:15:00Z' })).toEqual([
      { field: 'timeZone', message: 'a time needs its time zone: the zone of the log or screen it was read from' },
    ]);
    const seen = accept({ kind: 'phone', value: '+33123456789', observedAt: '2026-07-14 09:15', timeZone: 'Europe/Paris' });
    expect(seen.observedAt).toBe('2026-07-14T07:15:00Z');
    expect(accept({ kind: 'email', value: 'a@example.org', timeZone: 'europe/paris' }).timeZone).toBe('Europe/Paris');
  });

  const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Europe/London'];

  it('reads back its own localTime as the same instant, in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2037, 11, 31) / 1000 }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const instant = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
          const id = accept(at(instant, zone));
          expect(id.observedAt).toBe(instant);
          // With its offset, the local time is the same instant.
          expect(accept(at(id.localTime ?? '', zone)).observedAt).toBe(instant);
          // Without it, it is the same instant, or refused because that local time happened twice.
          const wall = (id.localTime ?? '').slice(0, 19);
          const result = parseIdentifier(at(wall, zone));
          if (result.ok) expect(result.identifier.observedAt).toBe(instant);
          else expect(result.errors[0]?.message).toMatch(/happened twice/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------- email

describe('email', () => {
  it.each([
    [' John.Doe@Example.COM ', 'john.doe@example.com', 'John.Doe@example.com'],
    ['mailto:someone@example.org', 'someone@example.org', 'someone@example.org'],
    ['user+tag@sub.example.co.uk', 'user+tag@sub.example.co.uk', 'user+tag@sub.example.co.uk'],
    ["o'brien!#$%&*/=?^_`{|}~-@example.ie", "o'brien!#$%&*/=?^_`{|}~-@example.ie", "o'brien!#$%&*/=?^_`{|}~-@example.ie"],
    ['Jörg@Bücher.de', 'jörg@xn--bcher-kva.de', 'Jörg@bücher.de'],
    ['jörg@xn--bcher-kva.de', 'jörg@xn--bcher-kva.de', 'jörg@xn--bcher-kva.de'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %j', (input, value, display) => {
    const id = expectRoundTrip({ kind: 'email', value: input });
    expect(id.value).toBe(value);
    expect(id.display).toBe(display);
  });

  it('keys a Unicode domain and its punycode form the same way', () => {
    const unicode = accept({ kind: 'email', value: 'jörg@bücher.de' });
    const ascii = accept({ kind: 'email', value: 'JÖRG@XN--BCHER-KVA.DE' });
    expect(identifierKey(unicode)).toBe(identifierKey(ascii));
    expect(unicode.details?.['domain']).toBe('xn--bcher-kva.de');
  });

  it.each([
    ['no-at-sign', /name@domain/],
    ['@example.com', /before @ is empty/],
    ['a@', /domain/],
    ['a..b@example.com', /single dots/],
    ['.a@example.com', /single dots/],
    ['a.@example.com', /single dots/],
    ['a b@example.com', /single dots/],
    ['"quoted"@example.com', /quoted/],
    [`${'a'.repeat(65)}@example.com`, /at most 64/],
    ['a@example', /names separated by dots/],
    ['a@-example.com', /names separated by dots/],
    ['a@example-.com', /names separated by dots/],
    ['a@example..com', /names separated by dots/],
    ['a@exa_mple.com', /names separated by dots/],
    ['a@example.com.', /names separated by dots/],
    ['a@1.2.3.4', /not an IP address/],
    ['a@[192.0.2.1]', /names separated by dots/],
    [`a@${'b'.repeat(64)}.com`, /not a valid domain/],
    [`${'a'.repeat(64)}@${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.com`, /at most 254/],
  ])('refuses %j', (input, message) => {
    const errors = refuse({ kind: 'email', value: input });
    expect(errors[0]?.field).toBe('value');
    expect(errors[0]?.message).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------- phone

describe('phone', () => {
  it.each([
    ['+33 1 23 45 67 89', '+33123456789'],
    ['0033 1 23 45 67 89', '+33123456789'],
    ['+33 (0)1 23 45 67 89', '+33123456789'],
    ['+33 ( 0 ) 1 23 45 67 89', '+33123456789'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['+44.20.7946.0958', '+442079460958'],
    ['+49 30/1234567', '+49301234567'],
    ['+91\u00a098765\u202f43210', '+919876543210'],
    ['+12345678', '+12345678'],
    ['+123456789012345', '+123456789012345'],
  ])('accepts %j as %s', (input, value) => {
    const id = expectRoundTrip({ kind: 'phone', value: input });
    expect(id.value).toBe(value);
    expect(id.display).toBe(value);
  });

  it.each([
    ['01 23 45 67 89', 'give the number in international format (+ country code)'],
    ['5551234567', 'give the number in international format (+ country code)'],
    ['+0123456789', 'after the + comes the country code, which never starts with 0'],
    ['+1234567', 'an international number has 8 to 15 digits after the +'],
    ['+1234567890123456', 'an international number has 8 to 15 digits after the +'],
    ['+33 1 23 45 67 89 ext 12', 'a phone number has only digits after the + (no extension)'],
    ['+33-ABC-DEF', 'a phone number has only digits after the + (no extension)'],
    ['++33123456789', 'a phone number has only digits after the + (no extension)'],
  ])('refuses %j', (input, message) => {
    expect(refuse({ kind: 'phone', value: input })).toEqual([{ field: 'value', message }]);
  });

  it('round-trips random E.164 numbers written with separators or 00', () => {
    const number = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.nat(9), { minLength: 7, maxLength: 14 }));
    const separator = fc.constantFrom(' ', '-', '.', '', ' ');
    fc.assert(
      fc.property(number, fc.array(separator, { minLength: 15, maxLength: 15 }), fc.boolean(), ([first, rest], seps, doubleZero) => {
        const digits = [first, ...rest].join('');
        const written = (doubleZero ? '00' : '+') + [...digits].map((d, i) => d + (seps[i] ?? '')).join('');
        const id = expectRoundTrip({ kind: 'phone', value: written });
        expect(id.value).toBe(`+${digits}`);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------- url

describe('url', () => {
  it.each([
    ['HTTPS://Example.COM:443/a/b?c=1#frag', 'https://example.com/a/b?c=1', 'https://example.com/a/b?c=1#frag', 'example.com'],
    ['http://example.com:80', 'http://example.com/', 'http://example.com/', 'example.com'],
    ['http://example.com:8080/x', 'http://example.com:8080/x', 'http://example.com:8080/x', 'example.com'],
    ['ftp://files.example.org:21/pub/file.txt', 'ftp://files.example.org/pub/file.txt', 'ftp://files.example.org/pub/file.txt', 'files.example.org'],
    ['https://bücher.de/über', 'https://xn--bcher-kva.de/%C3%BCber', 'https://xn--bcher-kva.de/%C3%BCber', 'xn--bcher-kva.de'],
    ['https://[2001:DB8::1]/', 'https://[2001:db8::1]/', 'https://[2001:db8::1]/', '[2001:db8::1]'],
  ])('accepts %j', (input, value, display, host) => {
    const id = expectRoundTrip({ kind: 'url', value: input });
    expect(id.value).toBe(value);
    expect(id.display).toBe(display);
    expect(id.details?.['host']).toBe(host);
  });

  it('keys two URLs differing only by fragment the same way', () => {
    const a = accept({ kind: 'url', value: 'https://example.com/p#one' });
    const b = accept({ kind: 'url', value: 'https://example.com/p#two' });
    expect(identifierKey(a)).toBe(identifierKey(b));
    expect(a.display).not.toBe(b.display);
  });

  it('names the onion service of an onion URL', () => {
    const onion = 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion';
    expect(accept({ kind: 'url', value: `http://${onion}/search?q=x` }).details?.['onion']).toBe(onion);
  });

  it.each([
    ['example.com/path', /scheme/],
    ['www.example.com', /scheme/],
    ['javascript:alert(1)', /scheme/],
    ['file:///etc/passwd', /only http, https and ftp/],
    ['ws://example.com/', /only http, https and ftp/],
    ['http://', /not a valid URL/],
    ['http://exa mple.com/', /not a valid URL/],
    ['http://expyuzz4wqqyqhjn.onion/', /v2 onion/],
    ['http://cuckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion/', /checksum/],
  ])('refuses %j', (input, message) => {
    const errors = refuse({ kind: 'url', value: input });
    expect(errors[0]?.field).toBe('value');
    expect(errors[0]?.message).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------- onion

describe('onion', () => {
  const ddg = 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion';

  it.each([
    [ddg, ddg],
    [ddg.toUpperCase(), ddg],
    [`http://${ddg}/`, ddg],
    [`https://${ddg}:443/search?q=a#b`, ddg],
    [`${ddg}.`, ddg],
    [`www.${ddg}`, `www.${ddg}`],
  ])('accepts %j', (input, display) => {
    const id = expectRoundTrip({ kind: 'onion', value: input });
    expect(id.value).toBe(ddg);
    expect(id.display).toBe(display);
  });

  it('keeps a subdomain in the display and details but keys on the service', () => {
    const id = accept({ kind: 'onion', value: `www.${ddg}` });
    expect(id.details?.['subdomain']).toBe('www');
    expect(identifierKey(id)).toBe(`onion:${ddg}`);
  });

  it.each([
    ['expyuzz4wqqyqhjn.onion', 'v2 onion addresses are obsolete since 2021: ask for the v3 address (56 characters)'],
    ['http://expyuzz4wqqyqhjn.onion/', 'v2 onion addresses are obsolete since 2021: ask for the v3 address (56 characters)'],
    ['duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcza.onion', 'an onion v3 address has 56 characters (a–z, 2–7) before .onion'],
    ['duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcza1.onion', 'an onion v3 address has 56 characters (a–z, 2–7) before .onion'],
    ['duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad', 'an onion address ends in .onion'],
    // The last character holds only version bits: 'a' makes the version byte 0.
    ['duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczaa.onion', 'not a version 3 onion address (version byte 0)'],
    ['duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczqd.onion', 'the onion address checksum does not match: a character is wrong'],
    ['cuckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion', 'the onion address checksum does not match: a character is wrong'],
    [`-bad.${ddg}`, 'the subdomain before the onion address is not valid'],
  ])('refuses %j', (input, message) => {
    expect(refuse({ kind: 'onion', value: input })).toEqual([{ field: 'value', message }]);
  });

  it('refuses an address whose version byte is not 3, even with a matching checksum', () => {
    const key = new Uint8Array(32).fill(7);
    expect(refuse({ kind: 'onion', value: onionFromKey(key, 4) })[0]?.message).toMatch(/version byte 4/);
  });

  it('accepts the address of any random key, and round-trips it', () => {
    fc.assert(
      fc.property(bytes32, (key) => {
        const address = onionFromKey(key);
        const id = expectRoundTrip({ kind: 'onion', value: address.toUpperCase() });
        expect(id.value).toBe(address);
      }),
    );
  });

  it('catches any character flipped in the checksum or version', () => {
    // Characters 52–55 carry only checksum and version bits, so a change there is always caught.
    fc.assert(
      fc.property(bytes32, fc.integer({ min: 52, max: 55 }), (key, i) => {
        expect(parseIdentifier({ kind: 'onion', value: flip(onionFromKey(key), i, BASE32) }).ok).toBe(false);
      }),
    );
  });

  it('catches a character flipped in the key unless the 16-bit checksum happens to match', () => {
    fc.assert(
      fc.property(bytes32, fc.integer({ min: 0, max: 50 }), (key, i) => {
        const flipped = flip(onionFromKey(key), i, BASE32);
        // The parser must agree with an independent rebuild of the address from its decoded key
        // (almost always "invalid"; asserting that outright would fail once in 65,536 runs).
        expect(parseIdentifier({ kind: 'onion', value: flipped }).ok).toBe(isValidOnion(flipped));
      }),
    );
  });
});

/** Rebuilds the address from its own key: valid exactly when that reproduces the same text. */
function isValidOnion(address: string): boolean {
  let bits = '';
  for (const ch of address.slice(0, 56)) bits += BASE32.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = Uint8Array.from({ length: 35 }, (_, i) => Number.parseInt(bits.slice(8 * i, 8 * i + 8), 2));
  return bytes[34] === 3 && onionFromKey(bytes.subarray(0, 32)) === address;
}

// ---------------------------------------------------------------------------------- username

describe('username', () => {
  it.each([
    ['@JohnDoe', 'Telegram', 'johndoe', 'JohnDoe', 'username:telegram:johndoe'],
    ['  john.doe_99 ', ' Instagram ', 'john.doe_99', 'john.doe_99', 'username:instagram:john.doe_99'],
    ['Ærøskøbing', 'Snapchat', 'ærøskøbing', 'Ærøskøbing', 'username:snapchat:ærøskøbing'],
    ['Player One', 'Tik  Tok', 'player one', 'Player One', 'username:tik tok:player one'],
  ])('accepts %j on %j', (input, platform, value, display, key) => {
    const id = expectRoundTrip({ kind: 'username', value: input, platform });
    expect(id.value).toBe(value);
    expect(id.display).toBe(display);
    expect(id.platform).toBe(platform.trim());
    expect(identifierKey(id)).toBe(key);
  });

  it('keys the same handle on two platforms differently, and the same handle in two cases alike', () => {
    const a = accept({ kind: 'username', value: '@Alice', platform: 'Discord' });
    const b = accept({ kind: 'username', value: 'alice', platform: 'discord' });
    const c = accept({ kind: 'username', value: 'alice', platform: 'Reddit' });
    expect(identifierKey(a)).toBe(identifierKey(b));
    expect(identifierLinkKey(a)).toBe(identifierLinkKey(b));
    expect(identifierKey(a)).not.toBe(identifierKey(c));
  });

  it.each([
    [{ value: 'alice' }, [{ field: 'platform', message: 'a username needs the platform it belongs to' }]],
    [{ value: 'alice', platform: '   ' }, [{ field: 'platform', message: 'a username needs the platform it belongs to' }]],
    [{ value: '@', platform: 'X' }, [{ field: 'value', message: 'the username is empty' }]],
    [{ value: 'al\u200bice', platform: 'X' }, [{ field: 'value', message: 'a username has printable characters only' }]],
    [{ value: 'a'.repeat(201), platform: 'X' }, [{ field: 'value', message: 'a username has at most 200 characters' }]],
    [{ value: 'alice', platform: 'web:forum' }, [{ field: 'platform', message: "a platform name cannot contain ':'" }]],
    [
      { value: '@', platform: '' },
      [
        { field: 'platform', message: 'a username needs the platform it belongs to' },
        { field: 'value', message: 'the username is empty' },
      ],
    ],
  ])('refuses %j', (input, errors) => {
    expect(refuse({ kind: 'username', ...input })).toEqual(errors);
  });
});

// ---------------------------------------------------------------------------------- crypto

describe('crypto', () => {
  describe('Bitcoin', () => {
    it.each([
      ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'p2pkh'],
      ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'p2sh'],
      // BIP-173 / BIP-350 main-network vectors.
      ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'p2wpkh'],
      ['bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3', 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3', 'p2wsh'],
      ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'p2tr'],
      [
        'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
        'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
        'segwit-v1',
      ],
      ['BC1SW50QGDZ25J', 'bc1sw50qgdz25j', 'segwit-v16'],
      ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'segwit-v2'],
    ])('accepts %s', (input, value, type) => {
      const id = expectRoundTrip({ kind: 'crypto', value: input });
      expect(id.value).toBe(value);
      expect(id.network).toBe('btc');
      expect(id.details?.['type']).toBe(type);
      expect(accept({ kind: 'crypto', value: input, network: 'btc' }).value).toBe(value);
    });

    it.each([
      ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', /base58check checksum/],
      ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0', /base58 characters only/],
      ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', /bech32/],
      ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', /bech32/],
      ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', /bech32/],
      ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', /bech32/],
      ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', /bech32/],
      ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', /testnet/],
      ['bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080', /testnet/],
    ])('refuses %s', (input, message) => {
      const errors = refuse({ kind: 'crypto', value: input });
      expect(errors[0]?.field).toBe('value');
      expect(errors[0]?.message).toMatch(message);
    });

    it('refuses base58 testnet addresses and other version bytes', () => {
      const hash = new Uint8Array(20).fill(9);
      expect(refuse({ kind: 'crypto', value: encodeBase58Check(concatBytes(Uint8Array.of(0x6f), hash)) })[0]?.message).toMatch(/testnet/);
      expect(refuse({ kind: 'crypto', value: encodeBase58Check(concatBytes(Uint8Array.of(0xc4), hash)) })[0]?.message).toMatch(/testnet/);
      // Version 0x30 is a Litecoin address: it starts with L and is not detected as Bitcoin at all.
      const litecoin = encodeBase58Check(concatBytes(Uint8Array.of(0x30), hash));
      expect(refuse({ kind: 'crypto', value: litecoin })[0]?.message).toMatch(/not a recognised/);
      expect(refuse({ kind: 'crypto', value: litecoin, network: 'btc' })[0]?.message).toMatch(/version byte 48/);
      const tooLong = encodeBase58Check(concatBytes(Uint8Array.of(0x05), hash, Uint8Array.of(1)));
      expect(refuse({ kind: 'crypto', value: tooLong, network: 'btc' })[0]?.message).toMatch(/wrong length/);
    });

    it('round-trips random P2PKH and P2SH addresses', () => {
      fc.assert(
        fc.property(bytes20, fc.constantFrom(0x00, 0x05), (hash, version) => {
          const address = encodeBase58Check(concatBytes(Uint8Array.of(version), hash));
          const id = expectRoundTrip({ kind: 'crypto', value: address });
          expect(id.value).toBe(address);
          expect(id.details?.['type']).toBe(version === 0 ? 'p2pkh' : 'p2sh');
        }),
      );
    });

    it('round-trips random segwit v0 and taproot addresses, in either case', () => {
      const output = fc.oneof(
        fc.record({ version: fc.constant(0), program: fc.oneof(bytes20, bytes32) }),
        fc.record({ version: fc.constant(1), program: bytes32 }),
      );
      fc.assert(
        fc.property(output, fc.boolean(), ({ version, program }, upper) => {
          const address = encodeSegwitAddress('bc', version, program);
          const id = expectRoundTrip({ kind: 'crypto', value: upper ? address.toUpperCase() : address });
          expect(id.value).toBe(address);
          expect(id.details?.['type']).toBe(version === 1 ? 'p2tr' : program.length === 20 ? 'p2wpkh' : 'p2wsh');
        }),
      );
    });
  });

  describe('Ethereum', () => {
    // The examples of EIP-55 itself.
    it.each([
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ])('accepts the EIP-55 example %s and displays it checksummed', (address) => {
      const id = expectRoundTrip({ kind: 'crypto', value: address });
      expect(id.value).toBe(address.toLowerCase());
      expect(id.display).toBe(address);
      expect(id.network).toBe('eth');
      expect(id.details?.['checksum']).toBe('eip55');
    });

    it.each(['0x52908400098527886E0F7030069857D2E4169EE7', '0xde709f2102306220921060314715629080e2fb77'])(
      'accepts the single-case address %s, which carries no checksum',
      (address) => {
        const id = accept({ kind: 'crypto', value: address, network: 'eth' });
        expect(id.value).toBe(address.toLowerCase());
        expect(id.details?.['checksum']).toBe('none');
      },
    );

    it.each([
      ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', /EIP-55/],
      ['0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', /EIP-55/],
      ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae', /40 hexadecimal/],
      ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd', /40 hexadecimal/],
      ['0xZaaeb6053f3e94c9b9a09f33669435e7ef1beaed', /40 hexadecimal/],
    ])('refuses %s', (input, message) => {
      expect(refuse({ kind: 'crypto', value: input })[0]?.message).toMatch(message);
    });

    it('round-trips random addresses in EIP-55 casing, and catches a wrongly cased letter', () => {
      fc.assert(
        fc.property(bytes20, (bytes) => {
          const lower = bytesToHex(bytes);
          const checksummed = eip55(lower);
          const id = expectRoundTrip({ kind: 'crypto', value: checksummed });
          expect(id.value).toBe(`0x${lower}`);
          expect(id.display).toBe(checksummed);
          // Swap the case of one letter, if the address has any letter and still mixes case.
          const i = [...checksummed].findIndex((ch, k) => k > 1 && /[a-fA-F]/.test(ch));
          if (i < 0) return;
          const ch = checksummed.charAt(i);
          const swapped = checksummed.slice(0, i) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + checksummed.slice(i + 1);
          const hex = swapped.slice(2);
          if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return;
          expect(parseIdentifier({ kind: 'crypto', value: swapped }).ok).toBe(false);
        }),
      );
    });
  });

  describe('Monero', () => {
    // The Monero general fund's published donation address.
    const generalFund = '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';

    it('accepts a published standard address', () => {
      const id = expectRoundTrip({ kind: 'crypto', value: generalFund });
      expect(id).toMatchObject({ value: generalFund, network: 'xmr', details: { type: 'standard' } });
    });

    it('accepts standard, integrated and subaddresses built from random keys', () => {
      fc.assert(
        fc.property(bytes32, bytes32, fc.uint8Array({ minLength: 8, maxLength: 8 }), (spend, view, paymentId) => {
          const standard = moneroAddress(18, spend, view);
          const integrated = moneroAddress(19, spend, view, paymentId);
          const sub = moneroAddress(42, spend, view);
          expect(standard).toHaveLength(95);
          expect(standard.startsWith('4')).toBe(true);
          expect(integrated).toHaveLength(106);
          expect(sub.startsWith('8')).toBe(true);
          expect(expectRoundTrip({ kind: 'crypto', value: standard }).details?.['type']).toBe('standard');
          expect(expectRoundTrip({ kind: 'crypto', value: sub, network: 'xmr' }).details?.['type']).toBe('subaddress');
          const id = expectRoundTrip({ kind: 'crypto', value: integrated });
          expect(id.details).toMatchObject({ type: 'integrated', paymentId: bytesToHex(paymentId), standardAddress: standard });
        }),
        { numRuns: 50 },
      );
    });

    it('links an integrated address to the standard address it embeds', () => {
      const spend = new Uint8Array(32).fill(1);
      const view = new Uint8Array(32).fill(2);
      const standard = accept({ kind: 'crypto', value: moneroAddress(18, spend, view) });
      const integrated = accept({ kind: 'crypto', value: moneroAddress(19, spend, view, new Uint8Array(8).fill(3)) });
      expect(identifierKey(integrated)).not.toBe(identifierKey(standard));
      expect(identifierLinkKey(integrated)).toBe(identifierLinkKey(standard));
    });

    it('catches a flipped character', () => {
      fc.assert(
        fc.property(bytes32, bytes32, fc.integer({ min: 1, max: 94 }), (spend, view, i) => {
          const flipped = flip(moneroAddress(18, spend, view), i, BASE58);
          // A flip can overflow an 11-character block instead of failing the checksum: refused either way.
          expect(parseIdentifier({ kind: 'crypto', value: flipped }).ok).toBe(false);
        }),
        { numRuns: 50 },
      );
    });

    it.each([
      [53, /testnet and stagenet/],
      [24, /testnet and stagenet/],
      [17, /main-network address/],
    ])('refuses network prefix %i', (prefix, message) => {
      const address = moneroAddress(prefix, new Uint8Array(32).fill(5), new Uint8Array(32).fill(6));
      expect(refuse({ kind: 'crypto', value: address })[0]?.message).toMatch(message);
    });

    it('refuses a standard prefix with an integrated length', () => {
      const address = moneroAddress(18, new Uint8Array(32), new Uint8Array(32), new Uint8Array(8));
      expect(refuse({ kind: 'crypto', value: address })[0]?.message).toMatch(/main-network address/);
    });
  });

  it('detects the network, and refuses a network that contradicts the address', () => {
    expect(refuse({ kind: 'crypto', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'btc' })).toEqual([
      { field: 'network', message: 'this is a Ethereum address, not a Bitcoin one' },
    ]);
    expect(refuse({ kind: 'crypto', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', network: 'xmr' })[0]?.field).toBe('network');
  });

  it('explains an unrecognised address in the terms of the network named', () => {
    expect(refuse({ kind: 'crypto', value: 'hello' })[0]?.message).toBe('not a recognised Bitcoin, Ethereum or Monero address');
    expect(refuse({ kind: 'crypto', value: 'hello', network: 'eth' })[0]?.message).toMatch(/0x followed by 40/);
    expect(refuse({ kind: 'crypto', value: 'hello', network: 'xmr' })[0]?.message).toMatch(/Monero/);
  });

  it('keys on the network as well as the address', () => {
    const id = accept({ kind: 'crypto', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2' });
    expect(identifierKey(id)).toBe('crypto:btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');
  });

  it('refuses a network on any other kind', () => {
    expect(refuse({ kind: 'email', value: 'a@example.org', network: 'btc' })).toEqual([
      { field: 'network', message: 'a network applies to cryptocurrency addresses only' },
    ]);
  });
});

// ---------------------------------------------------------------------------------- imei

describe('imei', () => {
  it.each([
    ['35-209900-176148-1', '352099001761481', 'imei'],
    ['490154203237518', '490154203237518', 'imei'],
    ['49 015420 323751 8', '490154203237518', 'imei'],
    ['35/209900/176148/1', '352099001761481', 'imei'],
    ['3520990017614823', '3520990017614823', 'imeisv'],
  ])('accepts %j', (input, value, kind) => {
    const id = expectRoundTrip({ kind: 'imei', value: input });
    expect(id.value).toBe(value);
    expect(id.details).toEqual({ kind, tac: value.slice(0, 8) });
  });

  it.each([
    ['49015420323751', 'give all 15 digits of the IMEI, including the check digit'],
    ['490154203237519', 'the IMEI check digit (Luhn) does not match: check each digit'],
    ['490154203237581', 'the IMEI check digit (Luhn) does not match: check each digit'],
    ['12345', 'an IMEI has 15 digits (16 for an IMEISV)'],
    ['49015420323751801', 'an IMEI has 15 digits (16 for an IMEISV)'],
    ['4901542032375I8', 'an IMEI has only digits'],
  ])('refuses %j', (input, message) => {
    expect(refuse({ kind: 'imei', value: input })).toEqual([{ field: 'value', message }]);
  });

  it('links an IMEI and the IMEISV of the same handset, but keeps them apart as records', () => {
    const imei = accept({ kind: 'imei', value: '490154203237518' });
    const imeisv = accept({ kind: 'imei', value: '4901542032375107' });
    expect(identifierKey(imei)).not.toBe(identifierKey(imeisv));
    expect(identifierLinkKey(imei)).toBe(identifierLinkKey(imeisv));
  });

  it('accepts any 14-digit body with its Luhn digit, and refuses every other last digit', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(9), { minLength: 14, maxLength: 14 }), fc.integer({ min: 1, max: 9 }), (digits, shift) => {
        const body = digits.join('');
        const check = luhnDigit(body);
        const id = expectRoundTrip({ kind: 'imei', value: `${body.slice(0, 2)}-${body.slice(2, 8)}-${body.slice(8)}-${check}` });
        expect(id.value).toBe(`${body}${check}`);
        expect(parseIdentifier({ kind: 'imei', value: `${body}${(check + shift) % 10}` }).ok).toBe(false);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------- device id

describe('device_id', () => {
  it.each([
    ['00:1A:2B:3C:4D:5E', '00:1a:2b:3c:4d:5e', 'mac'],
    ['00-1a-2b-3c-4d-5e', '00:1a:2b:3c:4d:5e', 'mac'],
    ['001a.2b3c.4d5e', '00:1a:2b:3c:4d:5e', 'mac'],
    ['001A2B3C4D5E', '00:1a:2b:3c:4d:5e', 'mac'],
    ['6D92078A-8246-4BA4-AE5B-76104861E7DC', '6d92078a-8246-4ba4-ae5b-76104861e7dc', 'uuid'],
    ['{6d92078a-8246-4ba4-ae5b-76104861e7dc}', '6d92078a-8246-4ba4-ae5b-76104861e7dc', 'uuid'],
    ['9774D56D682E549C', '9774d56d682e549c', 'android_id'],
    ['00:1a:2b-3c:4d:5e', '00:1a:2b-3c:4d:5e', 'other'],
    ['Serial XK-42/b', 'Serial XK-42/b', 'other'],
  ])('accepts %j', (input, value, format) => {
    const id = expectRoundTrip({ kind: 'device_id', value: input });
    expect(id.value).toBe(value);
    expect(id.details?.['format']).toBe(format);
  });

  it('calls a UUID an IDFA on Apple platforms', () => {
    expect(accept({ kind: 'device_id', value: '6D92078A-8246-4BA4-AE5B-76104861E7DC', platform: 'iOS' }).details?.['format']).toBe('idfa');
    expect(accept({ kind: 'device_id', value: '6D92078A-8246-4BA4-AE5B-76104861E7DC', platform: 'Android' }).details?.['format']).toBe('uuid');
  });

  it('warns about an all-zero advertising ID and a locally administered MAC', () => {
    const nil = accept({ kind: 'device_id', value: '00000000-0000-0000-0000-000000000000', platform: 'iPhone' });
    expect(nil.details?.['nilWarning']).toMatch(/identifies no device/);
    expect(accept({ kind: 'device_id', value: 'da:a1:19:00:00:01' }).details?.['macWarning']).toMatch(/randomised/);
    expect(accept({ kind: 'device_id', value: '00:1a:2b:3c:4d:5e' }).details?.['macWarning']).toBeUndefined();
  });

  it('keys every spelling of a MAC address the same way', () => {
    const keys = ['00:1A:2B:3C:4D:5E', '001a.2b3c.4d5e', '00-1a-2b-3c-4d-5e'].map((value) => identifierKey(accept({ kind: 'device_id', value })));
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps an unrecognised ID exactly, case included', () => {
    const a = accept({ kind: 'device_id', value: 'AbC-1' });
    const b = accept({ kind: 'device_id', value: 'abc-1' });
    expect(identifierKey(a)).not.toBe(identifierKey(b));
  });

  it.each([
    ['x'.repeat(201), 'a device ID has at most 200 characters'],
    ['abc\u0000def', 'a device ID has printable characters only'],
    ['abc\u202edef', 'a device ID has printable characters only'],
  ])('refuses %j', (input, message) => {
    expect(refuse({ kind: 'device_id', value: input })).toEqual([{ field: 'value', message }]);
  });
});

// ---------------------------------------------------------------------------------- keys

describe('identifierKey and identifierLinkKey', () => {
  it('keeps the same IP address at two times as two records, linked by the address', () => {
    const morning = accept(ip('8.8.8.8', { observedAt: '2026-03-01 09:00', timeZone: 'Europe/Paris' }));
    const evening = accept(ip('8.8.8.8', { observedAt: '2026-03-01 21:00', timeZone: 'Europe/Paris' }));
    expect(identifierKey(morning)).toBe('ip:8.8.8.8@2026-03-01T08:00:00Z');
    expect(identifierKey(morning)).not.toBe(identifierKey(evening));
    expect(identifierLinkKey(morning)).toBe('ip:8.8.8.8');
    expect(identifierLinkKey(evening)).toBe('ip:8.8.8.8');
  });

  it('keeps seconds in the key: two log lines a second apart are two records', () => {
    const a = accept(ip('8.8.8.8', { observedAt: '2026-03-01T10:00:05Z' }));
    const b = accept(ip('8.8.8.8', { observedAt: '2026-03-01T10:00:07Z' }));
    expect(identifierKey(a)).not.toBe(identifierKey(b));
  });

  it('merges the same instant written in two zones', () => {
    const paris = accept(ip('8.8.8.8', { observedAt: '2026-03-01 11:00', timeZone: 'Europe/Paris' }));
    const utc = accept(ip('8.8.8.8', { observedAt: '2026-03-01T10:00:00Z', timeZone: 'UTC' }));
    expect(identifierKey(paris)).toBe(identifierKey(utc));
  });

  it('keeps the port in the key but not in the link key', () => {
    const withPort = accept(ip('[2001:db8::1]:443'));
    const without = accept(ip('2001:DB8:0::1'));
    expect(identifierKey(withPort)).toBe('ip:[2001:db8::1]:443@2026-03-01T10:00:00Z');
    expect(identifierKey(withPort)).not.toBe(identifierKey(without));
    expect(identifierLinkKey(withPort)).toBe(identifierLinkKey(without));
  });

  it('merges an IPv4-mapped address with its IPv4 form', () => {
    expect(identifierKey(accept(ip('::ffff:192.0.2.1')))).toBe(identifierKey(accept(ip('192.0.2.1'))));
  });

  it('merges e-mail addresses that differ only in case, whatever the time', () => {
    const a = accept({ kind: 'email', value: 'Alice@Example.org', observedAt: '2026-01-01T00:00:00Z', timeZone: 'UTC' });
    const b = accept({ kind: 'email', value: 'alice@example.ORG' });
    expect(identifierKey(a)).toBe(identifierKey(b));
  });

  it('prefixes every key with its kind, so equal values of two kinds never merge', () => {
    const digits = accept({ kind: 'device_id', value: '490154203237518' });
    const imei = accept({ kind: 'imei', value: '490154203237518' });
    expect(identifierKey(digits)).not.toBe(identifierKey(imei));
  });
});
