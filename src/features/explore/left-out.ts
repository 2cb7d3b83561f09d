import { forceName } from '../crime-data/police-forces.ts';
import type { CountRow } from './completeness.ts';

/**
 * What a total of an area's counts leaves out of the data it comes from: the records in the same
 * forces' police.uk files, months and types that have no location (police.uk could not place them,
 * so they are in no area's figures) or that are placed in LSOAs outside the area. With the area's
 * total they add up to the forces' totals. Pure functions.
 */

export interface LeftOut {
  /** The forces whose files the area's counts come from. */
  forces: string[];
  /** Records with no location: in no area. */
  noLocation: number;
  /** Records placed in LSOAs outside the area. */
  outsideArea: number;
}

/** The left-out counts from the forces' totals (per force, month and type), the area's total and the records with no location. */
export function leftOutOf(
  forceCounts: readonly CountRow[],
  filter: { from: string; to: string; types: readonly string[] },
  forces: readonly string[],
  counted: { total: number; noLocation: number },
): LeftOut {
  const forceTotal = forceCounts
    .filter((r) => forces.includes(r.force) && r.month >= filter.from && r.month <= filter.to && filter.types.includes(r.crimeType))
    .reduce((n, r) => n + r.crimes, 0);
  return {
    forces: [...forces],
    noLocation: counted.noLocation,
    outsideArea: Math.max(0, forceTotal - counted.total - counted.noLocation),
  };
}

/** Where ward figures appear: how Safer makes a ward. */
export const WARDS_FROM_LSOAS =
  'Safer makes each ward from whole LSOAs: an LSOA counts in the ward that holds its centre (centroid), ' +
  'so a ward’s figures can differ a little from what lies within its exact boundary.';

const COUNT = new Intl.NumberFormat('en-GB');
const records = (n: number) => `${COUNT.format(n)} ${n === 1 ? 'record' : 'records'}`;

/** The forces as a sentence names them: "Kent Police", "Kent Police and Sussex Police". */
function forceNames(forces: readonly string[]): string {
  const names = forces.map(forceName);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/**
 * What is not counted, in words, beside the total: "1,234 records in Kent Police’s data for these
 * months and types have no location, so they cannot be placed in any area; 56,789 are placed in
 * LSOAs outside Allington ward." `area` names the area ("the partnership’s area", "E01024338").
 */
export function leftOutWords(leftOut: LeftOut, area: string): string {
  if (leftOut.forces.length === 0) return `None: no police.uk data loaded has records in ${area} in these months.`;
  const noLocation = leftOut.noLocation === 1 ? 'has no location, so it cannot' : 'have no location, so they cannot';
  return (
    `${records(leftOut.noLocation)} in ${forceNames(leftOut.forces)}’s data for these months and types ` +
    `${noLocation} be placed in any area; ${records(leftOut.outsideArea)} ${leftOut.outsideArea === 1 ? 'is' : 'are'} ` +
    `placed in LSOAs outside ${area}.`
  );
}
