import type { User } from './repository.ts';

// Site roles and the one-line policies on them. Centre roles (administrator, member of a centre)
// are the centres module's; these say who may use the back office.

export const siteRoles = ['member', 'policy', 'editor', 'admin'] as const;
export type SiteRole = (typeof siteRoles)[number];

/** Editors keep content alive; administrators do that and manage people, settings and certificates. */
export const isEditor = (user: Pick<User, 'role'>) => user.role === 'editor' || user.role === 'admin';
export const isAdmin = (user: User) => user.role === 'admin';
/** Policy readers (policy makers) read the results across centres and their exports, and nothing else of the back office; administrators too. */
export const isPolicyReader = (user: User) => user.role === 'policy' || user.role === 'admin';
