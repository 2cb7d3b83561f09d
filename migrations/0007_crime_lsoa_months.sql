-- One row per LSOA and street file (a force's month) in place of one count row per LSOA and crime
-- type and an index entry per street row, so a national year loads at the speed issue 4 asks for.
--
-- Every read of the crime data is by LSOA and month (the explore page, indicators, the performance
-- report): counts by crime type, last outcomes by crime type, and crimes at each location (repeat
-- locations). Before this migration the counts were a row per LSOA and crime type (crime_counts, a
-- third to three quarters as many rows as street rows), and outcomes and locations were read from
-- street_crimes through a B-tree on (lsoa_code, month) with an entry for every street row. Adding
-- those index entries was half of what a street row cost the server to load, and the count rows a
-- further third.
--
-- crime_lsoa_months holds all three for an LSOA and file in one row of parallel arrays (the first
-- element of crime_types goes with the first of crimes, and so on), made by the importer while it
-- reads the file and written in the same transaction as the rows. It is read through its own
-- (lsoa_code, month) index: one entry per LSOA and month, about a fourteenth of the entries the street
-- rows had. street_crimes keeps every accepted row exactly as the file gave it, found by file
-- (BRIN on file_id), and loses its (lsoa_code, month) index.
--
-- crime_counts becomes a view of the counts, with the columns it had, so everything that reads
-- counts reads them as before.
--
-- lsoa_code is '' for rows with no location, as in crime_counts. Outcomes: null is no outcome
-- recorded. Locations: rows with no location ("No Location") are not in the location arrays. Crime
-- types are numbers in the arrays (crime_types.id: each name once per file, not once per element),
-- in the order of CRIME_TYPES in src/features/crime-data/police-uk-format.ts, which a test checks.

create table crime_types (
  id smallint primary key,
  name text not null unique
);
insert into crime_types (id, name) values
  (1, 'Anti-social behaviour'),
  (2, 'Bicycle theft'),
  (3, 'Burglary'),
  (4, 'Criminal damage and arson'),
  (5, 'Drugs'),
  (6, 'Other crime'),
  (7, 'Other theft'),
  (8, 'Possession of weapons'),
  (9, 'Public order'),
  (10, 'Robbery'),
  (11, 'Shoplifting'),
  (12, 'Theft from the person'),
  (13, 'Vehicle crime'),
  (14, 'Violence and sexual offences'),
  (15, 'Public disorder and weapons');
-- Too few rows for autovacuum ever to look at: without this the planner guesses a thousand.
analyze crime_types;

create table crime_lsoa_months (
  file_id integer not null,
  month date not null,
  force text not null,
  lsoa_code text collate "C" not null,
  crime_types smallint[] not null,
  crimes integer[] not null,
  outcome_types smallint[] not null,
  outcomes text[] not null,
  outcome_crimes integer[] not null,
  locations text[] not null,
  location_types smallint[] not null,
  location_crimes integer[] not null
);

insert into crime_lsoa_months (file_id, month, force, lsoa_code, crime_types, crimes, outcome_types, outcomes, outcome_crimes,
                               locations, location_types, location_crimes)
with typed as (
  select c.file_id, c.month, c.force, coalesce(c.lsoa_code, '') as lsoa_code, t.id as crime_type, c.outcome, c.location
  from street_crimes c join crime_types t on t.name = c.crime_type
), by_type as (
  select file_id, month, force, lsoa_code,
         array_agg(crime_type order by crime_type) as crime_types, array_agg(crimes order by crime_type) as crimes
  from (select file_id, month, force, lsoa_code, crime_type, count(*)::int as crimes
        from typed group by file_id, month, force, lsoa_code, crime_type) t
  group by file_id, month, force, lsoa_code
), by_outcome as (
  select file_id, lsoa_code,
         array_agg(crime_type order by crime_type, outcome nulls first) as outcome_types,
         array_agg(outcome order by crime_type, outcome nulls first) as outcomes,
         array_agg(crimes order by crime_type, outcome nulls first) as outcome_crimes
  from (select file_id, lsoa_code, crime_type, outcome, count(*)::int as crimes
        from typed group by file_id, lsoa_code, crime_type, outcome) o
  group by file_id, lsoa_code
), by_location as (
  select file_id, lsoa_code,
         array_agg(location order by location, crime_type) as locations, array_agg(crime_type order by location, crime_type) as location_types,
         array_agg(crimes order by location, crime_type) as location_crimes
  from (select file_id, lsoa_code, location, crime_type, count(*)::int as crimes
        from typed where location is not null group by file_id, lsoa_code, location, crime_type) l
  group by file_id, lsoa_code
)
select t.file_id, t.month, t.force, t.lsoa_code, t.crime_types, t.crimes, o.outcome_types, o.outcomes, o.outcome_crimes,
       coalesce(l.locations, '{}'), coalesce(l.location_types, '{}'), coalesce(l.location_crimes, '{}')
from by_type t
join by_outcome o on o.file_id = t.file_id and o.lsoa_code = t.lsoa_code
left join by_location l on l.file_id = t.file_id and l.lsoa_code = t.lsoa_code
order by t.file_id, t.lsoa_code;

create index crime_lsoa_months_lsoa_month_idx on crime_lsoa_months (lsoa_code, month);
create index crime_lsoa_months_file_idx on crime_lsoa_months using brin (file_id);

drop table crime_counts;
create view crime_counts as
  select m.file_id, m.month, m.force, m.lsoa_code, t.name as crime_type, c.crimes
  from crime_lsoa_months m
  cross join lateral unnest(m.crime_types, m.crimes) as c (crime_type, crimes)
  join crime_types t on t.id = c.crime_type;

drop index street_crimes_lsoa_month_idx;

grant select on crime_types, crime_lsoa_months, crime_counts to safer_app;

create or replace function police_files_delete_rows() returns trigger language plpgsql as $$
begin
  if old.kind = 'street' then
    delete from street_crimes where file_id = old.id;
    delete from crime_lsoa_months where file_id = old.id;
    delete from crime_force_counts where force = old.force and month = old.month and file_id = old.id;
  end if;
  return old;
end;
$$;
