/**
 * Keccak-f[1600] and the two 256-bit sponges built on it, in plain TypeScript so domain/ runs in
 * the browser too. They differ only in the padding byte, and the difference matters:
 * - SHA3-256 (FIPS 202, domain byte 0x06) checks Tor v3 onion addresses;
 * - Keccak-256 (the original submission, byte 0x01) is what Ethereum (EIP-55) and Monero use.
 */

const ROUNDS = 24;

/**
 * Round constants and rotation offsets are derived as FIPS 202 §3.2 defines them (an LFSR and a
 * walk over the lanes) rather than typed in, so there is no table to mistype; the published test
 * vectors in sha3.test.ts check the result.
 */
function roundConstantBit(t: number): number {
  // rc(t) of FIPS 202 Algorithm 5: LFSR with polynomial x^8 + x^6 + x^5 + x^4 + 1.
  let r = 1;
  for (let i = 0; i < t % 255; i++) {
    r <<= 1;
    if (r & 0x100) r ^= 0x171;
  }
  return r & 1;
}

// Each 64-bit lane is held as two 32-bit halves (lo, hi) because JS bitwise operators are 32-bit.
const RC_LO = new Uint32Array(ROUNDS);
const RC_HI = new Uint32Array(ROUNDS);
for (let round = 0; round < ROUNDS; round++) {
  let lo = 0;
  let hi = 0;
  for (let j = 0; j <= 6; j++) {
    if (roundConstantBit(j + 7 * round) === 0) continue;
    const bit = 2 ** j - 1;
    if (bit < 32) lo |= 1 << bit;
    else hi |= 1 << (bit - 32);
  }
  RC_LO[round] = lo >>> 0;
  RC_HI[round] = hi >>> 0;
}

// ROTATION[x + 5y] is the ρ offset of lane (x, y) (FIPS 202 Algorithm 2).
const ROTATION = new Uint8Array(25);
{
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    ROTATION[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
}

/** Reads lane half `i` of the state; the indices are always in range, the cast only satisfies the type checker. */
function at(a: ArrayLike<number>, i: number): number {
  return a[i] as number;
}

/** Rotates the 64-bit value (lo, hi) left by n and writes it at lane `dest` of `out`. */
function rotateInto(out: Uint32Array, dest: number, lo: number, hi: number, n: number): void {
  let rlo: number;
  let rhi: number;
  if (n === 0) {
    rlo = lo;
    rhi = hi;
  } else if (n < 32) {
    rlo = (lo << n) | (hi >>> (32 - n));
    rhi = (hi << n) | (lo >>> (32 - n));
  } else if (n === 32) {
    rlo = hi;
    rhi = lo;
  } else {
    const m = n - 32;
    rlo = (hi << m) | (lo >>> (32 - m));
    rhi = (lo << m) | (hi >>> (32 - m));
  }
  out[2 * dest] = rlo >>> 0;
  out[2 * dest + 1] = rhi >>> 0;
}

/** The Keccak-f[1600] permutation over 25 lanes stored as 50 32-bit words (lo, hi per lane). */
function keccakF1600(state: Uint32Array): void {
  const c = new Uint32Array(10);
  const b = new Uint32Array(50);
  for (let round = 0; round < ROUNDS; round++) {
    // θ: XOR each lane with the parities of two neighbouring columns.
    for (let x = 0; x < 5; x++) {
      let lo = 0;
      let hi = 0;
      for (let y = 0; y < 5; y++) {
        lo ^= at(state, 2 * (x + 5 * y));
        hi ^= at(state, 2 * (x + 5 * y) + 1);
      }
      c[2 * x] = lo;
      c[2 * x + 1] = hi;
    }
    for (let x = 0; x < 5; x++) {
      const prev = (x + 4) % 5;
      const next = (x + 1) % 5;
      const nlo = at(c, 2 * next);
      const nhi = at(c, 2 * next + 1);
      // D[x] = C[x-1] ^ rot(C[x+1], 1)
      const dlo = at(c, 2 * prev) ^ ((nlo << 1) | (nhi >>> 31));
      const dhi = at(c, 2 * prev + 1) ^ ((nhi << 1) | (nlo >>> 31));
      for (let y = 0; y < 5; y++) {
        const i = 2 * (x + 5 * y);
        state[i] = at(state, i) ^ dlo;
        state[i + 1] = at(state, i + 1) ^ dhi;
      }
    }
    // ρ and π: B[y, 2x + 3y] = rot(A[x, y], r[x, y]).
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const src = x + 5 * y;
        const dest = y + 5 * ((2 * x + 3 * y) % 5);
        rotateInto(b, dest, at(state, 2 * src), at(state, 2 * src + 1), at(ROTATION, src));
      }
    }
    // χ: A[x, y] = B[x, y] ^ (~B[x+1, y] & B[x+2, y]).
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) {
        const i = 2 * (x + 5 * y);
        const i1 = 2 * (((x + 1) % 5) + 5 * y);
        const i2 = 2 * (((x + 2) % 5) + 5 * y);
        state[i] = at(b, i) ^ (~at(b, i1) & at(b, i2));
        state[i + 1] = at(b, i + 1) ^ (~at(b, i1 + 1) & at(b, i2 + 1));
      }
    }
    // ι
    state[0] = at(state, 0) ^ at(RC_LO, round);
    state[1] = at(state, 1) ^ at(RC_HI, round);
  }
}

/** XORs one rate-sized block into the state, lanes little-endian as the standard specifies. */
function absorbBlock(state: Uint32Array, block: Uint8Array, offset: number, rate: number): void {
  for (let i = 0; i < rate; i += 4) {
    const word =
      (block[offset + i] as number) |
      ((block[offset + i + 1] as number) << 8) |
      ((block[offset + i + 2] as number) << 16) |
      ((block[offset + i + 3] as number) << 24);
    state[i >> 2] = at(state, i >> 2) ^ word;
  }
}

/** A sponge with a 256-bit output (rate 136 bytes); `domainByte` is the first padding byte. */
function sponge256(message: Uint8Array, domainByte: number): Uint8Array {
  const rate = 136;
  const state = new Uint32Array(50);
  const fullBlocks = Math.floor(message.length / rate);
  for (let i = 0; i < fullBlocks; i++) {
    absorbBlock(state, message, i * rate, rate);
    keccakF1600(state);
  }
  // Last block: the remaining bytes, the domain byte, zeros, and 0x80 on the final byte
  // (the two may fall on the same byte, hence OR rather than assignment).
  const last = new Uint8Array(rate);
  last.set(message.subarray(fullBlocks * rate));
  last[message.length - fullBlocks * rate] = domainByte;
  last[rate - 1] = (last[rate - 1] as number) | 0x80;
  absorbBlock(state, last, 0, rate);
  keccakF1600(state);

  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (at(state, i >> 2) >>> (8 * (i & 3))) & 0xff;
  return out;
}

/** SHA3-256 (FIPS 202): the hash in the Tor v3 onion address checksum. */
export function sha3_256(message: Uint8Array): Uint8Array {
  return sponge256(message, 0x06);
}

/** Keccak-256 (pre-standard padding): the hash of Ethereum's EIP-55 checksum and Monero addresses. */
export function keccak256(message: Uint8Array): Uint8Array {
  return sponge256(message, 0x01);
}
