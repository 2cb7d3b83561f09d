import type { Database, Trx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../audit/events.ts';
import { CRIME_TYPES } from '../crime-data/police-uk-format.ts';
import { addMonths, lowCounts, missingMonths, monthsBetween, type Completeness, type ForceMonth } from './completeness.ts';
import { areaChoices, areaLsoa, areaPopulation, resolveArea, type AreaChoices, type AreaLsoa, type ResolvedArea } from './explore-area.ts';
import type { ExploreChoices, ExploreQuery } from './explore-schemas.ts';
import { areaShapes, shapesBox, summariseSearches, type StopSearchSummary } from './explore-stop-search.ts';
import * as repo from './explore-repository.ts';
import { leftOutOf, type LeftOut } from './left-out.ts';

/**
 * Exploring police.uk counts for a partnership's area. The open-data tables are shared by every
 * partnership (decision 0003), so the confinement is here: every area resolves to LSOAs of the
 * partnership's own districts, and anything else is not found.
 */

export const REPEAT_LOCATIONS = 10;

/** Before May 2013 police.uk had one category for public order and weapons. */
const OLD_CATEGORY = 'Public disorder and weapons';

export interface ExploreContext extends ExploreChoices {
  districtCodes: string[];
  areas: AreaChoices;
}

interface LsoaTotal {
  code: string;
  name: string;
  population: number | null;
  crimes: number;
  byType: Record<string, number>;
}

export interface ExploreSummary {
  area: ResolvedArea;
  from: string;
  to: string;
  /** Every calendar month from `from` to `to`. */
  months: string[];
  types: string[];
  /** Residents of the area, when every LSOA has a figure. */
  population: number | null;
  populationYear: number | null;
  total: number;
  byMonth: { month: string; crimes: number }[];
  byType: { crimeType: string; crimes: number }[];
  /** Every LSOA of the area, in name order, with its counts (0 when it has none). */
  byLsoa: LsoaTotal[];
  /** The counts as read: one row per month, LSOA and type with any. */
  rows: repo.LsoaCountRow[];
  /** Completeness of the forces' data behind these counts, for the months and types chosen. */
  completeness: Completeness;
  /** What the total leaves out of the forces' data: records with no location, or placed outside the area. */
  leftOut: LeftOut;
}

export interface ExplorePage extends ExploreSummary {
  repeatLocations: { location: string; lsoaCode: string; lsoaName: string; crimes: number }[];
  outcomes: { outcome: string | null; crimes: number }[];
  /** Outcomes recorded in the months for crimes in the area (outcomes files), by outcome type. */
  outcomeTypes: { outcomeType: string; outcomes: number }[];
  stopSearch: StopSearchSummary;
  /** Months in the range with no outcomes or stop-and-search file from a force whose crimes are counted here. */
  notLoaded: { outcomes: ForceMonth[]; stopSearch: ForceMonth[] };
  boundaries: Map<string, unknown>;
}

type GroupColumn = 'month' | 'type' | 'lsoa';

interface CountsQuery {
  areaCode: string;
  from: string;
  to: string;
  /** Null for every type. */
  types: string[] | null;
  by: GroupColumn[];
}

interface CountsTable {
  lsoaCount: number;
  columns: string[];
  rows: (string | number)[][];
}

/** Every value of each column a table can be grouped by: its rows include those whose count is 0. */
interface CountsGrid {
  lsoas: readonly AreaLsoa[];
  months: readonly string[];
  types: readonly string[];
}

/** The types to offer: every police.uk category, and the old combined one only when such old months are loaded. */
export function typesFor(months: readonly string[]): string[] {
  const old = months.length > 0 && months[0]! < '2013-05';
  return CRIME_TYPES.filter((t) => t !== OLD_CATEGORY || old);
}

/** Totals by month, type and LSOA from the count rows of an area. Pure. */
export function summariseCounts(
  area: ResolvedArea,
  query: Pick<ExploreQuery, 'from' | 'to' | 'types'>,
  rows: readonly repo.LsoaCountRow[],
): Omit<ExploreSummary, 'rows' | 'completeness' | 'leftOut'> {
  const months = monthsBetween(query.from, query.to);
  const byMonth = new Map(months.map((m) => [m, 0]));
  const byType = new Map(query.types.map((t) => [t, 0]));
  const byLsoa = new Map<string, LsoaTotal>(
    area.lsoas.map((l) => [l.code, { code: l.code, name: l.name, population: l.population, crimes: 0, byType: {} }]),
  );
  let total = 0;
  for (const row of rows) {
    const lsoa = byLsoa.get(row.lsoa_code);
    if (!lsoa || !byType.has(row.crime_type) || !byMonth.has(row.month)) continue;
    total += row.crimes;
    byMonth.set(row.month, byMonth.get(row.month)! + row.crimes);
    byType.set(row.crime_type, byType.get(row.crime_type)! + row.crimes);
    lsoa.crimes += row.crimes;
    lsoa.byType[row.crime_type] = (lsoa.byType[row.crime_type] ?? 0) + row.crimes;
  }
  const years = area.lsoas.map((l) => l.populationYear).filter((y): y is number => y !== null);
  return {
    area,
    from: query.from,
    to: query.to,
    months,
    types: [...query.types],
    population: areaPopulation(area.lsoas),
    populationYear: years.length > 0 ? Math.max(...years) : null,
    total,
    byMonth: [...byMonth].map(([month, crimes]) => ({ month, crimes })),
    byType: [...byType].map(([crimeType, crimes]) => ({ crimeType, crimes })),
    byLsoa: [...byLsoa.values()],
  };
}

async function loadContext(trx: Trx, partnershipId: number): Promise<ExploreContext> {
  const districtCodes = await repo.partnershipDistrictCodes(trx, partnershipId);
  const lsoas = await repo.lsoasInDistricts(trx, districtCodes);
  const wardCodes = [...new Set(lsoas.flatMap((l) => (l.ward_code ? [l.ward_code] : [])))];
  const wards = await repo.wardsByCode(trx, wardCodes);
  const months = await repo.loadedMonths(trx);
  return { districtCodes, areas: areaChoices(districtCodes, lsoas, wards), months, types: typesFor(months) };
}

/**
 * Completeness of the data of the forces that cover these LSOAs, for the months and types chosen,
 * and what a total of the LSOAs' counts leaves out of it.
 */
async function completenessFor(
  trx: Trx,
  filter: repo.CountFilter,
  forces: readonly string[],
  total: number,
): Promise<{ completeness: Completeness; leftOut: LeftOut }> {
  // Each month's neighbours are up to 2 months either side, so 2 more months each way are enough.
  const counts = await repo.forceCounts(trx, forces, addMonths(filter.from, -2), addMonths(filter.to, 2));
  const inRange = (month: string) => month >= filter.from && month <= filter.to;
  const noLocation = await repo.noLocationCrimes(trx, forces, filter);
  return {
    completeness: {
      low: lowCounts(counts).filter((f) => inRange(f.month) && filter.types.includes(f.crimeType)),
      missing: missingMonths(await repo.loadedForceMonths(trx, forces)).filter((m) => inRange(m.month)),
    },
    leftOut: leftOutOf(counts, filter, forces, { total, noLocation }),
  };
}

/** The summary, with the forces whose crimes it counts. */
async function loadSummary(trx: Trx, partnershipId: number, query: ExploreQuery): Promise<ExploreSummary & { forces: string[] }> {
  const context = await loadContext(trx, partnershipId);
  const area = resolveArea(context.areas, query.area);
  if (!area) throw notFound();
  const filter: repo.CountFilter = { lsoaCodes: area.lsoas.map((l) => l.code), from: query.from, to: query.to, types: query.types };
  const rows = await repo.countsByMonthLsoaType(trx, filter);
  const forces = await repo.forcesCovering(trx, filter);
  const summary = summariseCounts(area, query, rows);
  return { ...summary, rows, ...(await completenessFor(trx, filter, forces, summary.total)), forces };
}

/** The months from `from` to `to` for which each force has no file loaded. Pure. */
export function monthsNotLoaded(loaded: readonly ForceMonth[], forces: readonly string[], from: string, to: string): ForceMonth[] {
  const have = new Set(loaded.map((m) => `${m.force} ${m.month}`));
  return forces.flatMap((force) =>
    monthsBetween(from, to)
      .filter((month) => !have.has(`${force} ${month}`))
      .map((month) => ({ force, month })),
  );
}

/** The area a query names, within the partnership; anything else is not found. */
async function areaFor(trx: Trx, partnershipId: number, query: ExploreQuery): Promise<ResolvedArea> {
  const area = resolveArea((await loadContext(trx, partnershipId)).areas, query.area);
  if (!area) throw notFound();
  return area;
}

/** The searches placed in the area's LSOAs by their boundaries. */
async function stopSearchIn(
  trx: Trx,
  lsoas: number,
  boundaries: ReadonlyMap<string, unknown>,
  from: string,
  to: string,
): Promise<StopSearchSummary> {
  const shapes = areaShapes(boundaries);
  const box = shapesBox(shapes);
  return summariseSearches(box ? await repo.stopSearchCounts(trx, box, from, to) : [], shapes, lsoas);
}

const filterOf = (summary: ExploreSummary): repo.CountFilter => ({
  lsoaCodes: summary.area.lsoas.map((l) => l.code),
  from: summary.from,
  to: summary.to,
  types: summary.types,
});

/**
 * Groups count rows by the columns asked for, with a row for every month, type and LSOA of the grid
 * in those columns (0 when there are no crimes); rows come out sorted by those columns. Pure.
 */
export function groupCounts(rows: readonly repo.LsoaCountRow[], grid: CountsGrid, by: readonly GroupColumn[]): CountsTable {
  const names = new Map(grid.lsoas.map((l) => [l.code, l.name]));
  const columns = by.flatMap((c) => (c === 'month' ? ['month'] : c === 'type' ? ['crime_type'] : ['lsoa_code', 'lsoa_name']));
  const values = (c: GroupColumn): readonly string[] => (c === 'month' ? grid.months : c === 'type' ? grid.types : [...names.keys()]);
  const keys = by.reduce<string[][]>((partial, c) => partial.flatMap((key) => values(c).map((v) => [...key, v])), [[]]);
  const groups = new Map(keys.map((key) => [key.join('\u0000'), { key, crimes: 0 }]));
  for (const row of rows) {
    if (!names.has(row.lsoa_code) || !grid.months.includes(row.month) || !grid.types.includes(row.crime_type)) continue;
    const key = by.map((c) => (c === 'month' ? row.month : c === 'type' ? row.crime_type : row.lsoa_code));
    groups.get(key.join('\u0000'))!.crimes += row.crimes;
  }
  const sorted = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      if (a.key[i]! !== b.key[i]!) return a.key[i]! < b.key[i]! ? -1 : 1;
    }
    return 0;
  });
  return {
    lsoaCount: grid.lsoas.length,
    columns: [...columns, 'crimes'],
    rows: sorted.map((g) => [...g.key.flatMap((value, i) => (by[i] === 'lsoa' ? [value, names.get(value) ?? ''] : [value])), g.crimes]),
  };
}

