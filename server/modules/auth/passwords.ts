/**
 * Password rules after NIST SP 800-63B: length (12+), a check against common and breached
 * passwords, no composition rules, no forced rotation. Hashing is argon2id.
 */
import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { MIN_PASSWORD_LENGTH } from '../../../domain/api.ts';
import type { FieldError } from '../../http/errors.ts';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let common: Set<string> | undefined;

/** The bundled list (data/common-passwords.txt, most common first), loaded once. */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL('../../../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

/** Returns why `password` may not be used, as field errors on `field`; empty when acceptable. */
export function checkPasswordPolicy(password: string, field: string, context: { email?: string } = {}): FieldError[] {
  const lower = password.toLowerCase();
  if (password.length < MIN_PASSWORD_LENGTH)
    return [{ path: field, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(password))
    return [{ path: field, message: 'is too common: it appears in a list of breached passwords' }];
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return [{ path: field, message: 'must not contain your e-mail address' }];
  return [];
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so timing does not reveal whether an account exists. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('liaison-timing-equaliser');
  await verifyPassword(await dummy, password);
}
