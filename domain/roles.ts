import { z } from 'zod';

/** The roles an agency assigns to its users (docs/ARCHITECTURE.md, "Security model"). */
export const ROLES = [
  'admin',
  'coordinator',
  'investigator',
  'prosecutor',
  'contact_point',
  'central_authority',
  'trainer',
  'auditor',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Every action the policy module knows. Capabilities added by later issues extend this list,
 * and the table below says which roles hold each one; nothing else grants a permission.
 */
export const PERMISSIONS = [
  'user.read',
  'user.manage',
  'audit.read',
  'audit.export',
  'organisation.read',
  'directory.read',
  'directory.manage',
  'case.read',
  'case.write',
  'training.read',
  'training.manage',
  'event.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The roles that work on cases. */
export const CASE_ROLES: readonly Role[] = ['investigator', 'prosecutor', 'contact_point', 'central_authority'];

/** Least privilege: each permission lists exactly the roles that hold it. */
export const PERMISSION_ROLES: Record<Permission, readonly Role[]> = {
  'user.read': ['admin', 'coordinator'],
  'user.manage': ['admin'],
  'audit.read': ['auditor', 'admin'],
  'audit.export': ['auditor', 'admin'],
  'organisation.read': ROLES,
  // The directory and the route advisor are reference data every role consults.
  'directory.read': ROLES,
  // "Coordinators edit; everyone else reads" (issue 3).
  'directory.manage': ['coordinator'],
  // Case work belongs to the people who investigate, prosecute and handle requests; within it,
  // need-to-know (the case team and their supervisors) decides which cases they see.
  // Administrators, coordinators, trainers and auditors see no case content.
  'case.read': CASE_ROLES,
  'case.write': CASE_ROLES,
  // The training catalogue is shared by the whole instance: everyone reads it; trainers keep
  // their organisation's entries (issue 5, "trainers edit, all users read").
  'training.read': ROLES,
  'training.manage': ['trainer'],
  // Trainers organise webinars and conferences for their organisation (issue 5).
  'event.manage': ['trainer'],
};

/** The permissions a set of roles grants, sorted; used by the server and sent to the UI. */
export function permissionsFor(roles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((permission) =>
    PERMISSION_ROLES[permission].some((role) => roles.includes(role)),
  );
}
