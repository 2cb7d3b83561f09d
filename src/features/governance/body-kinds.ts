import { bodyKinds, memberRoles, type BodyKind, type MemberRole } from '../../platform/db/schema.ts';

/** What the kinds of body and members' roles (listed in the schema, as the database checks them) are called. */

export const isBodyKind = (value: string): value is BodyKind => (bodyKinds as readonly string[]).includes(value);

export const bodyKindNames: Record<BodyKind, { one: string; many: string }> = {
  executive_group: { one: 'Executive group', many: 'Executive groups' },
  scrutiny_committee: { one: 'Scrutiny committee', many: 'Scrutiny committees' },
  partnership: { one: 'Partnership', many: 'Partnerships' },
  sub_group: { one: 'Sub-group', many: 'Sub-groups' },
  working_group: { one: 'Working group', many: 'Working groups' },
  linked_board: { one: 'Linked board', many: 'Linked boards' },
};

/** The tier of the structure diagram each kind sits in, top (0) to bottom (3). */
export const bodyKindTier: Record<BodyKind, number> = {
  executive_group: 0,
  scrutiny_committee: 0,
  partnership: 1,
  sub_group: 2,
  working_group: 3,
  linked_board: 3,
};

export const memberRoleNames: Record<MemberRole, string> = {
  chair: 'Chair',
  co_chair: 'Co-chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  secretary: 'Secretary',
  adviser: 'Adviser',
};

export const kindName = (kind: string): string => (isBodyKind(kind) ? bodyKindNames[kind].one : kind);
export const roleName = (role: string): string =>
  (memberRoles as readonly string[]).includes(role) ? memberRoleNames[role as MemberRole] : role;
