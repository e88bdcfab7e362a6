/**
 * RFC 4648 base32 without padding, lower-case alphabet — the encoding of Tor onion addresses.
 * Lives beside the hashes because the onion checksum needs both and domain/ cannot use Node APIs.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Encodes bytes as lower-case unpadded base32 (56 characters for an onion v3 address's 35 bytes). */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes unpadded base32 (either case). Returns undefined on a character outside the alphabet or
 * on non-zero trailing bits, so that two spellings can never decode to the same bytes.
 */
export function decodeBase32(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toLowerCase()) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return Uint8Array.from(out);
}
