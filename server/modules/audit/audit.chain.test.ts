import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical.ts';
import { chainHash, GENESIS_HASH, verifyRun, type ChainedFields, type StoredEvent } from './audit.chain.ts';

function chain(n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), actorId: 'u1', actorLabel: 'a@b.test',
      organisationId: 'o1', action: 'user.create', targetType: 'user', targetId: `t${seq}`, outcome: 'success',
      ip: '127.0.0.1', userAgent: 'test', justification: null, details: { n: seq },
    };
    const hash = chainHash(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('is independent of key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
  it('sorts nested keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('verifyRun', () => {
  const start = { seq: 0, hash: GENESIS_HASH };
  it('accepts an intact chain', () => {
    expect(verifyRun(chain(20), start).broken).toBeNull();
  });
  it('names an altered event', () => {
    const events = chain(10);
    events[4] = { ...events[4]!, actorLabel: 'someone.else@b.test' };
    expect(verifyRun(events, start).broken).toMatchObject({ seq: 5, reason: expect.stringMatching(/altered/) });
  });
  it('names a gap where an event was deleted', () => {
    const events = chain(10);
    events.splice(3, 1);
    expect(verifyRun(events, start).broken?.seq).toBe(5);
  });
  it('detects reordering', () => {
    const events = chain(10);
    [events[2], events[3]] = [events[3]!, events[2]!];
    expect(verifyRun(events, start).broken?.seq).toBe(4);
  });
  it('detects any single changed character in any field (property)', () => {
    const events = chain(5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.constantFrom('actorLabel', 'action', 'targetId', 'occurredAt', 'ip') as fc.Arbitrary<'actorLabel'>, fc.integer({ min: 0, max: 5 }), (i, field, pos) => {
        const copy = events.map((e) => ({ ...e }));
        const value = copy[i]![field];
        const p = pos % value.length;
        copy[i]![field] = value.slice(0, p) + (value[p] === 'x' ? 'y' : 'x') + value.slice(p + 1);
        expect(verifyRun(copy, start).broken?.seq).toBe(i + 1);
      }),
    );
  });
});
