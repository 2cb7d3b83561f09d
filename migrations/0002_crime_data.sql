-- Crime, anti-social behaviour and geography open data.
--
-- These are reference tables shared by every partnership in a deployment (police.uk and ONS data
-- are public and cover many partnerships' areas at once), so they carry no partnership_id and have
-- no row-level security; see docs/decisions/0003-open-data-as-shared-reference-tables.md. A
-- partnership sees them through its own area (partnerships.district_codes). The application role
-- may read them; only the owner (imports run as the system role) writes them.

create table geo_lsoas (
  code text primary key check (code ~ '^[EW]0\d{7}$'),
  name text not null,
  district_code text,
  district_name text,
  population integer,
  population_year smallint,
  imd_rank integer,
  imd_decile smallint check (imd_decile between 1 and 10),
  crime_rank integer,
  crime_decile smallint check (crime_decile between 1 and 10),
  ruc_code text,
  ruc_name text,
  ward_code text,
  boundary jsonb,
  centroid_lon double precision,
  centroid_lat double precision
);
create index geo_lsoas_district_idx on geo_lsoas (district_code);
create index geo_lsoas_ward_idx on geo_lsoas (ward_code);

create table geo_wards (
  code text primary key,
  name text not null,
  district_code text,
  boundary jsonb
);
create index geo_wards_district_idx on geo_wards (district_code);

-- One import run, from the command line or the upload page.
create table police_imports (
  id integer generated always as identity primary key,
  started_by_partnership_id integer references partnerships (id),
  started_by text not null,
  source text not null,
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  message text,
  files_total integer not null default 0,
  files_loaded integer not null default 0,
  files_unchanged integer not null default 0,
  rows_total integer not null default 0,
  rows_accepted integer not null default 0,
  rows_rejected integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);

-- The file loaded for each force, month and kind. A corrected file replaces it whole.
create table police_files (
  id integer generated always as identity primary key,
  import_id integer not null references police_imports (id),
  kind text not null check (kind in ('street', 'outcomes', 'stop-and-search')),
  force text not null,
  month date not null,
  file_name text not null,
  checksum text not null,
  rows_total integer not null,
  rows_accepted integer not null,
  rows_rejected integer not null,
  loaded_at timestamptz not null default now(),
  unique (kind, force, month)
);

-- Every rejected line of every import, with where and why.
create table police_rejections (
  import_id integer not null references police_imports (id),
  file_name text not null,
  line integer not null,
  reason text not null,
  raw text,
  primary key (import_id, file_name, line)
);

create table street_crimes (
  file_id integer not null references police_files (id) on delete cascade,
  line integer not null,
  month date not null,
  force text not null,
  crime_id text,
  reported_by text,
  falls_within text,
  longitude double precision,
  latitude double precision,
  location text,
  lsoa_code text,
  lsoa_name text,
  crime_type text not null,
  outcome text,
  context text,
  primary key (file_id, line)
);
create index street_crimes_lsoa_month_idx on street_crimes (lsoa_code, month);

-- Counts per force, month, LSOA and crime type, made in the same transaction as the rows, so
-- queries never aggregate raw rows. lsoa_code is '' for rows with no location.
create table crime_counts (
  file_id integer not null references police_files (id) on delete cascade,
  month date not null,
  force text not null,
  lsoa_code text not null,
  crime_type text not null,
  crimes integer not null,
  primary key (file_id, lsoa_code, crime_type)
);
create index crime_counts_lsoa_month_idx on crime_counts (lsoa_code, month, crime_type);
create index crime_counts_force_month_idx on crime_counts (force, month, crime_type);

grant select on geo_lsoas, geo_wards, police_imports, police_files, police_rejections, street_crimes, crime_counts to safer_app;
