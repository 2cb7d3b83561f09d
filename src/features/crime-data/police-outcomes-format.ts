/**
 * police.uk outcomes files (YYYY-MM-<force>-outcomes.csv): each row is an outcome recorded in the
 * file's month for one crime, named by its Crime ID, at the crime's location. What a row must look
 * like and the variants accepted and normalised. Pure functions, no I/O.
 */

import { splitCsvLine } from '../../platform/csv.ts';
import {
  CRIME_ID,
  CRIME_PLACE_HEADER,
  headerMatches,
  memo,
  MONTH,
  normaliseOutcome,
  parseCrimePlace,
  type CrimePlace,
} from './police-uk-format.ts';

export const OUTCOMES_HEADER = [...CRIME_PLACE_HEADER, 'Outcome type'] as const;

export interface OutcomeRow extends CrimePlace {
  crimeId: string;
  month: string;
  outcomeType: string;
}

export type OutcomeResult = { ok: true; row: OutcomeRow } | { ok: false; reason: string };

const outcomeOf = memo(normaliseOutcome);

/** Validates and normalises the fields of one outcomes row. */
export function parseOutcomeFields(f: string[]): OutcomeResult {
  if (f.length !== OUTCOMES_HEADER.length)
    return { ok: false, reason: `wrong number of columns: ${f.length}, expected ${OUTCOMES_HEADER.length}` };
  const crimeId = f[0]!.trim();
  if (crimeId === '') return { ok: false, reason: 'no Crime ID: every outcome is for a crime' };
  if (!CRIME_ID.test(crimeId)) return { ok: false, reason: 'bad Crime ID: expected 64 hexadecimal characters' };
  const month = f[1]!.trim();
  if (!MONTH.test(month)) return { ok: false, reason: `bad month "${month.slice(0, 20)}": expected YYYY-MM` };
  const where = parseCrimePlace(f);
  if (!where.ok) return where;
  const outcomeType = outcomeOf(f[9]!);
  if (outcomeType === null) return { ok: false, reason: 'no outcome type' };
  if (outcomeType.length > 200) return { ok: false, reason: 'outcome type longer than 200 characters' };
  return { ok: true, row: { crimeId: crimeId.toLowerCase(), month, ...where.place, outcomeType } };
}

/** Splits and validates one line of an outcomes file. */
export function parseOutcomeLine(line: string): OutcomeResult {
  if (line.includes('\u0000')) return { ok: false, reason: 'the line contains a NUL character' };
  const fields = splitCsvLine(line);
  return Array.isArray(fields) ? parseOutcomeFields(fields) : { ok: false, reason: fields.error };
}

export const isOutcomesHeader = (line: string): boolean => headerMatches(line, OUTCOMES_HEADER);
