import { describe, expect, it } from 'vitest';
import { PERMISSIONS, PERMISSION_ROLES, permissionsFor, ROLES } from './roles.ts';

describe('roles and permissions', () => {
  it('gives user management to admins only', () => {
    for (const role of ROLES) expect(permissionsFor([role]).includes('user.manage')).toBe(role === 'admin');
  });
  it('lets auditors read and export the audit log but not manage users', () => {
    expect(permissionsFor(['auditor'])).toEqual(expect.arrayContaining(['audit.read', 'audit.export']));
    expect(permissionsFor(['auditor'])).not.toContain('user.read');
  });
  it('declares roles for every permission', () => {
    for (const p of PERMISSIONS) expect(PERMISSION_ROLES[p].length).toBeGreaterThan(0);
  });
});
