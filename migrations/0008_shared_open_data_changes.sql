-- Who may change the shared open data, and police.uk files loaded without holding the database.
-- See docs/decisions/0005-who-may-change-shared-open-data.md and
-- docs/decisions/0006-police-files-loaded-in-short-transactions.md.

-- A data manager may change the police.uk data every partnership sees. The flag is granted and
-- revoked only from the command line (safer user data-manager), which works as the owner: the
-- application role, which every web request works as, may not set or clear it.
alter table users add column data_manager boolean not null default false;

create function users_data_manager_guard() returns trigger language plpgsql as $$
begin
  if current_user = 'safer_app' then
    if tg_op = 'INSERT' and new.data_manager then
      raise exception 'data managers are made only from the command line';
    elsif tg_op = 'UPDATE' and new.data_manager is distinct from old.data_manager then
      raise exception 'data managers are made only from the command line';
    end if;
  end if;
  return new;
end;
$$;
create trigger users_data_manager_guard before insert or update on users
  for each row execute function users_data_manager_guard();

-- A file's rows go in over several short transactions while its police_files row is 'loading',
-- then one short transaction makes it 'current' (with its counts) and the force-month's earlier
-- file 'retired' (its counts deleted there and then, its rows afterwards in short transactions).
-- Readers read only current files; a force, month and kind has at most one. A loading file whose
-- import has ended, and a retired file whose replacing import has ended, are left-overs of a
-- process that stopped part-way: the next import removes them.
alter table police_files add column state text not null default 'current' check (state in ('loading', 'current', 'retired'));
alter table police_files add column retired_by_import_id integer references police_imports (id);
alter table police_files drop constraint police_files_kind_force_month_key;
create unique index police_files_current_key on police_files (kind, force, month) where state = 'current';
create index police_files_not_current_idx on police_files (state) where state <> 'current';

-- The partnerships whose area an import changed: a file loaded or replaced with old or new rows in
-- their LSOAs (street and outcomes files), or of a force whose street data covers their LSOAs (stop
-- and search). Each is shown the import on its imports page; its audit log says what changed.
create table police_import_partnerships (
  import_id integer not null references police_imports (id),
  partnership_id integer not null references partnerships (id),
  primary key (partnership_id, import_id)
);

-- Each partnership reads only its own rows, as every table with partnership_id (decision 2); the
-- importer writes them as the owner.
alter table police_import_partnerships enable row level security;
alter table police_import_partnerships force row level security;
create policy tenant_isolation on police_import_partnerships
  using (partnership_id = safer_current_partnership()) with check (partnership_id = safer_current_partnership());
grant select on police_import_partnerships to safer_app;
