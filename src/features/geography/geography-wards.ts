import type { Database } from '../../platform/db/database.ts';
import type { ImportOptions } from './geography-import.ts';
import { lsoaPlaces, setLsoaWards, wardBoundaries, type LsoaPlace, type WardBoundary } from './geography-load-repository.ts';
import { bbox, centroid, checkAreal, distanceKm, inBBox, pointInAreal, type ArealGeometry, type BBox, type Position } from './geojson.ts';

/** Giving each LSOA its ward, by where the LSOA's centroid lies. */

export interface WardLookupResult {
  /** LSOAs considered (those of the chosen districts, or all). */
  lsoas: number;
  /** Whose centroid lies in one of their district's wards. */
  contained: number;
  /** Given the ward of their district whose centroid is nearest. */
  nearest: number;
  /** Not given a ward: no boundary (so no centroid) yet, or no wards loaded for their district. */
  withoutBoundary: number;
  withoutWards: number;
  /** LSOAs whose ward changed. */
  changed: number;
  seconds: number;
}

interface WardShape {
  code: string;
  geometry: ArealGeometry;
  box: BBox;
  centre: Position;
}

/** The wards with a usable boundary, by district (the key '' for wards without one), and all of them. */
function wardShapes(wards: readonly WardBoundary[]): { byDistrict: Map<string, WardShape[]>; all: WardShape[] } {
  const byDistrict = new Map<string, WardShape[]>();
  const all: WardShape[] = [];
  for (const w of wards) {
    const checked = checkAreal(w.boundary);
    if (!checked.ok) continue;
    const shape = { code: w.code, geometry: checked.geometry, box: bbox(checked.geometry), centre: centroid(checked.geometry) };
    all.push(shape);
    const key = w.districtCode ?? '';
    byDistrict.set(key, [...(byDistrict.get(key) ?? []), shape]);
  }
  return { byDistrict, all };
}

/**
 * The ward of each LSOA: the ward of its district whose boundary contains the LSOA's centroid, or
 * failing that the ward of its district with the nearest centroid. Returns the counts (but for
 * `changed` and `seconds`) and the [LSOA, ward] pairs that differ from the LSOAs' present ward.
 */
export function lookUpWards(
  lsoas: readonly LsoaPlace[],
  wards: readonly WardBoundary[],
): { result: Omit<WardLookupResult, 'changed' | 'seconds'>; changes: [string, string][] } {
  const { byDistrict, all } = wardShapes(wards);
  const result = { lsoas: lsoas.length, contained: 0, nearest: 0, withoutBoundary: 0, withoutWards: 0 };
  const changes: [string, string][] = [];
  for (const lsoa of lsoas) {
    if (lsoa.lon === null || lsoa.lat === null) {
      result.withoutBoundary++;
      continue;
    }
    const candidates = lsoa.districtCode ? (byDistrict.get(lsoa.districtCode) ?? []) : all;
    if (candidates.length === 0) {
      result.withoutWards++;
      continue;
    }
    const point: Position = [lsoa.lon, lsoa.lat];
    let ward = candidates.find((w) => inBBox(point, w.box) && pointInAreal(point, w.geometry));
    if (ward) result.contained++;
    else {
      ward = candidates.reduce((best, w) => (distanceKm(point, w.centre) < distanceKm(point, best.centre) ? w : best));
      result.nearest++;
    }
    if (ward.code !== lsoa.wardCode) changes.push([lsoa.code, ward.code]);
  }
  return { result, changes };
}

/**
 * Gives each LSOA with a centroid its ward (lookUpWards()). LSOAs of districts with no wards loaded
 * are left as they are. One transaction.
 */
export async function assignWards(db: Database, options: ImportOptions = {}): Promise<WardLookupResult> {
  const started = Date.now();
  return db.bulk(async (s) => {
    const { result, changes } = lookUpWards(await lsoaPlaces(s, options.districts), await wardBoundaries(s, options.districts));
    await setLsoaWards(s, changes);
    return { ...result, changed: changes.length, seconds: (Date.now() - started) / 1000 };
  });
}
