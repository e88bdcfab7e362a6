import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, commonPasswords, hashPassword, verifyPassword } from './passwords.ts';

describe('password policy', () => {
  it('ships at least the 10,000 most common passwords', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
    expect(commonPasswords().has('password')).toBe(true);
  });
  it('requires 12 characters and nothing else about composition', () => {
    expect(checkPasswordPolicy('short pass', 'p')).toEqual([{ path: 'p', message: 'must be at least 12 characters' }]);
    expect(checkPasswordPolicy('all lower case words', 'p')).toEqual([]);
  });
  it('rejects common and breached passwords whatever their case', () => {
    const long = [...commonPasswords()].find((w) => w.length >= 12)!;
    expect(checkPasswordPolicy(long.toUpperCase(), 'p')[0]?.message).toMatch(/too common/);
    expect(checkPasswordPolicy('aaaaaaaaaaaaaa', 'p')[0]?.message).toMatch(/too common/);
  });
  it('rejects a password containing the e-mail name', () => {
    expect(checkPasswordPolicy('Jdupont-is-here-2026', 'p', { email: 'jdupont@police.test' })[0]?.message).toMatch(/e-mail/);
  });
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('plum orchard lantern 47');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'plum orchard lantern 47')).toBe(true);
    expect(await verifyPassword(hash, 'plum orchard lantern 48')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
