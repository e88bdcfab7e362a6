/**
 * Bech32 (BIP-173) and bech32m (BIP-350), the checksummed encodings of Bitcoin segwit v0 and
 * taproot addresses, plus the segwit address rules on top of them. Pure TypeScript for the browser.
 */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** Which checksum constant the string uses: BIP-173 (1) or BIP-350 (0x2bc830a3). */
export type Bech32Variant = 'bech32' | 'bech32m';
const CONSTANT: Record<Bech32Variant, number> = { bech32: 1, bech32m: 0x2bc830a3 };

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i] as number;
  }
  return chk >>> 0;
}

function expandHrp(hrp: string): number[] {
  const high: number[] = [];
  const low: number[] = [];
  for (let i = 0; i < hrp.length; i++) {
    high.push(hrp.charCodeAt(i) >> 5);
    low.push(hrp.charCodeAt(i) & 31);
  }
  return [...high, 0, ...low];
}

/** Encodes a human-readable part and 5-bit words with the chosen checksum, in lower case. */
export function encodeBech32(hrp: string, words: number[], variant: Bech32Variant): string {
  const mod = polymod([...expandHrp(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ CONSTANT[variant];
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

/** A decoded bech32 string: its prefix, data words (checksum removed) and checksum variant. */
export interface Bech32Decoded {
  hrp: string;
  words: number[];
  variant: Bech32Variant;
}

/**
 * Decodes a bech32 or bech32m string (BIP-173 rules: ≤ 90 characters, printable ASCII prefix,
 * not mixed case). Undefined when any rule or the checksum fails.
 */
export function decodeBech32(text: string): Bech32Decoded | undefined {
  if (text.length > 90) return undefined;
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return undefined;
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, sep);
  for (let i = 0; i < hrp.length; i++) {
    const code = hrp.charCodeAt(i);
    if (code < 33 || code > 126) return undefined;
  }
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const value = CHARSET.indexOf(ch);
    if (value < 0) return undefined;
    data.push(value);
  }
  const check = polymod([...expandHrp(hrp), ...data]);
  const variant = check === CONSTANT.bech32 ? 'bech32' : check === CONSTANT.bech32m ? 'bech32m' : undefined;
  if (variant === undefined) return undefined;
  return { hrp, words: data.slice(0, -6), variant };
}

/** Regroups bits (8→5 to encode, 5→8 to decode); undefined on non-zero or excess padding. */
export function convertBits(data: number[], from: number, to: number, pad: boolean): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxValue = (1 << to) - 1;
  for (const value of data) {
    if (value < 0 || value >> from !== 0) return undefined;
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & maxValue);
    }
    acc &= (1 << bits) - 1;
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxValue);
  } else if (bits >= from || ((acc << (to - bits)) & maxValue) !== 0) {
    return undefined;
  }
  return out;
}

/** A segwit output: witness version 0–16 and its program (a hash or a taproot key). */
export interface SegwitAddress {
  version: number;
  program: Uint8Array;
}

/**
 * Decodes a segwit address for the expected prefix ('bc' on Bitcoin's main network) with the
 * BIP-173/350 rules: v0 uses bech32 and a 20- or 32-byte program, v1+ use bech32m and 2–40 bytes.
 */
export function decodeSegwitAddress(hrp: string, address: string): SegwitAddress | undefined {
  const decoded = decodeBech32(address);
  if (decoded === undefined || decoded.hrp !== hrp || decoded.words.length < 1) return undefined;
  const version = decoded.words[0] as number;
  if (version > 16) return undefined;
  if (decoded.variant !== (version === 0 ? 'bech32' : 'bech32m')) return undefined;
  const program = convertBits(decoded.words.slice(1), 5, 8, false);
  if (program === undefined || program.length < 2 || program.length > 40) return undefined;
  if (version === 0 && program.length !== 20 && program.length !== 32) return undefined;
  return { version, program: Uint8Array.from(program) };
}

/** Encodes a segwit address; used by tests to build addresses from random programs. */
export function encodeSegwitAddress(hrp: string, version: number, program: Uint8Array): string {
  const words = convertBits(Array.from(program), 8, 5, true) ?? [];
  return encodeBech32(hrp, [version, ...words], version === 0 ? 'bech32' : 'bech32m');
}
