import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roles, type Role } from './db/schema.ts';
import { AppError } from './errors.ts';
import {
  can,
  DATA_MANAGERS_ONLY,
  isPermission,
  mustBeAllowed,
  NO_PERMISSION,
  permissions,
  SYSTEM_ROLE,
  type Permission,
} from './policies.ts';

/**
 * The whole access policy, as a table kept here by hand: a change to who may do what must change
 * this table too, so it is seen in review. Columns: admin, coordinator, analyst, member, viewer;
 * "dm": only data managers of the role (docs/decisions/0005).
 */
const expected = `
permission            admin coordinator analyst member viewer
home.view             yes   yes         yes     yes    yes
account.manage-own    yes   yes         yes     yes    yes
agencies.manage       yes   -           -       -      -
users.manage          yes   -           -       -      -
users.data-manager    -     -           -       -      -
audit.read            yes   -           -       -      -
plans.read            yes   yes         yes     yes    yes
plans.edit            yes   yes         -       -      -
governance.read       yes   yes         yes     yes    yes
governance.edit       yes   yes         -       -      -
funding.read          yes   yes         yes     yes    yes
funding.edit          yes   yes         -       -      -
action-plans.read     yes   yes         yes     yes    yes
actions.view-mine     yes   yes         yes     yes    -
action-plans.manage   yes   yes         -       -      -
actions.update        yes   yes         -       yes    -
indicators.read       yes   yes         yes     yes    yes
indicators.manage     yes   yes         yes     -      -
performance.read      yes   yes         yes     yes    yes
performance.comment-any yes yes        yes     -      -
performance.comment   yes   yes         yes     yes    -
explore.read          yes   yes         yes     yes    yes
imports.read          yes   yes         yes     -      -
imports.upload        dm    dm          dm      -      -
service-usage.manage  yes   yes         yes     -      -
`;

/** yes: the role has it; dm: only a data manager of the role has it; -: the role does not have it. */
function cell(role: Role, permission: Permission): string {
  if (can({ role }, permission)) return 'yes';
  return can({ role, dataManager: true }, permission) ? 'dm' : '-';
}

/** The policy as the same table. */
function table(): string {
  const width = Math.max(...permissions.map((p) => p.length), 'permission'.length) + 2;
  const header = `${'permission'.padEnd(width)}${roles.map((r, i) => (i < roles.length - 1 ? r.padEnd(r.length + 1) : r)).join('')}`;
  const rows = permissions.map((p) =>
    `${p.padEnd(width)}${roles.map((r, i) => cell(r, p).padEnd(i < roles.length - 1 ? r.length + 1 : 0)).join('')}`.trimEnd(),
  );
  return [header, ...rows].join('\n');
}

describe('access policy', () => {
  test('the role x permission table is exactly the one kept in this test', () => {
    const actual = table();
    console.log(actual);
    const normalise = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/).join(' '));
    assert.deepEqual(normalise(actual), normalise(expected));
  });

  test('the operator (the command line, the demo loader) has every permission; no user role is the operator', () => {
    for (const p of permissions) {
      assert.equal(can({ role: SYSTEM_ROLE }, p), true, p);
      assert.equal(can({ role: SYSTEM_ROLE, dataManager: false }, p), true, p);
    }
    assert.ok(!(roles as readonly string[]).includes(SYSTEM_ROLE));
  });

  test('mustBeAllowed() refuses with 403 what can() refuses, saying why, and lets through what it allows', () => {
    const refused = (subject: Parameters<typeof mustBeAllowed>[0], permission: Permission) => {
      try {
        mustBeAllowed(subject, permission);
        return null;
      } catch (error) {
        assert.ok(error instanceof AppError);
        return [error.status, error.message];
      }
    };
    assert.deepEqual(refused({ role: 'viewer' }, 'plans.edit'), [403, NO_PERMISSION]);
    assert.deepEqual(refused({ role: 'analyst' }, 'imports.upload'), [403, DATA_MANAGERS_ONLY]);
    assert.equal(refused({ role: 'analyst', dataManager: true }, 'imports.upload'), null);
    assert.equal(refused({ role: 'coordinator' }, 'plans.edit'), null);
    assert.equal(refused({ role: SYSTEM_ROLE }, 'users.data-manager'), null);
    assert.deepEqual(refused({ role: 'admin', dataManager: true }, 'users.data-manager'), [403, NO_PERMISSION]);
  });

  test('nobody has a permission when nobody is signed in, and unknown names are not permissions', () => {
    for (const p of permissions) assert.equal(can(null, p), false, p);
    assert.equal(isPermission('plans.edit'), true);
    assert.equal(isPermission('constructor'), false);
    assert.equal(isPermission('plans.delete-everything'), false);
  });
});
