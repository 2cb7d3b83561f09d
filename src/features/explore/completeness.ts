/**
 * Is a force's police.uk data complete? police.uk sometimes publishes a month with part of a force's
 * records missing (Kent's violence in late 2018 is a known case). Pure functions over a table of
 * counts per force, month and crime type; no I/O.
 *
 * - A month is abnormally low for a crime type when its count is less than 0.75 times the median of
 *   the same type in the loaded months up to 2 either side (at least 2 such months are needed).
 * - A month is missing when the force has loaded months before and after it but not it.
 */

export interface CountRow {
  force: string;
  /** 'YYYY-MM' */
  month: string;
  crimeType: string;
  crimes: number;
}

export interface ForceMonth {
  force: string;
  month: string;
}

export interface LowCountFlag extends ForceMonth {
  crimeType: string;
  crimes: number;
  /** The median of the neighbouring months' counts it was compared with. */
  median: number;
  /** The neighbouring months used. */
  neighbours: string[];
}

export interface Completeness {
  low: LowCountFlag[];
  missing: ForceMonth[];
}

const LOW_COUNT_RATIO = 0.75;
const NEIGHBOUR_SPAN = 2;
const MIN_NEIGHBOURS = 2;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** 'YYYY-MM' moved by n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when to is before from. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The median of a non-empty list: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const byForceMonth = <T extends ForceMonth>(a: T, b: T): number =>
  a.force < b.force ? -1 : a.force > b.force ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0;

/**
 * The force-months whose count of a crime type is abnormally low. A force's loaded months are the
 * months it has any rows for; a type with no rows in a loaded month counts as 0 there.
 */
export function lowCounts(counts: readonly CountRow[]): LowCountFlag[] {
  const forces = new Map<string, { months: Set<string>; types: Set<string>; crimes: Map<string, number> }>();
  for (const row of counts) {
    let force = forces.get(row.force);
    if (!force) forces.set(row.force, (force = { months: new Set(), types: new Set(), crimes: new Map() }));
    force.months.add(row.month);
    force.types.add(row.crimeType);
    const key = `${row.month}|${row.crimeType}`;
    force.crimes.set(key, (force.crimes.get(key) ?? 0) + row.crimes);
  }
  const flags: LowCountFlag[] = [];
  for (const [forceName, force] of forces) {
    for (const month of force.months) {
      const neighbours: string[] = [];
      for (let n = -NEIGHBOUR_SPAN; n <= NEIGHBOUR_SPAN; n++) {
        const other = addMonths(month, n);
        if (n !== 0 && force.months.has(other)) neighbours.push(other);
      }
      if (neighbours.length < MIN_NEIGHBOURS) continue;
      for (const crimeType of force.types) {
        const count = (m: string) => force.crimes.get(`${m}|${crimeType}`) ?? 0;
        const mid = median(neighbours.map(count));
        const crimes = count(month);
        if (crimes < LOW_COUNT_RATIO * mid) flags.push({ force: forceName, month, crimeType, crimes, median: mid, neighbours });
      }
    }
  }
  return flags.sort((a, b) => byForceMonth(a, b) || (a.crimeType < b.crimeType ? -1 : a.crimeType > b.crimeType ? 1 : 0));
}

/** The months between each force's first and last loaded month that it has no data for. */
export function missingMonths(loaded: readonly ForceMonth[]): ForceMonth[] {
  const forces = new Map<string, Set<string>>();
  for (const { force, month } of loaded) {
    let months = forces.get(force);
    if (!months) forces.set(force, (months = new Set()));
    months.add(month);
  }
  const missing: ForceMonth[] = [];
  for (const [force, months] of forces) {
    const sorted = [...months].sort();
    for (const month of monthsBetween(sorted[0]!, sorted.at(-1)!)) {
      if (!months.has(month)) missing.push({ force, month });
    }
  }
  return missing.sort(byForceMonth);
}

/** Both checks over one table of counts. */
export function checkCompleteness(counts: readonly CountRow[]): Completeness {
  return { low: lowCounts(counts), missing: missingMonths(counts) };
}
