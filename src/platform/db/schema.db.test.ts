import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import ts from 'typescript';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import type { DB } from './schema.ts';

/**
 * schema.ts is checked, not trusted: its DB interface, read with the TypeScript compiler, against
 * the tables and views the migrations make, read from information_schema and pg_constraint. Every
 * table, view and column on either side, each column's type as the database driver gives it (see
 * database.ts), whether it can be null, whether an insert may leave it out, and the values a CHECK
 * of the form `col in (...)` allows must agree.
 */

interface Column {
  /** 'string', 'number', 'boolean', 'Date' or 'json' (jsonb, typed as whatever the code stores), with [] for arrays. */
  type: string;
  nullable: boolean;
  /** Database: it has a default or is an identity. Schema: an insert may leave it out (Generated<>). */
  defaulted: boolean;
  /** The only values a text column may hold, sorted; null for any text. */
  values: string[] | null;
}

interface Table {
  view: boolean;
  columns: Map<string, Column>;
}

type Tables = Map<string, Table>;

const SCHEMA_FILE = fileURLToPath(new URL('./schema.ts', import.meta.url));

/** How each PostgreSQL type comes back from the drivers as database.ts sets them up. */
const READ_AS: Record<string, string> = {
  text: 'string',
  varchar: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'string',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  date: 'string',
  jsonb: 'json',
};

const readAs = (udt: string): string =>
  udt.startsWith('_') ? `${readAs(udt.slice(1))}[]` : (READ_AS[udt] ?? `PostgreSQL type ${udt}, unknown to this test`);

/** A select type in the terms of Column; literal strings give their values. */
function describeType(checker: ts.TypeChecker, type: ts.Type): Pick<Column, 'type' | 'nullable' | 'values'> {
  const members = type.isUnion() ? type.types : [type];
  const nullable = members.some((m) => m.flags & ts.TypeFlags.Null);
  const rest = members.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  const all = (flags: ts.TypeFlags) => rest.length > 0 && rest.every((m) => m.flags & flags);
  if (all(ts.TypeFlags.StringLiteral)) {
    return { type: 'string', nullable, values: rest.map((m) => (m as ts.StringLiteralType).value).sort() };
  }
  const only = rest.length === 1 ? rest[0]! : undefined;
  let described: string;
  if (all(ts.TypeFlags.BooleanLike)) described = 'boolean';
  else if (only && only.flags & ts.TypeFlags.String) described = 'string';
  else if (only && only.flags & ts.TypeFlags.Number) described = 'number';
  else if (only && checker.isArrayType(only))
    described = `${describeType(checker, checker.getTypeArguments(only as ts.TypeReference)[0]!).type}[]`;
  else if (only && only.getSymbol()?.getName() === 'Date') described = 'Date';
  else if (all(ts.TypeFlags.Object | ts.TypeFlags.Unknown)) described = 'json';
  else described = checker.typeToString(type);
  return { type: described, nullable, values: null };
}

/** The tables of the DB interface in schema.ts, each column's select and insert types resolved through Kysely's ColumnType. */
function schemaTables(): Tables {
  // tsconfig.json's options, less the Node.js types: the schema needs none, and they are a hundred more files to read.
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(SCHEMA_FILE)!)!;
  const db = checker.getExportsOfModule(module).find((s) => s.getName() === 'DB');
  assert.ok(db, `${SCHEMA_FILE} exports no DB`);
  const tables: Tables = new Map();
  for (const table of checker.getDeclaredTypeOfSymbol(db).getProperties()) {
    const columns = new Map<string, Column>();
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      const type = checker.getTypeOfSymbol(column);
      const part = (name: string) => {
        const p = type.getProperty(name);
        return p ? checker.getTypeOfSymbol(p) : type;
      };
      const insert = part('__insert__');
      const insertMembers = insert.isUnion() ? insert.types : [insert];
      columns.set(column.getName(), {
        ...describeType(checker, part('__select__')),
        defaulted: insertMembers.some((m) => m.flags & ts.TypeFlags.Undefined),
      });
    }
    tables.set(table.getName(), { view: false, columns });
  }
  return tables;
}

