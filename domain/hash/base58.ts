/**
 * Base58 as Bitcoin uses it (whole-number encoding, base58check with a double-SHA-256 checksum)
 * and as Monero uses it (the same alphabet applied to 8-byte blocks, so every address of a given
 * layout has the same length). Pure TypeScript so domain/ runs in the browser too.
 */
import { concatBytes, equalBytes } from './bytes.ts';
import { sha256 } from './sha256.ts';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Encodes bytes as Bitcoin base58: each leading zero byte becomes a leading '1'. */
export function encodeBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Repeated division of the big-endian number by 58, digits kept little-endian.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] as number;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] as number) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i] as number];
  return out;
}

/** Decodes Bitcoin base58; undefined when a character is outside the alphabet (0, O, I, l…). */
export function decodeBase58(text: string): Uint8Array | undefined {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const value = ALPHABET.indexOf(text.charAt(i));
    if (value < 0) return undefined;
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i] as number;
  return out;
}

/** The base58check checksum: the first 4 bytes of SHA-256(SHA-256(payload)). */
function checksum4(payload: Uint8Array): Uint8Array {
  return sha256(sha256(payload)).subarray(0, 4);
}

/** Encodes payload + checksum in base58 (used by tests to build addresses from random hashes). */
export function encodeBase58Check(payload: Uint8Array): string {
  return encodeBase58(concatBytes(payload, checksum4(payload)));
}

/** Decodes base58check; undefined when the text is not base58 or the 4-byte checksum fails. */
export function decodeBase58Check(text: string): Uint8Array | undefined {
  const bytes = decodeBase58(text);
  if (bytes === undefined || bytes.length < 4) return undefined;
  const payload = bytes.subarray(0, bytes.length - 4);
  return equalBytes(checksum4(payload), bytes.subarray(bytes.length - 4)) ? payload : undefined;
}

// Monero encodes 8-byte blocks as 11 characters; a final block of n bytes takes this many characters.
const MONERO_BLOCK_CHARS = [0, 2, 3, 5, 6, 7, 9, 10, 11];
const MONERO_FULL_BLOCK = 8;
const MONERO_FULL_CHARS = 11;

/** Encodes bytes with Monero's block-wise base58 (fixed width per block, zero-padded with '1'). */
export function encodeMoneroBase58(bytes: Uint8Array): string {
  let out = '';
  for (let offset = 0; offset < bytes.length; offset += MONERO_FULL_BLOCK) {
    const block = bytes.subarray(offset, offset + MONERO_FULL_BLOCK);
    // A block is at most 64 bits: BigInt keeps the arithmetic exact.
    let value = 0n;
    for (const b of block) value = (value << 8n) | BigInt(b);
    let chars = '';
    const width = MONERO_BLOCK_CHARS[block.length] as number;
    for (let i = 0; i < width; i++) {
      chars = ALPHABET.charAt(Number(value % 58n)) + chars;
      value /= 58n;
    }
    out += chars;
  }
  return out;
}

/**
 * Decodes Monero block-wise base58. Undefined on a bad character, an impossible final block
 * length, or a block whose value overflows its byte size (a corrupted address, not a variant).
 */
export function decodeMoneroBase58(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let offset = 0; offset < text.length; offset += MONERO_FULL_CHARS) {
    const chunk = text.slice(offset, offset + MONERO_FULL_CHARS);
    const size = MONERO_BLOCK_CHARS.indexOf(chunk.length);
    if (size <= 0) return undefined;
    let value = 0n;
    for (const ch of chunk) {
      const digit = ALPHABET.indexOf(ch);
      if (digit < 0) return undefined;
      value = value * 58n + BigInt(digit);
    }
    if (value >> BigInt(8 * size) !== 0n) return undefined;
    for (let i = size - 1; i >= 0; i--) out.push(Number((value >> BigInt(8 * i)) & 0xffn));
  }
  return Uint8Array.from(out);
}
