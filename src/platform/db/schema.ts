import type { AccountTables } from './schema/accounts.ts';
import type { ActionPlanTables } from './schema/action-plans.ts';
import type { GeographyTables } from './schema/geography.ts';
import type { GovernanceTables } from './schema/governance.ts';
import type { PerformanceTables } from './schema/performance.ts';
import type { PlanTables } from './schema/plans.ts';
import type { PoliceTables } from './schema/police.ts';

export * from './schema/accounts.ts';
export * from './schema/action-plans.ts';
export * from './schema/geography.ts';
export * from './schema/governance.ts';
export * from './schema/performance.ts';
export * from './schema/plans.ts';
export * from './schema/police.ts';

/**
 * Kysely's view of every table and view the migrations make, by area (schema/*.ts). It is checked,
 * not trusted: schema.db.test.ts compares each table, column, type, nullability, default and
 * CHECK-listed values with the database, on PGlite and PostgreSQL, and fails on any difference.
 */
export interface DB
  extends AccountTables, PlanTables, GovernanceTables, ActionPlanTables, PerformanceTables, GeographyTables, PoliceTables {}