export function createExploreService(deps: { db: Database }) {
  const { db } = deps;
  return {
    /** The partnership's districts and areas, the loaded months and the crime types to choose from. */
    context: (actor: Actor) => db.tenant(actor.partnershipId, (trx) => loadContext(trx, actor.partnershipId)),

    /** Everything the explore page shows. An area outside the partnership is not found. */
    page: (actor: Actor, query: ExploreQuery): Promise<ExplorePage> =>
      db.tenant(actor.partnershipId, async (trx) => {
        const summary = await loadSummary(trx, actor.partnershipId, query);
        const filter = filterOf(summary);
        const names = new Map(summary.area.lsoas.map((l) => [l.code, l.name]));
        const locations = await repo.repeatLocations(trx, filter, REPEAT_LOCATIONS);
        const boundaries = await repo.lsoaBoundaries(trx, filter.lsoaCodes);
        const { forces } = summary;
        return {
          ...summary,
          repeatLocations: locations.map((l) => ({
            location: l.location,
            lsoaCode: l.lsoa_code,
            lsoaName: names.get(l.lsoa_code) ?? l.lsoa_code,
            crimes: l.crimes,
          })),
          outcomes: await repo.outcomeCounts(trx, filter),
          outcomeTypes: (await repo.outcomeTypeCounts(trx, filter)).map((o) => ({ outcomeType: o.outcome_type, outcomes: o.outcomes })),
          stopSearch: await stopSearchIn(trx, filter.lsoaCodes.length, boundaries, summary.from, summary.to),
          notLoaded: {
            outcomes: monthsNotLoaded(await repo.loadedKindMonths(trx, 'outcomes', forces), forces, summary.from, summary.to),
            stopSearch: monthsNotLoaded(await repo.loadedKindMonths(trx, 'stop-and-search', forces), forces, summary.from, summary.to),
          },
          boundaries,
        };
      }),

    /** The outcomes (outcomes files) of an area by month, LSOA and outcome type, for a download. */
    outcomesDownload: (actor: Actor, query: ExploreQuery) =>
      db.tenant(actor.partnershipId, async (trx) => {
        const area = await areaFor(trx, actor.partnershipId, query);
        return {
          area,
          rows: await repo.outcomeCountsByMonthLsoa(trx, { lsoaCodes: area.lsoas.map((l) => l.code), from: query.from, to: query.to }),
        };
      }),

    /** The searches (stop-and-search files) in an area, for a download. */
    stopSearchDownload: (actor: Actor, query: ExploreQuery) =>
      db.tenant(actor.partnershipId, async (trx) => {
        const area = await areaFor(trx, actor.partnershipId, query);
        const codes = area.lsoas.map((l) => l.code);
        return stopSearchIn(trx, codes.length, await repo.lsoaBoundaries(trx, codes), query.from, query.to);
      }),

    /** The counts for a download, with the LSOAs' boundaries when asked. */
    download: (actor: Actor, query: ExploreQuery, options: { boundaries: boolean }) =>
      db.tenant(actor.partnershipId, async (trx) => {
        const summary = await loadSummary(trx, actor.partnershipId, query);
        const boundaries = options.boundaries ? await repo.lsoaBoundaries(trx, filterOf(summary).lsoaCodes) : new Map<string, unknown>();
        return { ...summary, boundaries };
      }),

    /**
     * (system) For the command line, which works outside any partnership: counts for a district,
     * ward or LSOA by code, grouped by the columns asked for (every month, type or LSOA, 0 when it
     * has none), with what the counts leave out. Null when no LSOA has the code.
     */
    queryCounts: (query: CountsQuery): Promise<(CountsTable & { leftOut: LeftOut; ward: boolean }) | null> =>
      db.system(async (trx) => {
        const lsoas = (await repo.lsoasForCode(trx, query.areaCode)).map(areaLsoa);
        if (lsoas.length === 0) return null;
        const months = monthsBetween(query.from, query.to);
        const filter = { lsoaCodes: lsoas.map((l) => l.code), from: query.from, to: query.to, types: query.types ?? typesFor(months) };
        const rows = await repo.countsByMonthLsoaType(trx, filter);
        const total = rows.reduce((n, r) => n + r.crimes, 0);
        const { leftOut } = await completenessFor(trx, filter, await repo.forcesCovering(trx, filter), total);
        const ward = lsoas.some((l) => l.wardCode === query.areaCode);
        return { ...groupCounts(rows, { lsoas, months, types: filter.types }, query.by), leftOut, ward };
      }),
  };
}
