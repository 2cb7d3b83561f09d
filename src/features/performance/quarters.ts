import { periodLabel } from '../indicators/periods.ts';

/**
 * Calendar quarters, the periods of dashboards and the quarterly performance report: 'YYYY-Qn',
 * Q1 being January to March. Indicator periods ('YYYY-MM', 'YYYY-Qn', 'YYYY') are placed in them.
 */

export interface Quarter {
  year: number;
  /** 1 to 4. */
  quarter: number;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The message for a period that is not a quarter, naming the form it should take. */
export const QUARTER_FORMAT = 'a calendar quarter like 2019-Q1 (Q1 is January to March)';

export function parseQuarter(text: string): Quarter | null {
  const m = QUARTER.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, quarter: Number(m[2]) };
}

export const quarterKey = (q: Quarter): string => `${q.year}-Q${q.quarter}`;

/** "January to March 2019". */
export const quarterLabel = (q: Quarter): string => periodLabel(quarterKey(q));

/** "2019-Q1 (January to March 2019)", as a choice in a list. */
export const quarterChoiceText = (q: Quarter): string => `${quarterKey(q)} (${quarterLabel(q)})`;

/** The quarter of the London calendar day. */
export function quarterOfDate(date: Date): Quarter {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
    .format(date)
    .split('-')
    .map(Number) as [number, number];
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/**
 * The quarter an indicator period falls in: a month 'YYYY-MM', a quarter 'YYYY-Qn', or, for a year
 * 'YYYY', its last quarter (an annual value is known once the year is over). Null for anything else.
 */
export function quarterOfPeriod(period: string): Quarter | null {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? { year: Number(month[1]), quarter: Math.floor((m - 1) / 3) + 1 } : null;
  }
  const quarter = parseQuarter(period);
  if (quarter) return quarter;
  return /^\d{4}$/.test(period) ? { year: Number(period), quarter: 4 } : null;
}

/** Orders quarters: negative when a is before b. */
export const compareQuarters = (a: Quarter, b: Quarter): number => a.year - b.year || a.quarter - b.quarter;

/** Whether an indicator period ends on or before the end of the quarter (unknown periods: false). */
export function periodWithin(period: string, q: Quarter): boolean {
  const of = quarterOfPeriod(period);
  return of !== null && compareQuarters(of, q) <= 0;
}

const nextQuarter = (q: Quarter): Quarter =>
  q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };

/** Every quarter from `from` to `to`, newest first (at most 200). */
export function quartersBetween(from: Quarter, to: Quarter): Quarter[] {
  const list: Quarter[] = [];
  for (let q = from; compareQuarters(q, to) <= 0 && list.length < 200; q = nextQuarter(q)) list.push(q);
  return list.reverse();
}

/** The last day of the quarter, YYYY-MM-DD. */
export function quarterEnd(q: Quarter): string {
  const lastMonth = q.quarter * 3;
  const day = new Date(Date.UTC(q.year, lastMonth, 0)).getUTCDate();
  return `${q.year}-${String(lastMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
