/**
 * Money in pounds with two decimal places. Amounts are handled as whole pence (integers) so sums
 * are exact, and stored in numeric(12, 2) columns as '1234.56'.
 */

/** The largest amount numeric(12, 2) holds, in pence. */
const MAX_PENCE = 999_999_999_999;

export type MoneyParse =
  { ok: true; pence: number } | { ok: false; problem: 'empty' | 'format' | 'negative' | 'too_many_decimals' | 'too_large' };

/** Reads an amount as typed: '1234', '1,234.50', '£1234.5'. No more than 2 decimal places. */
export function parsePounds(input: string): MoneyParse {
  const text = input.trim().replace(/^£\s*/, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^-/.test(text)) return { ok: false, problem: 'negative' };
  const withoutCommas = /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text) ? text.replace(/,/g, '') : text;
  const match = /^(\d+)(?:\.(\d*))?$/.exec(withoutCommas);
  if (!match) return { ok: false, problem: 'format' };
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, problem: 'too_many_decimals' };
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 10) return { ok: false, problem: 'too_large' };
  const pence = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (pence > MAX_PENCE) return { ok: false, problem: 'too_large' };
  return { ok: true, pence };
}

/** The error message for an amount, in GOV.UK style, naming the field. */
export function moneyProblemMessage(problem: Exclude<MoneyParse, { ok: true }>['problem'], label: string): string {
  switch (problem) {
    case 'empty':
      return `Enter ${label.toLowerCase()}`;
    case 'negative':
      return `${label} must be £0 or more`;
    case 'too_many_decimals':
      return `${label} must be in pounds and pence, like 1250.50`;
    case 'too_large':
      return `${label} must be less than £10,000,000,000`;
    case 'format':
      return `${label} must be an amount in pounds, like 1250 or 1250.50`;
  }
}

/** Pence as the decimal text the database stores: 123456 -> '1234.56'. */
export function penceToDecimal(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A stored numeric value ('1234.56', '1234.5', '1234') as pence; null stays null. */
export function decimalToPence(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?\d*$/.exec(text);
  if (!match) return null;
  const pence = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -pence : pence;
}

const poundsFormat = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Pence as people read it: £1,234.56. */
export function formatPounds(pence: number | null): string {
  return pence === null ? '' : poundsFormat.format(pence / 100);
}

/** Pence as a form field value: 1234.56 (no pound sign or commas). */
export const penceToField = (pence: number | null): string => (pence === null ? '' : penceToDecimal(pence));
