import type { NavEntry } from './feature.ts';
import type { Auth } from './http/types.ts';
import { can } from './policies.ts';

export interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

/**
 * The service navigation for the signed-in user: every feature's entries the user has the
 * permission for, in order, the one for the current page marked active.
 */
export function navigationFor(auth: Auth | null, currentPath: string, entries: readonly NavEntry[]): NavItem[] {
  if (!auth || auth.stage !== 'full') return [];
  return entries
    .filter((entry) => can(auth, entry.permission))
    .toSorted((a, b) => a.order - b.order)
    .map((entry) => ({
      href: entry.href,
      text: entry.text,
      active:
        entry.href === '/' ? currentPath === '/' : currentPath === entry.href || currentPath.startsWith(entry.prefix ?? `${entry.href}/`),
    }));
}
