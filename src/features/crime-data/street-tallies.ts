import type { BinaryCopyWriter } from '../../platform/db/binary-copy.ts';
import { LocationTally } from './location-tally.ts';
import { CRIME_TYPES, crimeTypeNumber, lsoaCodeOf } from './police-uk-format.ts';

export const LSOA_MONTH_COLUMNS = [
  'file_id',
  'month',
  'force',
  'lsoa_code',
  'crime_types',
  'crimes',
  'outcome_types',
  'outcomes',
  'outcome_crimes',
  'locations',
  'location_types',
  'location_crimes',
] as const;
export const FORCE_COUNT_COLUMNS = ['file_id', 'month', 'force', 'crime_type', 'crimes'] as const;

const TYPES = CRIME_TYPES.length;
/** More outcomes than a file can have (see StreetTallies.outcomeNumber()); keys stay small integers. */
const OUTCOME_KEYS = 2 ** 26;

/**
 * What one LSOA's rows add up to (a row of crime_lsoa_months). Its crimes by crime type and outcome
 * are outcomeCrimes[k] for the key outcomeKeys[k], crime type * OUTCOME_KEYS + outcome number (see
 * StreetTallies.outcomeNumber()): an LSOA has a few of the many pairs a file has. Locations are
 * their numbers in the file's LocationTally, in the order first seen.
 */
class LsoaTally {
  readonly crimes = new Int32Array(TYPES);
  readonly outcomeKeys: number[] = [];
  readonly outcomeCrimes: number[] = [];
  readonly locations: number[] = [];

  countOutcome(key: number): void {
    const keys = this.outcomeKeys;
    for (let k = 0; k < keys.length; k++) {
      if (keys[k] === key) {
        this.outcomeCrimes[k]!++;
        return;
      }
    }
    keys.push(key);
    this.outcomeCrimes.push(1);
  }
}

/**
 * What the rows of one street file (a force and month) add up to, as they are read: for each LSOA,
 * crimes by crime type, by crime type and last outcome, and by location and crime type; and the
 * rows of crime_lsoa_months and crime_force_counts they make. The file's outcomes are numbered as
 * they are first seen (outcomeNumber()), so that a row's outcome is counted, and written by the
 * byte-level path, without a string.
 */
export class StreetTallies {
  /** By lsoaKey(), and -1 for rows with no LSOA. */
  private readonly lsoas = new Map<number, LsoaTally>();
  private readonly locations = new LocationTally();
  /** This file's outcomes by number: 0 is none, n is outcomes[n - 1]. */
  private readonly outcomes: { name: string; bytes: Buffer }[] = [];
  private readonly outcomeNumbers = new Map<string, number>();

  constructor(
    private readonly fileId: number,
    private readonly monthDays: number,
    private readonly force: string,
  ) {}

  /** Whether no row has been counted. */
  get empty(): boolean {
    return this.lsoas.size === 0;
  }

  /** The number of an outcome in this file (0 for none). */
  outcomeNumber(outcome: string | null): number {
    if (outcome === null) return 0;
    let n = this.outcomeNumbers.get(outcome);
    if (n === undefined) {
      if (this.outcomes.length + 1 >= OUTCOME_KEYS) throw new Error(`more than ${OUTCOME_KEYS - 2} different outcomes in one file`);
      this.outcomes.push({ name: outcome, bytes: Buffer.from(outcome, 'utf8') });
      n = this.outcomes.length;
      this.outcomeNumbers.set(outcome, n);
    }
    return n;
  }

  /** The UTF-8 bytes of the outcome numbered n (n > 0). */
  outcomeBytes(n: number): Buffer {
    return this.outcomes[n - 1]!.bytes;
  }

  /** Counts a row: its LSOA, crime type, outcome number, and location as bytes[from, to) (from < 0: none). */
  count(lsoa: number, crimeType: number, outcome: number, bytes: Uint8Array, from: number, to: number): void {
    let tally = this.lsoas.get(lsoa);
    if (!tally) {
      tally = new LsoaTally();
      this.lsoas.set(lsoa, tally);
    }
    tally.crimes[crimeType]!++;
    tally.countOutcome(crimeType * OUTCOME_KEYS + outcome);
    if (from < 0) return;
    const added = this.locations.add(lsoa, bytes, from, to, crimeType);
    if (added >= 0) tally.locations.push(added);
  }

  /**
   * Writes what each LSOA's rows add up to, as rows for LSOA_MONTH_COLUMNS, in LSOA code order;
   * lsoa_code is '' for rows with no LSOA. Crime types are their crime_types.id. Counts by crime
   * type in CRIME_TYPES order; by outcome, by crime type and then no outcome first and the others in
   * the order first seen in the file; by location, locations and each one's crime types in the
   * order first seen.
   */
  writeLsoaMonthRows(out: BinaryCopyWriter): void {
    const types: number[] = [];
    const crimes: number[] = [];
    const outcomes: (string | null)[] = [];
    for (const lsoa of [...this.lsoas.keys()].sort((a, b) => a - b)) {
      const tally = this.lsoas.get(lsoa)!;
      out.row(LSOA_MONTH_COLUMNS.length);
      out.int4(this.fileId);
      out.date(this.monthDays);
      out.text(this.force);
      out.text(lsoa < 0 ? '' : lsoaCodeOf(lsoa));

      types.length = crimes.length = 0;
      for (let type = 0; type < TYPES; type++) {
        if (tally.crimes[type] === 0) continue;
        types.push(crimeTypeNumber(type));
        crimes.push(tally.crimes[type]!);
      }
      out.int2Array(types);
      out.int4Array(crimes);

      types.length = crimes.length = 0;
      const order = tally.outcomeKeys.map((_, k) => k).sort((a, b) => tally.outcomeKeys[a]! - tally.outcomeKeys[b]!);
      for (const k of order) {
        const outcome = tally.outcomeKeys[k]! % OUTCOME_KEYS;
        types.push(crimeTypeNumber((tally.outcomeKeys[k]! - outcome) / OUTCOME_KEYS));
        outcomes.push(outcome === 0 ? null : this.outcomes[outcome - 1]!.name);
        crimes.push(tally.outcomeCrimes[k]!);
      }
      out.int2Array(types);
      out.textArray(outcomes);
      out.int4Array(crimes);

      outcomes.length = 0;
      this.locations.write(out, tally.locations);
    }
  }

  /** Writes the force's totals per crime type (the counts added up over LSOAs) as rows for FORCE_COUNT_COLUMNS; false if there are none. */
  writeForceCountRows(out: BinaryCopyWriter): boolean {
    const totals = new Int32Array(TYPES);
    for (const tally of this.lsoas.values()) for (let i = 0; i < TYPES; i++) totals[i]! += tally.crimes[i]!;
    if (!totals.some((n) => n > 0)) return false;
    totals.forEach((crimes, i) => {
      if (crimes === 0) return;
      out.row(FORCE_COUNT_COLUMNS.length);
      out.int4(this.fileId);
      out.date(this.monthDays);
      out.text(this.force);
      out.text(CRIME_TYPES[i]!);
      out.int4(crimes);
    });
    return true;
  }
}
