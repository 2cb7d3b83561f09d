import type { LowCountFlag } from './completeness.ts';
import type { ResolvedArea } from './explore-area.ts';
import type { OutcomeCountRow } from './explore-repository.ts';
import { asGeometry } from './svg/choropleth.ts';
import { groupCounts, type ExploreSummary } from './explore-service.ts';
import type { StopSearchSummary } from './explore-stop-search.ts';

/** The explore page's downloads, and the command line's output: CSV and GeoJSON text. Pure functions. */

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) is prefixed with '.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [columns, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Crimes per 1,000 residents, or null without a population. */
export function ratePer1000(crimes: number, population: number | null): number | null {
  return population && population > 0 ? (crimes / population) * 1000 : null;
}

const flagKey = (month: string, crimeType: string) => `${month}|${crimeType}`;

const CSV_COLUMNS = ['month', 'crime_type', 'lsoa_code', 'lsoa_name', 'crimes', 'possibly_incomplete'] as const;

/**
 * One row per month, crime type and LSOA of the area, 0 when it has no crimes, with whether the
 * force's data for it looks incomplete.
 */
export function countsCsv(summary: Pick<ExploreSummary, 'rows' | 'area' | 'completeness' | 'months' | 'types'>): string {
  const flagged = new Set(summary.completeness.low.map((f: LowCountFlag) => flagKey(f.month, f.crimeType)));
  const missing = new Set(summary.completeness.missing.map((m) => m.month));
  const grid = { lsoas: summary.area.lsoas, months: summary.months, types: summary.types };
  return toCsv(
    CSV_COLUMNS,
    groupCounts(summary.rows, grid, ['month', 'type', 'lsoa']).rows.map((row) => {
      const [month, crimeType] = row as [string, string];
      return [...row, flagged.has(flagKey(month, crimeType)) || missing.has(month) ? 'yes' : 'no'];
    }),
  );
}

const OUTCOMES_CSV_COLUMNS = ['month', 'lsoa_code', 'lsoa_name', 'outcome_type', 'outcomes'] as const;

/** Outcomes recorded (outcomes files), one row per month, LSOA and outcome type with any. */
export function outcomesCsv(download: { area: Pick<ResolvedArea, 'lsoas'>; rows: readonly OutcomeCountRow[] }): string {
  const names = new Map(download.area.lsoas.map((l) => [l.code, l.name]));
  return toCsv(
    OUTCOMES_CSV_COLUMNS,
    download.rows.map((r) => [r.month, r.lsoa_code, names.get(r.lsoa_code) ?? '', r.outcome_type, r.outcomes]),
  );
}

const STOP_SEARCH_CSV_COLUMNS = ['month', 'object_of_search', 'outcome', 'legislation', 'searches'] as const;

/** Searches in the area, one row per month, object of search, outcome and legislation (blank when not recorded). */
export function stopSearchCsv(summary: Pick<StopSearchSummary, 'rows'>): string {
  return toCsv(
    STOP_SEARCH_CSV_COLUMNS,
    summary.rows.map((r) => [r.month, r.objectOfSearch, r.outcome, r.legislation, r.searches]),
  );
}

const round = (value: number | null, places: number) => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);

/**
 * The area's LSOAs as GeoJSON features, with their counts (in total and by type) and rates as
 * properties, and what the counts leave out (records with no location, or outside the area) as the
 * collection's `not_counted`.
 */
export function lsoaGeoJson(
  summary: Pick<ExploreSummary, 'byLsoa' | 'types' | 'from' | 'to' | 'leftOut'>,
  boundaries: ReadonlyMap<string, unknown>,
): string {
  const features = summary.byLsoa.map((l) => {
    const byType: Record<string, number> = {};
    for (const t of summary.types) byType[t] = l.byType[t] ?? 0;
    return {
      type: 'Feature',
      id: l.code,
      properties: {
        lsoa_code: l.code,
        lsoa_name: l.name,
        from: summary.from,
        to: summary.to,
        population: l.population,
        crimes: l.crimes,
        rate_per_1000: round(ratePer1000(l.crimes, l.population), 3),
        ...byType,
      },
      geometry: asGeometry(boundaries.get(l.code)),
    };
  });
  const { forces, noLocation, outsideArea } = summary.leftOut;
  return JSON.stringify({
    type: 'FeatureCollection',
    not_counted: { forces, no_location: noLocation, outside_area: outsideArea },
    features,
  });
}

/** A counts table for the command line: CSV with a header row, or JSON, an array of one object per row. */
export function formatCountsTable(
  table: { columns: readonly string[]; rows: readonly (readonly (string | number)[])[] },
  format: 'csv' | 'json',
): string {
  if (format === 'csv') return toCsv(table.columns, table.rows);
  const objects = table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}
