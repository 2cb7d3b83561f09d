import { bbox, checkAreal, inBBox, pointInAreal, type ArealGeometry, type BBox } from '../geography/geojson.ts';
import type { StopSearchCountRow } from './explore-repository.ts';

/**
 * Stop and search in an area. police.uk gives each search an anonymised point and no LSOA, so the
 * searches of an area are those whose point lies in one of its LSOAs' boundaries; the counts are
 * read by the area's bounding box, then each point is placed. Pure functions.
 */

interface AreaShape {
  geometry: ArealGeometry;
  box: BBox;
}

export interface SearchCount {
  /** '' when police.uk has nothing recorded. */
  label: string;
  searches: number;
}

interface SearchRow {
  month: string;
  objectOfSearch: string;
  outcome: string;
  legislation: string;
  searches: number;
}

export interface StopSearchSummary {
  /** LSOAs of the area with a boundary: searches can be placed only in them. */
  lsoasWithBoundary: number;
  lsoas: number;
  total: number;
  byObject: SearchCount[];
  byOutcome: SearchCount[];
  /** The area's searches by month, object of search, outcome and legislation, in that order. */
  rows: SearchRow[];
}

/** The boundaries that can hold a point, with their bounding boxes. */
export function areaShapes(boundaries: ReadonlyMap<string, unknown>): AreaShape[] {
  const shapes: AreaShape[] = [];
  for (const boundary of boundaries.values()) {
    const checked = checkAreal(boundary);
    if (checked.ok) shapes.push({ geometry: checked.geometry, box: bbox(checked.geometry) });
  }
  return shapes;
}

/** The box around every shape, or null when there are none. */
export function shapesBox(shapes: readonly AreaShape[]): BBox | null {
  if (shapes.length === 0) return null;
  return shapes.reduce<BBox>(
    (b, s) => [Math.min(b[0], s.box[0]), Math.min(b[1], s.box[1]), Math.max(b[2], s.box[2]), Math.max(b[3], s.box[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

const byCount = (counts: Map<string, number>): SearchCount[] =>
  [...counts]
    .map(([label, searches]) => ({ label, searches }))
    .sort((a, b) => b.searches - a.searches || (a.label === '' ? 1 : b.label === '' ? -1 : a.label.localeCompare(b.label)));

const add = (counts: Map<string, number>, key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);

/** The searches among `rows` whose point lies in one of the shapes, added up. */
export function summariseSearches(rows: readonly StopSearchCountRow[], shapes: readonly AreaShape[], lsoas: number): StopSearchSummary {
  const byObject = new Map<string, number>();
  const byOutcome = new Map<string, number>();
  const grouped = new Map<string, SearchRow>();
  let total = 0;
  for (const row of rows) {
    if (row.longitude === null || row.latitude === null) continue;
    const point: [number, number] = [row.longitude, row.latitude];
    if (!shapes.some((s) => inBBox(point, s.box) && pointInAreal(point, s.geometry))) continue;
    total += row.searches;
    add(byObject, row.object_of_search, row.searches);
    add(byOutcome, row.outcome, row.searches);
    const key = [row.month, row.object_of_search, row.outcome, row.legislation].join('\u0000');
    const group = grouped.get(key);
    if (group) group.searches += row.searches;
    else
      grouped.set(key, {
        month: row.month,
        objectOfSearch: row.object_of_search,
        outcome: row.outcome,
        legislation: row.legislation,
        searches: row.searches,
      });
  }
  const order = (a: SearchRow, b: SearchRow) =>
    a.month.localeCompare(b.month) ||
    a.objectOfSearch.localeCompare(b.objectOfSearch) ||
    a.outcome.localeCompare(b.outcome) ||
    a.legislation.localeCompare(b.legislation);
  return {
    lsoasWithBoundary: shapes.length,
    lsoas,
    total,
    byObject: byCount(byObject),
    byOutcome: byCount(byOutcome),
    rows: [...grouped.values()].sort(order),
  };
}
