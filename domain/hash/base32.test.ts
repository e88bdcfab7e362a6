import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './bytes.ts';
import { decodeBase32, encodeBase32 } from './base32.ts';

describe('base32 (RFC 4648, unpadded, lower case)', () => {
  // RFC 4648 §10 vectors, lower-cased and without '=' padding as onion addresses use them.
  it.each([
    ['', ''],
    ['f', 'my'],
    ['fo', 'mzxq'],
    ['foo', 'mzxw6'],
    ['foob', 'mzxw6yq'],
    ['fooba', 'mzxw6ytb'],
    ['foobar', 'mzxw6ytboi'],
  ])('encodes %j as %j', (text, encoded) => {
    expect(encodeBase32(utf8Bytes(text))).toBe(encoded);
    expect(decodeBase32(encoded)).toEqual(utf8Bytes(text));
    expect(decodeBase32(encoded.toUpperCase())).toEqual(utf8Bytes(text));
  });

  it('refuses characters outside the alphabet and non-zero trailing bits', () => {
    expect(decodeBase32('my1')).toBeUndefined();
    expect(decodeBase32('m0')).toBeUndefined();
    expect(decodeBase32('mz')).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });
});
