-- Foundation: partnerships, agencies, users, sessions, sign-in throttling and the audit log.
--
-- Tenancy: every tenant table carries partnership_id (first in its keys, ready for sharding by
-- partnership). Row-level security is enabled and forced on each; the policy admits only rows of
-- the partnership set for the transaction (app.partnership_id). The application does its tenant
-- work as the role safer_app (SET LOCAL ROLE in each transaction), which holds only the grants below.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'safer_app') then
    create role safer_app nologin;
  end if;
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant safer_app to %I', current_user);
  end if;
end
$$;

create function safer_current_partnership() returns integer
  language sql stable
  as $$ select nullif(current_setting('app.partnership_id', true), '')::integer $$;

create table partnerships (
  id integer generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  district_codes text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table agencies (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  name text not null check (length(name) between 1 and 200),
  agency_type text not null check (agency_type in (
    'district_council', 'county_council', 'police', 'fire_and_rescue', 'health', 'probation',
    'housing', 'voluntary', 'education', 'business', 'other')),
  responsible_authority boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id)
);
create unique index agencies_name_key on agencies (partnership_id, lower(name));

create table users (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  agency_id integer not null,
  name text not null check (length(name) between 1 and 200),
  email text not null check (length(email) between 3 and 320),
  role text not null check (role in ('admin', 'coordinator', 'analyst', 'member', 'viewer')),
  password_hash text,
  password_changed_at timestamptz,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, agency_id) references agencies (partnership_id, id)
);
-- An email address signs in to one account in the whole deployment.
create unique index users_email_key on users (lower(email));

create table recovery_codes (
  partnership_id integer not null references partnerships (id),
  user_id integer not null,
  code_hash text not null,
  used_at timestamptz,
  primary key (partnership_id, user_id, code_hash),
  foreign key (partnership_id, user_id) references users (partnership_id, id)
);

create table invitations (
  partnership_id integer not null references partnerships (id),
  token_hash text not null,
  user_id integer not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (partnership_id, token_hash),
  unique (token_hash),
  foreign key (partnership_id, user_id) references users (partnership_id, id)
);

create table sessions (
  partnership_id integer not null references partnerships (id),
  id_hash text not null,
  user_id integer not null,
  stage text not null check (stage in ('mfa', 'setup', 'full')),
  pending_totp_secret text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (partnership_id, id_hash),
  unique (id_hash),
  foreign key (partnership_id, user_id) references users (partnership_id, id)
);
create index sessions_user_idx on sessions (partnership_id, user_id);

-- Email addresses are unique across the deployment. The application role cannot see other
-- partnerships' users, so it asks this function, which answers only yes or no.
create function safer_email_taken(candidate text, except_user integer) returns boolean
  language sql stable security definer set search_path = public
  as $$ select exists (
    select 1 from users where lower(email) = lower(candidate) and (except_user is null or id <> except_user)) $$;

-- Not a tenant table: failures are counted by the address typed, whether or not an account has it,
-- so that throttling never reveals which addresses exist. Only the system role reads it.
create table sign_in_attempts (
  email_key text primary key,
  failures integer not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz
);

create table audit_events (
  partnership_id integer not null references partnerships (id),
  id bigint generated always as identity,
  occurred_at timestamptz not null default now(),
  actor_user_id integer,
  actor_name text,
  actor_agency text,
  action text not null,
  subject_type text,
  subject_id text,
  purpose text,
  request_id text,
  ip text,
  details jsonb not null default '{}',
  primary key (partnership_id, id)
);
create index audit_events_time_idx on audit_events (partnership_id, occurred_at desc);
create index audit_events_actor_idx on audit_events (partnership_id, actor_user_id, occurred_at desc);

create function audit_events_append_only() returns trigger
  language plpgsql
  as $$ begin raise exception 'audit_events is append-only'; end $$;
create trigger audit_events_no_change before update or delete or truncate on audit_events
  for each statement execute function audit_events_append_only();

-- Row-level security on every tenant table.
alter table partnerships enable row level security;
alter table partnerships force row level security;
create policy tenant_isolation on partnerships
  using (id = safer_current_partnership());

do $$
declare t text;
begin
  foreach t in array array['agencies', 'users', 'recovery_codes', 'invitations', 'sessions', 'audit_events'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (partnership_id = safer_current_partnership()) '
      'with check (partnership_id = safer_current_partnership())', t);
  end loop;
end
$$;

grant usage on schema public to safer_app;
grant execute on function safer_current_partnership() to safer_app;
revoke all on function safer_email_taken(text, integer) from public;
grant execute on function safer_email_taken(text, integer) to safer_app;
grant select on partnerships to safer_app;
grant select, insert, update, delete on agencies, users, recovery_codes, invitations, sessions to safer_app;
-- The audit log: the application may add and read, never change or remove.
grant select, insert on audit_events to safer_app;
