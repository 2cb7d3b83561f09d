import type { Database, Trx } from './db/database.ts';
import { roles, type Role } from './db/schema.ts';
import { forbidden } from './errors.ts';

/**
 * The one access policy: what each role may do, by named permission. Routes declare the permission
 * they need (`config: { access: 'plans.edit' }`), templates show or hide buttons with `can()`, and
 * services check it again before they change anything (mustBeAllowed()). Nothing else in Safer knows
 * which roles may do what. Record-level rules (a member may update only the actions they lead; a case only for its
 * conference's members) build on these in the services, behind row-level security.
 *
 * The whole role x permission table is printed and checked by policies.test.ts: a change here is a
 * change to that table too.
 */

const everyone = roles;
const managers = ['admin', 'coordinator'] as const satisfies readonly Role[];
const dataPeople = ['admin', 'coordinator', 'analyst'] as const satisfies readonly Role[];
const contributors = ['admin', 'coordinator', 'analyst', 'member'] as const satisfies readonly Role[];
const admins = ['admin'] as const satisfies readonly Role[];
/** No user: what only the operator may do (SYSTEM_ROLE has every permission). */
const nobody = [] as const satisfies readonly Role[];

/** Why someone who is not a data manager may not change the shared open data (docs/decisions/0005). */
export const DATA_MANAGERS_ONLY =
  'Only a data manager can import police.uk data. It is shared by every partnership in Safer, so a change to it changes ' +
  'the figures other partnerships see. Ask the people who run Safer for your area to make you a data manager if you need to.';

/**
 * Who has a permission: the roles, and for a few permissions only those of them who also hold a
 * deployment-level grant (a data manager, made from the command line: docs/decisions/0005).
 */
type Grant = readonly Role[] | { roles: readonly Role[]; only: 'dataManager'; why: string };

const grants = {
  /** The home page and the search box. */
  'home.view': everyone,
  /** Your own password, recovery codes and account details. */
  'account.manage-own': everyone,
  'agencies.manage': admins,
  'users.manage': admins,
  /** Making a user a data manager, or no longer one: the operator only, from the command line (docs/decisions/0005). */
  'users.data-manager': nobody,
  'audit.read': admins,
  'plans.read': everyone,
  /** Plans, priorities, themes, sections, alignment, glossary and survey results. */
  'plans.edit': managers,
  'governance.read': everyone,
  /** Bodies, members, meetings, agendas, attendance and decisions. */
  'governance.edit': managers,
  'funding.read': everyone,
  'funding.edit': managers,
  'action-plans.read': everyone,
  /** The "My actions" list: actions the user leads or may update. */
  'actions.view-mine': contributors,
  /** Action plans, actions, their approval and equality analyses. */
  'action-plans.manage': managers,
  /** Progress updates and milestones of actions the user may update (see action-rules.ts). */
  'actions.update': ['admin', 'coordinator', 'member'],
  'indicators.read': everyone,
  /** Indicators, their targets and values, and the harm weights. */
  'indicators.manage': dataPeople,
  'performance.read': everyone,
  /** Commentary on the performance of any priority. */
  'performance.comment-any': dataPeople,
  /** Commentary on a priority's performance, for a member only where they lead one of its actions. */
  'performance.comment': contributors,
  'explore.read': everyone,
  /** The list of data imports and their results. */
  'imports.read': dataPeople,
  /** Uploading police.uk files: shared open data, so data managers only (docs/decisions/0005). */
  'imports.upload': {
    roles: dataPeople,
    only: 'dataManager',
    why: DATA_MANAGERS_ONLY,
  },
  /** The partnership's own service-usage datasets. */
  'service-usage.manage': dataPeople,
} as const satisfies Record<string, Grant>;

export type Permission = keyof typeof grants;

/** Every permission, in the order of the table above. */
export const permissions = Object.keys(grants) as Permission[];

export const isPermission = (value: string): value is Permission => Object.hasOwn(grants, value);

/**
 * The operator's role: the command line and the demo loader, run by whoever runs Safer, act with
 * every permission (they are already trusted with the database itself). No user has it: it is not a
 * role of the users table, and a request's actor always has its user's role.
 */
export const SYSTEM_ROLE = 'system';

/** Whoever a permission is asked for: a signed-in user, or an actor with a role (or the operator's). */
export interface Subject {
  role: Role | typeof SYSTEM_ROLE;
  /** A data manager may change the shared open data (docs/decisions/0005). */
  dataManager?: boolean;
}

/** What someone refused a permission is told when nothing more particular applies. */
export const NO_PERMISSION = 'You do not have permission to do this. If you think you should, ask your partnership administrator.';

const rolesOf = (grant: Grant): readonly Role[] => ('roles' in grant ? grant.roles : grant);

/** The roles that have a permission (those of them who also need a grant, such as data managers, included). */
export function rolesWith(permission: Permission): readonly Role[] {
  return rolesOf(grants[permission]);
}

/**
 * What to tell someone refused a permission that their role has but they lack a grant for (a data
 * manager's, say), or undefined for the usual "You do not have permission" page.
 */
export function refusalOf(subject: Subject, permission: Permission): string | undefined {
  const grant: Grant = grants[permission];
  return 'only' in grant && subject.role !== SYSTEM_ROLE && grant.roles.includes(subject.role) ? grant.why : undefined;
}

/** Whether the subject (a signed-in user, the operator, or nobody) has the permission. The operator has every one. */
export function can(subject: Subject | null | undefined, permission: Permission): boolean {
  if (!subject) return false;
  if (subject.role === SYSTEM_ROLE) return true;
  const grant: Grant = grants[permission];
  if ('only' in grant && !subject.dataManager) return false;
  return rolesOf(grant).includes(subject.role);
}

/**
 * What a service calls before it changes anything: FORBIDDEN (403) unless the subject has the
 * permission, the same one its route declares, with the message given, the policy's reason (a data
 * manager's grant) or NO_PERMISSION.
 */
export function mustBeAllowed(subject: Subject, permission: Permission, message?: string): void {
  if (!can(subject, permission)) throw forbidden(message ?? refusalOf(subject, permission) ?? NO_PERMISSION);
}

/**
 * A service's way to change its partnership's data: a tenant transaction (Database.tenant()) that
 * runs only for an actor with the permission, and is refused as mustBeAllowed() refuses otherwise.
 *
 *   const edit = tenantIfAllowed(db, 'plans.edit');
 *   create: (actor, input) => edit(actor, async (trx) => ...)
 */
export function tenantIfAllowed(db: Database, permission: Permission, message?: string) {
  return async <T>(actor: Subject & { partnershipId: number }, fn: (trx: Trx) => Promise<T>): Promise<T> => {
    mustBeAllowed(actor, permission, message);
    return db.tenant(actor.partnershipId, fn);
  };
}