/** The values of a CHECK of the form `col in ('a', 'b')`, as PostgreSQL gives its definition back; null for any other CHECK. */
function checkedValues(definition: string): string[] | null {
  const literal = /'((?:[^']|'')*)'::text/g;
  const list =
    /^CHECK \(\(\w+ = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(definition)?.[1] ??
    /^CHECK \(\(\w+ = ('(?:[^']|'')*'::text)\)\)$/.exec(definition)?.[1];
  if (list === undefined) return null;
  const values = [...list.matchAll(literal)].map((m) => m[1]!.replaceAll("''", "'"));
  assert.equal(values.map((v) => `'${v.replaceAll("'", "''")}'::text`).join(', '), list, `cannot read the values of ${definition}`);
  return values.sort();
}

/** The tables and views in the public schema, as information_schema and pg_constraint describe them. */
async function databaseTables(db: Kysely<DB>): Promise<Tables> {
  const columns = await sql<{
    table_name: string;
    view: boolean;
    column_name: string;
    udt_name: string;
    nullable: boolean;
    defaulted: boolean;
  }>`
    select c.table_name, t.table_type = 'VIEW' as view, c.column_name, c.udt_name, c.is_nullable = 'YES' as nullable,
      (c.column_default is not null or c.is_identity = 'YES' or c.is_generated = 'ALWAYS') as defaulted
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public'
    order by c.table_name, c.ordinal_position`.execute(db);
  const checks = await sql<{ table_name: string; column_name: string; definition: string }>`
    select r.relname as table_name, a.attname as column_name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
    join pg_class r on r.oid = c.conrelid
    join pg_namespace n on n.oid = r.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'c' and cardinality(c.conkey) = 1`.execute(db);
  const tables: Tables = new Map();
  for (const c of columns.rows) {
    const table = tables.get(c.table_name) ?? { view: c.view, columns: new Map() };
    tables.set(c.table_name, table);
    table.columns.set(c.column_name, { type: readAs(c.udt_name), nullable: c.nullable, defaulted: c.defaulted, values: null });
  }
  for (const check of checks.rows) {
    const values = checkedValues(check.definition);
    const column = tables.get(check.table_name)?.columns.get(check.column_name);
    if (values && column) column.values = column.values ? column.values.filter((v) => values.includes(v)) : values;
  }
  return tables;
}

const valuesText = (values: string[] | null) => (values ? values.join(', ') : 'any text');
const columnText = (c: Column) => `${c.type}${c.values ? ` (${valuesText(c.values)})` : ''}${c.nullable ? ' or null' : ''}`;

/**
 * Every difference between the schema and the database, each naming its table and column. A view's
 * columns are all nullable to PostgreSQL and none can be inserted, so only their types are compared.
 */
function schemaDifferences(schema: Tables, database: Tables): string[] {
  const found: string[] = [];
  for (const name of [...new Set([...schema.keys(), ...database.keys()])].sort()) {
    const inSchema = schema.get(name);
    const inDatabase = database.get(name);
    if (!inSchema || !inDatabase) {
      const kind = inDatabase?.view ? 'view' : 'table';
      found.push(inSchema ? `${name}: in schema.ts, not in the database` : `${name}: a ${kind} in the database, not in schema.ts`);
      continue;
    }
    for (const column of [...new Set([...inSchema.columns.keys(), ...inDatabase.columns.keys()])].sort()) {
      const s = inSchema.columns.get(column);
      const d = inDatabase.columns.get(column);
      const at = `${name}.${column}`;
      if (!s || !d) {
        found.push(s ? `${at}: in schema.ts, not in the database` : `${at}: in the database (${columnText(d!)}), not in schema.ts`);
        continue;
      }
      if (s.type !== d.type) found.push(`${at}: schema.ts reads it as ${s.type}, the database gives ${d.type}`);
      if (String(s.values) !== String(d.values)) {
        found.push(`${at}: schema.ts allows ${valuesText(s.values)}; the database's CHECK allows ${valuesText(d.values)}`);
      }
      if (inDatabase.view) continue;
      if (s.nullable !== d.nullable) {
        found.push(
          `${at}: schema.ts says it ${s.nullable ? 'can' : 'cannot'} be null, the database says it ${d.nullable ? 'can' : 'cannot'}`,
        );
      }
      if (d.defaulted && !s.defaulted)
        found.push(`${at}: has a default in the database; Generated<> in schema.ts, so an insert may leave it out`);
      if (!d.defaulted && !d.nullable && s.defaulted)
        found.push(`${at}: has no default in the database, but schema.ts lets an insert leave it out`);
    }
  }
  return found;
}

describe(`schema.ts against the database (${process.env['SAFER_TEST_DB'] ?? 'pglite'})`, () => {
  let t: TestDatabase;
  let schema: Tables;
  before(async () => {
    t = await createTestDatabase();
    schema = schemaTables();
  });
  after(() => t.drop());

  test('every table, view and column of the migrations is in schema.ts as the database has it, and nothing else', async () => {
    const database = await databaseTables(t.db.kysely);
    assert.ok(database.size >= 60 && schema.size >= 60, `${database.size} tables in the database, ${schema.size} in schema.ts`);
    assert.deepEqual(schemaDifferences(schema, database), []);
  });

  test('a migration that changes a table without schema.ts is named with what it changed', async () => {
    const change = `alter table glossary_terms add column source text;
      alter table plans drop constraint plans_status_check,
        add constraint plans_status_check check (status in ('draft', 'adopted', 'withdrawn'));
      alter table funds alter column provider drop not null, alter column provider drop default;
      create view glossary_acronyms as select term from glossary_terms where is_acronym`;
    await t.db.execScript(change);
    try {
      assert.deepEqual(schemaDifferences(schema, await databaseTables(t.db.kysely)), [
        'funds.provider: schema.ts says it cannot be null, the database says it can',
        'glossary_acronyms: a view in the database, not in schema.ts',
        'glossary_terms.source: in the database (string or null), not in schema.ts',
        "plans.status: schema.ts allows adopted, draft; the database's CHECK allows adopted, draft, withdrawn",
      ]);
    } finally {
      await t.db.execScript(`drop view glossary_acronyms;
        alter table glossary_terms drop column source;
        alter table plans drop constraint plans_status_check, add constraint plans_status_check check (status in ('draft', 'adopted'));
        alter table funds alter column provider set default '', alter column provider set not null`);
    }
  });
});

test('the values of a CHECK are read whether it lists one value or several, with quotes in them', () => {
  assert.deepEqual(checkedValues("CHECK ((unit = ANY (ARRAY['line'::text, 'feature'::text])))"), ['feature', 'line']);
  assert.deepEqual(checkedValues("CHECK ((kind = 'it''s'::text))"), ["it's"]);
  assert.equal(checkedValues('CHECK (((length(name) >= 1) AND (length(name) <= 200)))'), null);
});
