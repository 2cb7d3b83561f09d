import type { Command } from 'commander';
import type { z } from 'zod';
import { loadConfig, type Config } from '../../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import type { CommandContext, Services } from '../feature.ts';

/**
 * The command line's shared pieces: the two kinds of error a command can end with, reading options
 * through a schema, and opening the database. src/cli.ts assembles the commands every feature adds.
 */

/** A mistake in how a command was called (an option, an argument): one line, exit code 2. */
export class UsageError extends Error {}

/** A command that could not do its work (a bad file, a missing record): one line, exit code 1. */
export class CommandError extends Error {}

/** '--date-column' for the option property 'dateColumn'. */
export const optionName = (property: string): string => `--${property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Reads a command's options (and arguments, by name) through a schema. Anything wrong is a
 * UsageError listing every problem, each starting with the option it is about (the schema's
 * message may name it already: "--from: give a month as YYYY-MM").
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((issue) => {
    if (/^(--|<)/.test(issue.message)) return issue.message;
    const key = issue.path[0];
    return typeof key === 'string' ? `${optionName(key)}: ${issue.message}` : issue.message;
  });
  throw new UsageError([...new Set(messages)].join('; '));
}

/** Opens and migrates the configured database, runs fn, and closes the database however fn ends. */
export async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** Standard input as text, without its last line ending. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The context handed to every feature's commands: shared parent commands made once, and the database. */
export function commandContext(program: Command, services: (db: Database, config: Config) => Services): CommandContext {
  const groups = new Map<string, Command>();
  return {
    withDatabase,
    services,
    group(name, description) {
      let group = groups.get(name);
      if (!group) {
        group = program.command(name).description(description);
        groups.set(name, group);
      }
      return group;
    },
  };
}
