-- police.uk outcomes and stop-and-search files, and the rejected rows of geography imports.
--
-- Shared reference tables like street_crimes (docs/decisions/0003-open-data-as-shared-reference-tables.md):
-- no partnership_id and no row-level security. The application role may read them; imports write
-- them as the owner, each force, month and kind of file in one transaction with its counts.

-- The rows of outcomes files (YYYY-MM-<force>-outcomes.csv): an outcome recorded in the file's month
-- for a crime, which may have been reported in an earlier month.
create table police_outcomes (
  file_id integer not null references police_files (id) on delete cascade,
  line integer not null,
  month date not null,
  force text not null,
  crime_id text not null,
  reported_by text not null,
  falls_within text not null,
  longitude double precision,
  latitude double precision,
  location text,
  lsoa_code text,
  lsoa_name text,
  outcome_type text not null,
  primary key (file_id, line)
);

-- Outcomes per force, month, LSOA and outcome type, made in the same transaction as the rows, so
-- queries never aggregate raw rows. lsoa_code is '' for outcomes of crimes with no location.
create table outcome_counts (
  file_id integer not null references police_files (id) on delete cascade,
  month date not null,
  force text not null,
  lsoa_code text not null,
  outcome_type text not null,
  outcomes integer not null,
  primary key (file_id, lsoa_code, outcome_type)
);
create index outcome_counts_lsoa_month_idx on outcome_counts (lsoa_code, month);

-- The rows of stop-and-search files (YYYY-MM-<force>-stop-and-search.csv), as police.uk publishes
-- them. The fields about the person searched are kept only as police.uk's published categories.
create table police_stop_searches (
  file_id integer not null references police_files (id) on delete cascade,
  line integer not null,
  month date not null,
  force text not null,
  search_type text not null check (search_type in ('Person search', 'Vehicle search', 'Person and Vehicle search')),
  searched_at timestamptz not null,
  part_of_operation boolean,
  operation_name text,
  latitude double precision,
  longitude double precision,
  gender text check (gender in ('Male', 'Female', 'Other')),
  age_range text check (age_range in ('under 10', '10-17', '18-24', '25-34', 'over 34')),
  self_defined_ethnicity text check (self_defined_ethnicity in (
    'Asian/Asian British - Bangladeshi',
    'Asian/Asian British - Chinese',
    'Asian/Asian British - Indian',
    'Asian/Asian British - Pakistani',
    'Asian/Asian British - Any other Asian background',
    'Black/African/Caribbean/Black British - African',
    'Black/African/Caribbean/Black British - Caribbean',
    'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background',
    'Mixed/Multiple ethnic groups - White and Asian',
    'Mixed/Multiple ethnic groups - White and Black African',
    'Mixed/Multiple ethnic groups - White and Black Caribbean',
    'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background',
    'Other ethnic group - Arab',
    'Other ethnic group - Any other ethnic group',
    'Other ethnic group - Not stated',
    'White - English/Welsh/Scottish/Northern Irish/British',
    'White - Irish',
    'White - Gypsy or Irish Traveller',
    'White - Roma',
    'White - Any other White background'
  )),
  officer_defined_ethnicity text check (officer_defined_ethnicity in ('Asian', 'Black', 'Mixed', 'Other', 'White')),
  legislation text,
  object_of_search text,
  outcome text,
  outcome_linked_to_object boolean,
  removal_of_more_than_outer_clothing boolean,
  primary key (file_id, line)
);

-- Searches per force, month, place (police.uk's anonymised point; null for no location), object of
-- search, outcome and legislation ('' when not recorded), made in the same transaction as the rows.
-- An area's searches are those whose point lies in its LSOAs' boundaries.
create table stop_search_counts (
  file_id integer not null references police_files (id) on delete cascade,
  month date not null,
  force text not null,
  longitude double precision,
  latitude double precision,
  object_of_search text not null,
  outcome text not null,
  legislation text not null,
  searches integer not null
);
create index stop_search_counts_file_idx on stop_search_counts (file_id);
create index stop_search_counts_place_idx on stop_search_counts (latitude, longitude, month);

-- One geography file imported (safer import geography, or the demo loader), with its totals.
create table geo_imports (
  id integer generated always as identity primary key,
  kind text not null,
  file_name text not null,
  -- What rows are: CSV lines, or GeoJSON and TopoJSON features.
  unit text not null check (unit in ('line', 'feature')),
  rows_total integer not null,
  rows_accepted integer not null,
  rows_rejected integer not null,
  rows_ignored integer not null,
  ignored_reason text,
  rows_inserted integer not null,
  rows_updated integer not null,
  rows_unchanged integer not null,
  imported_at timestamptz not null default now()
);

-- Every rejected row of every geography import, with where (line or feature number) and why.
create table geo_rejections (
  import_id integer not null references geo_imports (id) on delete cascade,
  line integer not null,
  reason text not null,
  raw text,
  primary key (import_id, line)
);

grant select on police_outcomes, outcome_counts, police_stop_searches, stop_search_counts, geo_imports, geo_rejections to safer_app;
