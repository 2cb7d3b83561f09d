/** Small helpers shared by the benchmarks. */
import { readFileSync } from 'node:fs';

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:54329/postgres';
/** The database bench:ingest leaves loaded for bench:query. */
export const BENCH_DATABASE = 'safer_bench';

/** --name value and --flag arguments. */
export function args(argv = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(name, argv[++i]!);
    else out.set(name, 'true');
  }
  return out;
}

export function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: give a whole number above 0`);
  return n;
}

/** A connection string for another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const int = (n: number): string => number.format(n);
export const fixed = (n: number): string => decimal.format(n);
export const megabytes = (bytes: number): string => `${number.format(bytes / 1024 / 1024)} MB`;

/** Peak and current resident memory of a process, and its CPU seconds so far (Linux /proc). */
export function processStats(pid: number): { peakRss: number; cpuSeconds: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const peak = /VmHWM:\s+(\d+) kB/.exec(status);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { peakRss: Number(peak?.[1] ?? 0) * 1024, cpuSeconds: ticks / 100 };
  } catch {
    return undefined;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
