/**
 * TOTP secrets are sealed at rest (AES-256-GCM under a key kept outside the database), so a
 * database dump alone does not yield working second factors.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyStore } from '../../adapters/keys.ts';

const PREFIX = 'v1:';

export function sealSecret(keys: KeyStore, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.secret('totp-seal'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens a sealed secret; throws if it was altered or sealed under another key. */
export function openSecret(keys: KeyStore, sealed: string): string {
  if (!sealed.startsWith(PREFIX)) throw new Error('TOTP secret is not sealed');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.secret('totp-seal'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
