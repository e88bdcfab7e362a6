import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8Bytes } from './bytes.ts';
import { decodeBase58, decodeBase58Check, decodeMoneroBase58, encodeBase58, encodeBase58Check, encodeMoneroBase58 } from './base58.ts';

describe('Bitcoin base58', () => {
  it.each([
    ['', ''],
    ['00', '1'],
    ['0000', '11'],
    [bytesToHex(utf8Bytes('Hello World!')), '2NEpo7TZRRrLZSi2U'],
    // The worked example of the Bitcoin wiki ("Technical background of version 1 Bitcoin addresses").
    ['00010966776006953d5567439e5e39f86a0d273beed61967f6', '16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM'],
  ])('encodes %s as %j', (hex, encoded) => {
    expect(encodeBase58(hexToBytes(hex))).toBe(encoded);
    expect(bytesToHex(decodeBase58(encoded) ?? new Uint8Array([0xde, 0xad]))).toBe(hex);
  });

  it('refuses characters base58 leaves out', () => {
    for (const text of ['0', 'O', 'I', 'l', '1+']) expect(decodeBase58(text)).toBeUndefined();
  });

  it('checks the base58check checksum', () => {
    const payload = decodeBase58Check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');
    expect(payload?.length).toBe(21);
    expect(payload?.[0]).toBe(0);
    expect(decodeBase58Check('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3')).toBeUndefined();
  });

  it('round-trips any bytes, leading zeros included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(decodeBase58(encodeBase58(bytes))).toEqual(bytes);
        expect(decodeBase58Check(encodeBase58Check(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('Monero block-wise base58', () => {
  it.each([
    ['ff', '5Q'],
    ['0000000000000000', '11111111111'],
    ['ffffffffffffffff', 'jpXCZedGfVQ'],
  ])('encodes %s as %j', (hex, encoded) => {
    expect(encodeMoneroBase58(hexToBytes(hex))).toBe(encoded);
    expect(bytesToHex(decodeMoneroBase58(encoded) ?? new Uint8Array(0))).toBe(hex);
  });

  it('keeps a fixed width per block, so leading zeros are not collapsed', () => {
    expect(encodeMoneroBase58(new Uint8Array(9))).toBe('1'.repeat(11 + 2));
  });

  it('refuses impossible block lengths and overflowing blocks', () => {
    expect(decodeMoneroBase58('1')).toBeUndefined();
    expect(decodeMoneroBase58('1111')).toBeUndefined();
    // 58^11 − 1 is more than 2^64 − 1: no 8-byte block encodes to this.
    expect(decodeMoneroBase58('zzzzzzzzzzz')).toBeUndefined();
    expect(decodeMoneroBase58('1111111111O')).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(decodeMoneroBase58(encodeMoneroBase58(bytes))).toEqual(bytes);
      }),
    );
  });
});
