-- Loading police.uk street files at the speed issue 4 asks for, with the same guarantees.
--
-- Every street row and count row is written once, by the importer, in the transaction that also
-- writes its police_files row, and read by area and month. What each row costs to write is mostly its
-- indexes and checks, so they are cut to what the reads and the importer use:
--
-- * The foreign keys from street_crimes and crime_counts to police_files checked every row as it
--   went in (as much again as the insert itself, and more on a server where the importer is not a
--   superuser). The importer always writes the police_files row first, in the same transaction, so
--   the check could not fail. What the keys also did, delete a file's rows with it, a trigger now
--   does (police_files_delete_rows below), so deleting a police_files row still leaves nothing behind.
-- * street_crimes' primary key (file_id, line) was read only to delete a file's rows; a BRIN index
--   on file_id does that for almost nothing, since a file's rows go in together. Lines are unique
--   within a file because the importer numbers them.
-- * crime_counts' primary key (file_id, lsoa_code, crime_type) was likewise only for deletes, and
--   the importer adds the counts up, so each key occurs once anyway.
-- * crime_counts is read by LSOA and month (the explore page: lsoa_code = any(...) and a month range,
--   sometimes with crime types). That index loses crime_type: the rows of an LSOA and month, a few
--   crime types, sit together because the importer writes them in LSOA order, and smaller keys cost
--   less to add. Its other index, by force and month, goes: it served only the completeness check,
--   which added up every LSOA's counts of a force on each request (a quarter of a million rows for
--   the Metropolitan Police over a year: 60 ms and more). The importer now also writes a force's
--   totals per month and crime type (crime_force_counts, a few rows per file) for it to read.
--   A file's counts are found to delete them by a BRIN index on file_id, as its rows are.
-- * LSOA codes are compared as bytes (collation "C"): for codes (E or W, then digits) that is the
--   order every collation gives, and equality is the same, but comparing in the database's own
--   collation (strcoll) was a sixth of a server's work adding street rows to their B-tree.
--
-- The embedded database has no autovacuum to sum up new BRIN block ranges; the importer does it
-- after each import there.

alter table street_crimes drop constraint street_crimes_file_id_fkey;
alter table street_crimes drop constraint street_crimes_pkey;
alter table street_crimes alter column lsoa_code type text collate "C";
create index street_crimes_file_idx on street_crimes using brin (file_id);

alter table crime_counts drop constraint crime_counts_file_id_fkey;
alter table crime_counts drop constraint crime_counts_pkey;
drop index crime_counts_lsoa_month_idx;
alter table crime_counts alter column lsoa_code type text collate "C";
create index crime_counts_lsoa_month_idx on crime_counts (lsoa_code, month);
drop index crime_counts_force_month_idx;
create index crime_counts_file_idx on crime_counts using brin (file_id);

-- A force's crimes per month and crime type: the sum of its crime_counts, made in the same
-- transaction. Street files only.
create table crime_force_counts (
  file_id integer not null,
  month date not null,
  force text not null,
  crime_type text not null,
  crimes integer not null
);
create index crime_force_counts_force_month_idx on crime_force_counts (force, month);
insert into crime_force_counts (file_id, month, force, crime_type, crimes)
  select file_id, month, force, crime_type, sum(crimes) from crime_counts group by file_id, month, force, crime_type;
grant select on crime_force_counts to safer_app;

create function police_files_delete_rows() returns trigger language plpgsql as $$
begin
  if old.kind = 'street' then
    delete from street_crimes where file_id = old.id;
    delete from crime_counts where file_id = old.id;
    delete from crime_force_counts where force = old.force and month = old.month and file_id = old.id;
  end if;
  return old;
end;
$$;

create trigger police_files_delete_rows after delete on police_files
  for each row execute function police_files_delete_rows();
