import type { Generated, Selectable } from 'kysely';
import type {
  AGE_RANGES,
  GENDERS,
  OFFICER_DEFINED_ETHNICITIES,
  SEARCH_TYPES,
  SELF_DEFINED_ETHNICITIES,
} from '../../../features/crime-data/police-stop-search-format.ts';
import type { ChangedAt, CreatedAt, NullableTimestamp, Timestamp, ViewColumn } from './columns.ts';

/**
 * The police.uk data every partnership shares (migrations 0002 and 0005 to 0008): reference tables
 * with no partnership_id (docs/decisions/0003-open-data-as-shared-reference-tables.md), written by
 * imports as the owner and read by LSOA and month. Months are dates, the first of the month.
 */

export type PoliceImportStatus = 'running' | 'completed' | 'failed';

export type PoliceFileKind = 'street' | 'outcomes' | 'stop-and-search';

/**
 * A file's rows go in while it is loading, readers see it once it is current, and it is retired when
 * a later file of its force, month and kind replaces it (docs/decisions/0006).
 */
export type PoliceFileState = 'loading' | 'current' | 'retired';

/** One import run, from the command line (no partnership) or the upload page. */
export interface PoliceImportsTable {
  id: Generated<number>;
  started_by_partnership_id: number | null;
  started_by: string;
  source: string;
  status: Generated<PoliceImportStatus>;
  message: string | null;
  files_total: Generated<number>;
  files_loaded: Generated<number>;
  files_unchanged: Generated<number>;
  rows_total: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  started_at: CreatedAt;
  finished_at: NullableTimestamp;
}

/** The partnerships whose area an import changed (row-level security: each reads its own). */
export interface PoliceImportPartnershipsTable {
  import_id: number;
  partnership_id: number;
}

/** A file loaded for a force, month and kind. */
export interface PoliceFilesTable {
  id: Generated<number>;
  import_id: number;
  kind: PoliceFileKind;
  force: string;
  /** 'YYYY-MM-01' */
  month: string;
  file_name: string;
  checksum: string;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  loaded_at: ChangedAt;
  state: Generated<PoliceFileState>;
  retired_by_import_id: number | null;
}

/** A rejected line of an import's file, with where and why. */
export interface PoliceRejectionsTable {
  import_id: number;
  file_name: string;
  line: number;
  reason: string;
  raw: string | null;
}

/** The rows of street files, as the file gave them. */
export interface StreetCrimesTable {
  file_id: number;
  line: number;
  month: string;
  force: string;
  crime_id: string | null;
  reported_by: string | null;
  falls_within: string | null;
  longitude: number | null;
  latitude: number | null;
  location: string | null;
  lsoa_code: string | null;
  lsoa_name: string | null;
  crime_type: string;
  outcome: string | null;
  context: string | null;
}

/** police.uk's crime types, numbered as crime_lsoa_months' arrays number them. */
export interface CrimeTypesTable {
  id: number;
  name: string;
}

/**
 * What a street file's rows in one LSOA add up to, in parallel arrays (docs/decisions/0004):
 * crimes by crime type, by crime type and last outcome (null: none recorded) and by location.
 * lsoa_code is '' for rows with no location.
 */
export interface CrimeLsoaMonthsTable {
  file_id: number;
  month: string;
  force: string;
  lsoa_code: string;
  crime_types: number[];
  crimes: number[];
  outcome_types: number[];
  outcomes: (string | null)[];
  outcome_crimes: number[];
  locations: string[];
  location_types: number[];
  location_crimes: number[];
}

/** A view of crime_lsoa_months: crimes per file, LSOA and crime type (by name). */
export interface CrimeCountsView {
  file_id: ViewColumn<number>;
  month: ViewColumn<string>;
  force: ViewColumn<string>;
  lsoa_code: ViewColumn<string>;
  crime_type: ViewColumn<string>;
  crimes: ViewColumn<number>;
}

/** A force's crimes per month and crime type, from its street file. */
export interface CrimeForceCountsTable {
  file_id: number;
  month: string;
  force: string;
  crime_type: string;
  crimes: number;
}

/** The rows of outcomes files: an outcome recorded in the file's month for a crime, perhaps of an earlier month. */
export interface PoliceOutcomesTable {
  file_id: number;
  line: number;
  month: string;
  force: string;
  crime_id: string;
  reported_by: string;
  falls_within: string;
  longitude: number | null;
  latitude: number | null;
  location: string | null;
  lsoa_code: string | null;
  lsoa_name: string | null;
  outcome_type: string;
}

/** Outcomes per file, LSOA and outcome type ('' for crimes with no location). */
export interface OutcomeCountsTable {
  file_id: number;
  month: string;
  force: string;
  lsoa_code: string;
  outcome_type: string;
  outcomes: number;
}

/** The rows of stop-and-search files, the person searched only as police.uk's published categories. */
export interface PoliceStopSearchesTable {
  file_id: number;
  line: number;
  month: string;
  force: string;
  search_type: (typeof SEARCH_TYPES)[number];
  searched_at: Timestamp;
  part_of_operation: boolean | null;
  operation_name: string | null;
  latitude: number | null;
  longitude: number | null;
  gender: (typeof GENDERS)[number] | null;
  age_range: (typeof AGE_RANGES)[number] | null;
  self_defined_ethnicity: (typeof SELF_DEFINED_ETHNICITIES)[number] | null;
  officer_defined_ethnicity: (typeof OFFICER_DEFINED_ETHNICITIES)[number] | null;
  legislation: string | null;
  object_of_search: string | null;
  outcome: string | null;
  outcome_linked_to_object: boolean | null;
  removal_of_more_than_outer_clothing: boolean | null;
}

/** Searches per file, place (null: no location), object, outcome and legislation ('' when not recorded). */
export interface StopSearchCountsTable {
  file_id: number;
  month: string;
  force: string;
  longitude: number | null;
  latitude: number | null;
  object_of_search: string;
  outcome: string;
  legislation: string;
  searches: number;
}

export interface PoliceTables {
  police_imports: PoliceImportsTable;
  police_import_partnerships: PoliceImportPartnershipsTable;
  police_files: PoliceFilesTable;
  police_rejections: PoliceRejectionsTable;
  street_crimes: StreetCrimesTable;
  crime_types: CrimeTypesTable;
  crime_lsoa_months: CrimeLsoaMonthsTable;
  crime_counts: CrimeCountsView;
  crime_force_counts: CrimeForceCountsTable;
  police_outcomes: PoliceOutcomesTable;
  outcome_counts: OutcomeCountsTable;
  police_stop_searches: PoliceStopSearchesTable;
  stop_search_counts: StopSearchCountsTable;
}

export type PoliceImport = Selectable<PoliceImportsTable>;
export type PoliceFile = Selectable<PoliceFilesTable>;
export type PoliceRejection = Selectable<PoliceRejectionsTable>;
