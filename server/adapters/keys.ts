/**
 * Instance secrets kept outside the database (so a database dump alone cannot forge audit
 * checkpoints): read from the environment, or from files under <data>/keys created on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The instance's secrets: audit checkpoint signing, sealing TOTP secrets and not-yet-sent e-mail link tokens at rest. */
export type KeyName = 'audit-hmac' | 'totp-seal' | 'mail-link-seal';

export interface KeyStore {
  /** A 256-bit secret by name, stable across restarts. */
  secret(name: KeyName): Buffer;
}

export function fileKeyStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyStore {
  const cache = new Map<string, Buffer>();
  return {
    secret(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      const fromEnv = env[`LIAISON_KEY_${name.toUpperCase().replace(/-/g, '_')}`];
      let key: Buffer;
      if (fromEnv) key = Buffer.from(fromEnv, 'base64');
      else {
        const dir = path.join(dataDir, 'keys');
        const file = path.join(dir, `${name}.key`);
        if (!fs.existsSync(file)) {
          fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
          fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
        }
        key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
      }
      cache.set(name, key);
      return key;
    },
  };
}

/** Keys held in memory only (tests). */
export function memoryKeyStore(): KeyStore {
  const keys = new Map<string, Buffer>();
  return {
    secret(name) {
      let key = keys.get(name);
      if (!key) keys.set(name, (key = randomBytes(32)));
      return key;
    },
  };
}
