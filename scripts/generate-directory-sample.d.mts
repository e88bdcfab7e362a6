/** Types of scripts/generate-directory-sample.mjs for the TypeScript benchmarks. */
import type { AuthorityInput, ProviderInput } from '../domain/directory.ts';

export interface GeneratedDirectory {
  authorities: AuthorityInput[];
  providers: ProviderInput[];
}

/** Deterministic synthetic directory (all rows `fictitious: true`). */
export function generateDirectory(options?: { authorities?: number; providers?: number; seed?: number }): GeneratedDirectory;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function prng(seed: number): () => number;
