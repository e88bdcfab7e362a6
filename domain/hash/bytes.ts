/**
 * Byte helpers shared by the hash and address codecs. They use only `TextEncoder` and typed arrays
 * so the same code runs in Node and in the browser (domain/ has no Node-only dependency).
 */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string: every hash here is defined over bytes, never over JS strings. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Lower-case hex, the form in which published test vectors and Monero payment IDs are written. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Parses even-length hex (either case); throws on anything else because callers pass constants. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('invalid hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Joins byte arrays, for building "prefix | payload | checksum" layouts. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Byte-wise equality; not constant-time, which is fine because the checksums compared are public. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
