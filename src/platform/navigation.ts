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
  const items: { href: string; text: string; prefix?: string }[] = [
    { href: paths.home(), text: 'Home' },
    { href: paths.plans.list(), text: 'Plans' },
    { href: paths.actionPlans.list(), text: 'Action plans' },
  ];
  if (auth.role !== 'viewer') items.push({ href: paths.actions.mine(), text: 'My actions' });
  items.push(
    { href: paths.performance.overview(), text: 'Performance' },
    { href: paths.governance.overview(), text: 'Governance' },
    { href: paths.funding.summary(), text: 'Funding' },
    { href: paths.explore.page(), text: 'Explore data' },
  );
  if (auth.role === 'admin' || auth.role === 'coordinator' || auth.role === 'analyst') items.push({ href: paths.imports.list(), text: 'Import data' });
  // Agencies, users and the audit log are reached from the home page and this one entry.
  if (auth.role === 'admin') items.push({ href: paths.admin.users.list(), text: 'Administration', prefix: '/admin/' });
  items.push({ href: paths.account.show(), text: 'Your account' });
  return items.map((i) => ({
    href: i.href,
    text: i.text,
    active:
      i.href === '/'
        ? currentPath === '/'
        : currentPath === i.href || currentPath.startsWith(i.prefix ?? `${i.href}/`),
  }));
}
