import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8Bytes } from './bytes.ts';
import { sha256 } from './sha256.ts';

describe('SHA-256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('matches the FIPS 180 vector for %j', (message, digest) => {
    expect(bytesToHex(sha256(utf8Bytes(message)))).toBe(digest);
  });

  it('matches the one-million-"a" vector', () => {
    expect(bytesToHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  // 55/56 and 63/64 bytes decide whether the length field needs an extra block.
  it.each([0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128])('agrees with node:crypto for %i bytes', (length) => {
    const message = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff);
    expect(bytesToHex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
  });

  it('agrees with node:crypto on random messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (message) => {
        expect(bytesToHex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});
