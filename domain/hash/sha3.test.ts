import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8Bytes } from './bytes.ts';
import { keccak256, sha3_256 } from './sha3.ts';

const hex = (bytes: Uint8Array): string => bytesToHex(bytes);

describe('SHA3-256', () => {
  it.each([
    ['', 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a'],
    ['abc', '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532'],
  ])('matches the FIPS 202 vector for %j', (message, digest) => {
    expect(hex(sha3_256(utf8Bytes(message)))).toBe(digest);
  });

  // Lengths around the 136-byte rate are where padding bugs hide (the pad bytes share a byte at 135).
  it.each([0, 1, 134, 135, 136, 137, 271, 272, 273, 1000])('agrees with node:crypto for %i bytes', (length) => {
    const message = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff);
    expect(hex(sha3_256(message))).toBe(createHash('sha3-256').update(message).digest('hex'));
  });

  it('agrees with node:crypto on random messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (message) => {
        expect(hex(sha3_256(message))).toBe(createHash('sha3-256').update(message).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('Keccak-256', () => {
  it.each([
    ['', 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'],
    ['abc', '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'],
    ['The quick brown fox jumps over the lazy dog', '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15'],
  ])('matches the published vector for %j', (message, digest) => {
    expect(hex(keccak256(utf8Bytes(message)))).toBe(digest);
  });

  it('differs from SHA3-256 (padding byte 0x01, not 0x06)', () => {
    expect(hex(keccak256(new Uint8Array(0)))).not.toBe(hex(sha3_256(new Uint8Array(0))));
  });

  it('handles messages longer than one block', () => {
    // Two calls over the same multi-block input agree, and a one-byte change changes the digest.
    const message = Uint8Array.from({ length: 500 }, (_, i) => i & 0xff);
    const changed = message.slice();
    changed[499] = 0;
    expect(hex(keccak256(message))).toBe(hex(keccak256(message.slice())));
    expect(hex(keccak256(changed))).not.toBe(hex(keccak256(message)));
  });
});
