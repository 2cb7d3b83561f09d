import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { CommandError, parseOptions, readStdin, UsageError } from '../../platform/cli/command-line.ts';
import { splitCsvLine } from '../../platform/csv.ts';
import { computeSpc, DEFAULT_MINIMUM_POINTS } from './spc.ts';
import type { SpcDirection, SpcInputPoint, SpcOptions, SpcResult } from './spc-types.ts';

/**
 * `safer spc`: an XmR analysis of any series, for analysts and scripts. Reads a CSV of
 * period,value rows (a header row is optional; the rows must be in time order), prints the
 * mean, the limits of each segment and every point's special-cause flags as JSON. Bad input, and
 * bad options, are refused with the file and line or the option, exit code 1.
 */

export interface SpcCommandOptions {
  input: string;
  direction?: string;
  target?: string;
  rebase?: string;
  format?: string;
}

/** Where the command reads and writes: the process, or a test. */
export interface SpcCommandIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: SpcCommandIo = {
  readFile: (path) => readFile(path, 'utf8'),
  readStdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const DIRECTIONS = ['lower', 'higher', 'more-reporting', 'neither'] as const satisfies readonly SpcDirection[];
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** The forms of period the command can put in time order (each sorts as text), by name. */
const PERIOD_FORMS = [
  { form: 'YYYY-MM', pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  { form: 'YYYY-MM-DD', pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/ },
  { form: 'YYYY-Qn', pattern: /^\d{4}-Q[1-4]$/ },
  { form: 'YYYY-Www', pattern: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/ },
  { form: 'YYYY', pattern: /^\d{4}$/ },
] as const;
const formOf = (period: string) => PERIOD_FORMS.find((f) => f.pattern.test(period))?.form;

const spcCommandSchema = z
  .object({
    input: z.string().min(1, '--input: give a CSV file, or - for standard input'),
    direction: z.enum(DIRECTIONS, { error: `--direction: must be one of ${DIRECTIONS.join(', ')}` }).default('neither'),
    target: z.string().trim().regex(NUMBER, '--target: give a number, like 120 or 4.5').transform(Number).optional(),
    rebase: z
      .string()
      .transform((v) => v.split(',').map((p) => p.trim()))
      .pipe(z.array(z.string().min(1, '--rebase: give periods separated by commas, like 2019-01,2020-04')))
      .optional(),
    format: z.literal('json', { error: '--format: json is the only format' }),
  })
  .refine((o) => o.target === undefined || o.direction !== 'neither', {
    message: '--target: give --direction too (lower or higher), so the target can be judged as met or missed',
  });

/** A row of the file, as text: the period and a value that must be a number. */
const rowSchema = z.object({
  period: z.string().trim().min(1, 'the period is empty').max(50, 'the period is longer than 50 characters'),
  value: z.string().trim().min(1, 'is missing').regex(NUMBER, 'is not a number').transform(Number).refine(Number.isFinite, 'is too large'),
});

interface ParsedRow extends SpcInputPoint {
  line: number;
  value: number;
}

/** The rows of a period,value CSV, each with its line number; refuses anything doubtful. */
function parseSpcCsv(text: string, source: string): ParsedRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  if (lines.length === 0) throw new CommandError(`${source} is empty: give period,value rows, one a line`);
  const rows: ParsedRow[] = [];
  const seen = new Map<string, number>();
  lines.forEach((text, i) => {
    const line = i + 1;
    const at = `${source} line ${line}`;
    if (text.trim() === '') throw new CommandError(`${at}: the line is blank; remove blank lines between rows`);
    const fields = splitCsvLine(text);
    if (!Array.isArray(fields)) throw new CommandError(`${at}: ${fields.error}`);
    if (fields.length !== 2) throw new CommandError(`${at}: expected 2 fields, period and value, but found ${fields.length}`);
    const [period, value] = fields as [string, string];
    if (line === 1 && !NUMBER.test(value.trim())) {
      if (period.trim().toLowerCase() === 'period' && value.trim().toLowerCase() === 'value') return;
      throw new CommandError(`${at}: a header row must be period,value (or leave it out and start with the first period)`);
    }
    const row = rowSchema.safeParse({ period, value });
    if (!row.success) {
      const issue = row.error.issues[0]!;
      if (issue.path[0] !== 'value') throw new CommandError(`${at}: ${issue.message}`);
      throw new CommandError(
        value.trim() === '' ? `${at}: the value for ${period.trim()} is missing` : `${at}: the value "${value.trim()}" ${issue.message}`,
      );
    }
    const first = seen.get(row.data.period);
    if (first !== undefined) throw new CommandError(`${at}: the period ${row.data.period} is repeated (first on line ${first})`);
    seen.set(row.data.period, line);
    checkTimeOrder(row.data.period, rows[0], rows.at(-1), at);
    rows.push({ line, period: row.data.period, value: row.data.value });
  });
  return rows;
}

/** A period must be in a form that can be ordered, the form of the first row, and after the row before. */
function checkTimeOrder(period: string, first: ParsedRow | undefined, previous: ParsedRow | undefined, at: string): void {
  const form = formOf(period);
  if (form === undefined) {
    const forms = PERIOD_FORMS.map((f) => f.form).join(', ');
    throw new CommandError(`${at}: the period "${period}" is not one of ${forms} (like 2019-04), so it cannot be put in time order`);
  }
  if (first && formOf(first.period) !== form)
    throw new CommandError(
      `${at}: the period ${period} is not in the form of ${first.period} on line ${first.line}; use one form for every row`,
    );
  if (previous && period < previous.period)
    throw new CommandError(
      `${at}: the period ${period} comes before ${previous.period} on line ${previous.line}; give the rows in time order`,
    );
}

/** The analysis as the command prints it. */
function spcJson(result: SpcResult, input: { source: string; target: number | null }) {
  return {
    input: input.source,
    direction: result.direction,
    target: input.target,
    mean: result.segments.at(-1)?.mean ?? null,
    limits: result.segments.map((s) => ({
      from: s.from,
      to: s.to,
      points: s.pointsUsed,
      mean: s.mean,
      meanMovingRange: s.meanMovingRange,
      lowerLimit: s.lowerLimit,
      upperLimit: s.upperLimit,
    })),
    points: result.points.map((p) => ({
      period: p.period,
      value: p.value,
      movingRange: p.movingRange,
      mean: p.mean,
      upperLimit: p.upperLimit,
      lowerLimit: p.lowerLimit,
      rules: p.rules,
      specialCause: p.specialCause,
    })),
    variation: result.variation,
    assurance: result.assurance,
  };
}

/** Runs `safer spc`; returns the exit code (0, or 1 with the error on stderr). */
export async function runSpcCommand(options: SpcCommandOptions, io: SpcCommandIo): Promise<number> {
  try {
    io.stdout(`${JSON.stringify(await analyse(options, io), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CommandError || error instanceof UsageError)) throw error;
    io.stderr(`safer spc: ${error.message}\n`);
    return 1;
  }
}

async function analyse(options: SpcCommandOptions, io: SpcCommandIo) {
  const { input, direction, target, rebase } = parseOptions(spcCommandSchema, options);
  const source = input === '-' ? 'standard input' : input;
  const text = await (input === '-' ? io.readStdin() : io.readFile(input)).catch((error: NodeJS.ErrnoException) => {
    throw new CommandError(`cannot read ${source}: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}`);
  });
  const rows = parseSpcCsv(text, source);
  if (rows.length < DEFAULT_MINIMUM_POINTS) {
    const lines = rows.length === 0 ? 'no rows' : `lines ${rows[0]!.line} to ${rows.at(-1)!.line}`;
    throw new CommandError(
      `${source} has ${rows.length} ${rows.length === 1 ? 'value' : 'values'} (${lines}): ` +
        `process limits need at least ${DEFAULT_MINIMUM_POINTS}`,
    );
  }
  const starts = [0];
  for (const period of new Set(rebase)) {
    const index = rows.findIndex((r) => r.period === period);
    if (index < 0) throw new CommandError(`--rebase: ${period} is not a period in ${source}`);
    if (index === 0) throw new CommandError(`--rebase: ${period} is the first period in ${source}; the limits already start there`);
    starts.push(index);
  }
  starts.sort((a, b) => a - b);
  starts.forEach((start, s) => {
    const end = (starts[s + 1] ?? rows.length) - 1;
    const count = end - start + 1;
    if (count < DEFAULT_MINIMUM_POINTS) {
      const first = rows[start]!;
      const last = rows[end]!;
      throw new CommandError(
        `${source}: the segment from ${first.period} (line ${first.line}) to ${last.period} (line ${last.line}) ` +
          `has ${count} ${count === 1 ? 'value' : 'values'}: ` +
          `the limits of each segment need at least ${DEFAULT_MINIMUM_POINTS}`,
      );
    }
  });
  const result = spcOrRefusal(
    rows.map((r) => ({ period: r.period, value: r.value })),
    { direction, ...(target === undefined ? {} : { target }), rebasePeriods: rebase ?? [] },
    source,
  );
  return spcJson(result, { source, target: target ?? null });
}

/** The analysis, or the analysis's refusal (values so large they overflow) as the command's error. */
function spcOrRefusal(points: SpcInputPoint[], options: SpcOptions, source: string): SpcResult {
  try {
    return computeSpc(points, options);
  } catch (error) {
    if (error instanceof RangeError) throw new CommandError(`${source}: ${error.message.replace(/^SPC: /, '')}`);
    throw error;
  }
}

/** `safer spc`: an XmR analysis of a series from a CSV file or standard input, as JSON; no database. */
export function spcCommands(program: Command): void {
  program
    .command('spc')
    .description(
      'statistical process control (XmR, Making Data Count) of a series: mean, process limits and special causes as JSON; no database',
    )
    .requiredOption(
      '--input <file>',
      'a CSV of period,value rows in time order (a header row period,value is optional), or - for standard input',
    )
    .option('--direction <direction>', 'which way is better: lower, higher, more-reporting or neither', 'neither')
    .option('--target <number>', 'a target, judged against the limits (needs --direction)')
    .option('--rebase <periods>', 'periods from which the limits are recalculated, comma-separated, e.g. 2019-01')
    .requiredOption('--format <format>', 'json')
    .action(async (opts: SpcCommandOptions) => {
      process.exitCode = await runSpcCommand(opts, processIo);
    });
}
