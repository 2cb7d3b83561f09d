import type { Auth } from './http/types.ts';
import { paths } from './paths.ts';

export interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

/** The service navigation for the signed-in user, built here so templates stay simple. */
export function navigationFor(auth: Auth | null, currentPath: string): NavItem[] {
  if (!auth || auth.stage !== 'full') return [];
  const items: { href: string; text: string; prefix?: string }[] = [{ href: paths.home(), text: 'Home' }];
  if (auth.role === 'admin') {
    items.push(
      { href: paths.admin.agencies.list(), text: 'Agencies' },
      { href: paths.admin.users.list(), text: 'Users' },
      { href: paths.admin.audit(), text: 'Audit log' },
    );
  }
  items.push({ href: paths.account.show(), text: 'Your account' });
  return items.map((i) => ({
    href: i.href,
    text: i.text,
    active: i.href === '/' ? currentPath === '/' : currentPath === i.href || currentPath.startsWith(`${i.href}/`),
  }));
}
