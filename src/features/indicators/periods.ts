import type { IndicatorFrequency } from '../../platform/db/schema.ts';
import { addMonths, isMonth, monthsBetween } from '../explore/completeness.ts';
import { MONTH_NAMES } from '../../platform/format.ts';

/**
 * Indicator periods as text: 'YYYY-MM' (a month), 'YYYY-Qn' (a calendar quarter, Q1 = January to
 * March) or 'YYYY' (a calendar year), as migrations/0004_performance.sql stores them. Pure functions.
 */

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** Whether text is a period of the frequency: 'YYYY-MM' monthly, 'YYYY-Qn' quarterly, 'YYYY' annual. */
export function isPeriodOf(frequency: IndicatorFrequency, text: string): boolean {
  if (frequency === 'monthly') return isMonth(text);
  if (frequency === 'quarterly') return QUARTER.test(text);
  return YEAR.test(text);
}

/** A period as someone might type it ("2019 q2", "2019-4") in the stored form ("2019-Q2", "2019-04"). */
export function normalisePeriod(text: string): string {
  const compact = text
    .trim()
    .toUpperCase()
    .replace(/\s*[-/ ]\s*/g, '-');
  const month = /^(\d{4})-(\d)$/.exec(compact);
  if (month) return `${month[1]}-0${month[2]}`;
  const quarter = /^(\d{4})-?Q([1-4])$/.exec(compact);
  if (quarter) return `${quarter[1]}-Q${quarter[2]}`;
  return compact;
}

/** The frequency a period is written in, or null when it is not a period. */
export function frequencyOfPeriod(text: string): IndicatorFrequency | null {
  if (isMonth(text)) return 'monthly';
  if (QUARTER.test(text)) return 'quarterly';
  if (YEAR.test(text)) return 'annual';
  return null;
}

const mustBePeriod = (text: string): IndicatorFrequency => {
  const frequency = frequencyOfPeriod(text);
  if (!frequency) throw new Error(`not a period: ${text}`);
  return frequency;
};

/** The period of the frequency that holds a month: '2018-11' is '2018-Q4' quarterly and '2018' annual. */
export function periodOfMonth(month: string, frequency: IndicatorFrequency): string {
  if (!isMonth(month)) throw new Error(`not a month: ${month}`);
  if (frequency === 'monthly') return month;
  const year = month.slice(0, 4);
  if (frequency === 'annual') return year;
  return `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first month of a period. */
export function firstMonthOf(period: string): string {
  const frequency = mustBePeriod(period);
  if (frequency === 'monthly') return period;
  if (frequency === 'annual') return `${period}-01`;
  const quarter = Number(period.slice(6));
  return `${period.slice(0, 4)}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}`;
}

/** The last month of a period. */
export function lastMonthOf(period: string): string {
  const frequency = mustBePeriod(period);
  return addMonths(firstMonthOf(period), frequency === 'monthly' ? 0 : frequency === 'quarterly' ? 2 : 11);
}

/** The months of a period, in order. */
export function monthsOf(period: string): string[] {
  return monthsBetween(firstMonthOf(period), lastMonthOf(period));
}

/** The period after this one, of the same frequency. */
export function nextPeriod(period: string): string {
  const frequency = mustBePeriod(period);
  return periodOfMonth(addMonths(lastMonthOf(period), 1), frequency);
}

/** Every period of the frequency from the one holding month `from` to the one holding month `to`. */
export function periodsCovering(fromMonth: string, toMonth: string, frequency: IndicatorFrequency): string[] {
  const periods: string[] = [];
  if (toMonth < fromMonth) return periods;
  const last = periodOfMonth(toMonth, frequency);
  for (let p = periodOfMonth(fromMonth, frequency); ; p = nextPeriod(p)) {
    periods.push(p);
    if (p === last) return periods;
  }
}

/** Every period from `from` to `to`, both of the same frequency and both included. */
export function periodsBetween(from: string, to: string): string[] {
  const frequency = mustBePeriod(from);
  if (frequencyOfPeriod(to) !== frequency) throw new Error(`periods of different frequencies: ${from}, ${to}`);
  return periodsCovering(firstMonthOf(from), firstMonthOf(to), frequency);
}

/** A period as a heading or table says it: "October 2018", "January to March 2019", "2019". */
export function periodLabel(period: string): string {
  const frequency = mustBePeriod(period);
  const year = period.slice(0, 4);
  if (frequency === 'annual') return year;
  const first = MONTH_NAMES[Number(firstMonthOf(period).slice(5, 7)) - 1]!;
  if (frequency === 'monthly') return `${first} ${year}`;
  const last = MONTH_NAMES[Number(lastMonthOf(period).slice(5, 7)) - 1]!;
  return `${first} to ${last} ${year}`;
}

/** How a period of each frequency is typed into a form, for hint text. */
export const periodFormats: Record<IndicatorFrequency, { example: string; hint: string }> = {
  monthly: { example: '2019-04', hint: 'a month as year and month, for example 2019-04' },
  quarterly: { example: '2019-Q2', hint: 'a quarter as year and quarter, for example 2019-Q2 (Q1 is January to March)' },
  annual: { example: '2019', hint: 'a year, for example 2019' },
};

export const frequencyLabels: Record<IndicatorFrequency, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
