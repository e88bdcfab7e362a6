/** The app's sections, as the navigation lists them and the router mounts them. */
import type { Permission } from '../../../../domain/roles.ts';

/** Sections that exist in the menu but are still being built (see `PlaceholderPage`). */
export const UPCOMING_SECTIONS = ['statistics'] as const;
/** One of {@link UPCOMING_SECTIONS}. */
export type UpcomingSection = (typeof UPCOMING_SECTIONS)[number];

/** A working section of the menu. */
export interface WorkNavItem {
  key: UpcomingSection | 'cases' | 'requests' | 'directory' | 'routes' | 'training' | 'events';
  path: string;
  /** Listed only for holders of this permission (everyone when absent). */
  permission?: Permission;
  /** Other pages that belong to the section (its item shows as current there too). */
  alsoActiveUnder?: readonly string[];
}

/** The working sections, in menu order. */
export const WORK_NAV_ITEMS: readonly WorkNavItem[] = [
  { key: 'cases', path: '/cases', permission: 'case.read' },
  { key: 'requests', path: '/requests', permission: 'case.read' },
  { key: 'directory', path: '/directory', alsoActiveUnder: ['/countries', '/providers'] },
  { key: 'routes', path: '/routes' },
  { key: 'training', path: '/training', permission: 'training.read' },
  { key: 'events', path: '/events', permission: 'event.manage' },
  { key: 'statistics', path: '/statistics' },
];

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
