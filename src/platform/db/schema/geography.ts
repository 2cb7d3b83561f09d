import type { Generated, Selectable } from 'kysely';
import type { ArealGeometry } from '../../../features/geography/geojson.ts';
import type { CreatedAt, NullableJson } from './columns.ts';

/**
 * The ONS geography every partnership shares (migrations 0002 and 0005): reference tables with no
 * partnership_id (docs/decisions/0003-open-data-as-shared-reference-tables.md), read by district,
 * ward or LSOA code, written only by imports as the owner. Boundaries are GeoJSON in WGS84.
 */

/** What a geography file's rows are: CSV lines, or GeoJSON and TopoJSON features. */
export type GeoImportUnit = 'line' | 'feature';

export interface GeoLsoasTable {
  code: string;
  name: string;
  district_code: string | null;
  district_name: string | null;
  population: number | null;
  population_year: number | null;
  imd_rank: number | null;
  /** 1 is the most deprived tenth of LSOAs in England. */
  imd_decile: number | null;
  crime_rank: number | null;
  crime_decile: number | null;
  ruc_code: string | null;
  ruc_name: string | null;
  ward_code: string | null;
  boundary: NullableJson<ArealGeometry>;
  centroid_lon: number | null;
  centroid_lat: number | null;
}

export interface GeoWardsTable {
  code: string;
  name: string;
  district_code: string | null;
  boundary: NullableJson<ArealGeometry>;
}

/** One geography file imported, with its totals. */
export interface GeoImportsTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  unit: GeoImportUnit;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_ignored: number;
  ignored_reason: string | null;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  imported_at: CreatedAt;
}

/** A rejected row of a geography import: where (line or feature number) and why. */
export interface GeoRejectionsTable {
  import_id: number;
  line: number;
  reason: string;
  raw: string | null;
}

export interface GeographyTables {
  geo_lsoas: GeoLsoasTable;
  geo_wards: GeoWardsTable;
  geo_imports: GeoImportsTable;
  geo_rejections: GeoRejectionsTable;
}

export type GeoLsoa = Selectable<GeoLsoasTable>;
export type GeoWard = Selectable<GeoWardsTable>;
export type GeoImport = Selectable<GeoImportsTable>;
export type GeoRejection = Selectable<GeoRejectionsTable>;
