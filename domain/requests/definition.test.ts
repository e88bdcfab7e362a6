/**
 * The helpers every request type relies on: time zones, identifiers, the draft twin of a schema,
 * article references in French, local times.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildIdentifiersTable,
  formatLocalTime,
  getAt,
  localiseArticle,
  requestIdentifierSchema,
  resolveSchemaPath,
  toDraftSchema,
  withoutEmptyValues,
} from './definition.ts';
import { isValidTimeZone } from '../time.ts';
import { REQUEST_DEFINITIONS } from './index.ts';
import { MLA_SUBSCRIBER_BODY } from './test-fixtures.ts';

describe('time zones and identifiers', () => {
  it('knows IANA zones and UTC, and rejects the rest', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('validates an identifier: UTC instant, zone, port', () => {
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', observedAt: '2026-11-20T13:45:12Z', timeZone: 'Europe/Paris', port: 443 }).success).toBe(true);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', observedAt: '2026-11-20T13:45Z' }).success).toBe(true);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', observedAt: '2026-11-20T13:45:12.123Z' }).success).toBe(true);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', observedAt: '2026-11-20T13:45:12+01:00' }).success).toBe(false);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', observedAt: '2026-02-30T13:45:12Z' }).success).toBe(false);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', timeZone: 'CET+1' }).success).toBe(false);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '203.0.113.45', port: 70000 }).success).toBe(false);
    expect(requestIdentifierSchema.safeParse({ kind: 'ip', value: '  ' }).success).toBe(false);
  });

  it('gives the local time with its offset, summer and winter', () => {
    expect(formatLocalTime('2026-11-20T13:45:12Z', 'Europe/Paris')).toBe('2026-11-20 14:45:12 (UTC+01:00)');
    expect(formatLocalTime('2026-07-01T22:10:00Z', 'Europe/Paris')).toBe('2026-07-02 00:10:00 (UTC+02:00)');
    expect(formatLocalTime('2026-07-01T22:10:00Z', 'Asia/Kolkata')).toBe('2026-07-02 03:40:00 (UTC+05:30)');
    expect(formatLocalTime('2026-07-01T22:10:00Z', 'UTC')).toBe('2026-07-01 22:10:00 (UTC+00:00)');
    expect(formatLocalTime('not a date', 'UTC')).toBe('');
  });

  it('builds a table from anything a draft may hold', () => {
    const table = buildIdentifiersTable([{ kind: 'onion', value: 'exampleonionaddress.onion', note: 'Forum' }, 'garbage', { value: 'x', kind: 'unknown' }], 'en');
    expect(table.rows).toEqual([
      ['Onion service', 'exampleonionaddress.onion', '', '', '', 'Forum'],
      ['', '', '', '', '', ''],
      ['unknown', 'x', '', '', '', ''],
    ]);
    expect(buildIdentifiersTable(undefined, 'fr').rows).toEqual([]);
  });
});

describe('toDraftSchema', () => {
  const schema = z.object({
    name: z.string().trim().min(3),
    statement: z.literal(true),
    kind: z.enum(['a', 'b']),
    count: z.number().int().min(1),
    nested: z.object({ when: z.string().regex(/^\d{4}$/) }),
    list: z.array(z.object({ value: z.string().min(1), flag: z.boolean() })).min(1),
    maybe: z.string().optional(),
  });
  const draft = toDraftSchema(schema);

  it('makes everything optional and drops content rules', () => {
    expect(draft.safeParse({}).success).toBe(true);
    expect(draft.safeParse({ name: 'a', statement: false, count: 0, nested: { when: '20' }, list: [{}] }).success).toBe(true);
    expect(draft.safeParse({ list: [] }).success).toBe(true);
  });

  it('still rejects wrong types and unknown choices', () => {
    expect(draft.safeParse({ name: 1 }).success).toBe(false);
    expect(draft.safeParse({ count: '1' }).success).toBe(false);
    expect(draft.safeParse({ statement: 'yes' }).success).toBe(false);
    expect(draft.safeParse({ kind: 'c' }).success).toBe(false);
    expect(draft.safeParse({ list: [{ flag: 'true' }] }).success).toBe(false);
    expect(draft.safeParse({ nested: 'x' }).success).toBe(false);
  });

  it('resolves paths through objects, optionals and nothing else', () => {
    expect(resolveSchemaPath(schema, 'nested.when')).toBe(true);
    expect(resolveSchemaPath(schema, 'maybe')).toBe(true);
    expect(resolveSchemaPath(schema, 'list.value')).toBe(false);
    expect(resolveSchemaPath(schema, 'nested.other')).toBe(false);
  });
});

describe('words', () => {
  it('puts article references into French', () => {
    expect(localiseArticle('Budapest Art. 29(2)(f)', 'fr')).toBe('Convention de Budapest, art. 29(2)(f)');
    expect(localiseArticle('T-CY(2018)10 item 10', 'fr')).toBe('T-CY(2018)10, rubrique 10');
    expect(localiseArticle('Reg. 2023/1543 Annex I Section L', 'fr')).toBe('Règlement (UE) 2023/1543, annexe I section L');
    expect(localiseArticle('Protocol Art. 7(4)(b)', 'fr')).toBe('Deuxième Protocole additionnel, art. 7(4)(b)');
    expect(localiseArticle('Directive 2011/93/EU Art. 5(4)–(5); Lanzarote Art. 20(1)(b)–(d)', 'fr')).toBe('directive 2011/93/UE, art. 5(4)–(5); Convention de Lanzarote, art. 20(1)(b)–(d)');
    expect(localiseArticle('Budapest Art. 29(2)(f)', 'en')).toBe('Budapest Art. 29(2)(f)');
  });

  it('reads dot paths safely', () => {
    expect(getAt({ a: { b: [1] } }, 'a.b')).toEqual([1]);
    expect(getAt({ a: 'x' }, 'a.b')).toBeUndefined();
    expect(getAt(null, 'a')).toBeUndefined();
  });
});

describe('withoutEmptyValues', () => {
  it('drops emptied fields so an optional one cannot fail the check silently', () => {
    expect(withoutEmptyValues({ a: '', b: { c: '', d: null }, e: [1, ''], f: 'x', g: { h: 'y' } })).toEqual({ e: [1, ''], f: 'x', g: { h: 'y' } });
  });
});

describe('check() on a complete body with an emptied optional field', () => {
  it('passes: the empty field counts as absent', () => {
    const check = REQUEST_DEFINITIONS.mla_subscriber.check({ ...MLA_SUBSCRIBER_BODY, previousMla: { date: '' } });
    expect(check.missing).toEqual([]);
    expect(check.ok).toBe(true);
  });
});
