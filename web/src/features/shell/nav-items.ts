/** The app's sections, as the navigation lists them and the router mounts them. */
import type { Permission } from '../../../../domain/roles.ts';

/** Sections that exist in the menu but are still being built (see `PlaceholderPage`). */
export const UPCOMING_SECTIONS = ['cases', 'requests', 'directory', 'training', 'statistics'] as const;
/** One of {@link UPCOMING_SECTIONS}. */
export type UpcomingSection = (typeof UPCOMING_SECTIONS)[number];

/** An administration page and the permission that lists it in the menu. */
export interface AdminNavItem {
  key: 'users' | 'audit';
  path: string;
  permission: Permission;
}

/** Administration pages, each shown only to holders of its permission. */
export const ADMIN_NAV_ITEMS: readonly AdminNavItem[] = [
  { key: 'users', path: '/admin/users', permission: 'user.read' },
  { key: 'audit', path: '/admin/audit', permission: 'audit.read' },
];
