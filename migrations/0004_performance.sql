-- The performance framework: indicators with targets, their sources (police.uk counts, imported
-- service-usage events, residents' survey results, manual entry), harm weights per crime type and
-- each priority's commentary per period. Every table is a tenant table under row-level security.
--
-- Periods are text: 'YYYY-MM' (monthly), 'YYYY-Qn' (calendar quarter, Q1 = January to March) or
-- 'YYYY' (calendar year), matching the indicator's frequency.

-- Service-usage data: any CSV of events (one-stop-shop visits, night-time economy patrols...),
-- imported through a column-mapping screen. One dataset per import; the events keep only what an
-- indicator can count: when, which service, and where (LSOA or postcode district), never a person.
create table service_usage_datasets (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  file_name text not null,
  mapping jsonb not null,
  rows_total integer not null default 0,
  rows_accepted integer not null default 0,
  rows_rejected integer not null default 0,
  imported_by integer,
  imported_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, name),
  foreign key (partnership_id, imported_by) references users (partnership_id, id)
);

create table service_usage_events (
  partnership_id integer not null references partnerships (id),
  dataset_id integer not null,
  id bigint generated always as identity,
  occurred_at timestamp not null,
  service text not null default '',
  lsoa_code text,
  postcode_district text,
  primary key (partnership_id, dataset_id, id),
  foreign key (partnership_id, dataset_id) references service_usage_datasets (partnership_id, id) on delete cascade
);
create index service_usage_events_time_idx on service_usage_events (partnership_id, dataset_id, occurred_at);

-- Rows of a service-usage file that were not loaded, with the line and the reason.
create table service_usage_rejections (
  partnership_id integer not null references partnerships (id),
  dataset_id integer not null,
  line integer not null,
  reason text not null,
  primary key (partnership_id, dataset_id, line),
  foreign key (partnership_id, dataset_id) references service_usage_datasets (partnership_id, id) on delete cascade
);

create table indicators (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  name text not null check (length(name) between 1 and 200),
  definition text not null default '',
  unit text not null default '',
  priority_id integer,
  theme_id integer,
  owner_user_id integer,
  frequency text not null check (frequency in ('monthly', 'quarterly', 'annual')),
  -- 'more-reporting': a rise is good news, as for domestic abuse where victims should come forward.
  direction text not null check (direction in ('lower', 'higher', 'more-reporting')),
  baseline_period text,
  baseline_value numeric,
  visibility text not null default 'restricted' check (visibility in ('public', 'restricted')),
  source text not null check (source in ('police', 'service-usage', 'survey', 'manual')),
  -- police.uk: which crime types, where, and how measured.
  crime_types text[] not null default '{}',
  area_kind text not null default 'partnership' check (area_kind in ('partnership', 'lsoas', 'wards')),
  area_codes text[] not null default '{}',
  measure text not null default 'count' check (measure in ('count', 'rate', 'harm', 'percent', 'value')),
  -- service usage: which dataset, optionally one service.
  dataset_id integer,
  service text,
  -- residents' survey: the question whose percentage agreeing is the value.
  survey_question text,
  -- SPC: periods at which the process limits are recalculated (a change in the process).
  rebase_periods text[] not null default '{}',
  position integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id),
  foreign key (partnership_id, theme_id) references themes (partnership_id, id),
  foreign key (partnership_id, owner_user_id) references users (partnership_id, id),
  foreign key (partnership_id, dataset_id) references service_usage_datasets (partnership_id, id),
  check (source <> 'service-usage' or dataset_id is not null),
  check (source <> 'survey' or survey_question is not null)
);
create index indicators_priority_idx on indicators (partnership_id, priority_id);

create table indicator_targets (
  partnership_id integer not null references partnerships (id),
  indicator_id integer not null,
  period text not null,
  target numeric not null,
  primary key (partnership_id, indicator_id, period),
  foreign key (partnership_id, indicator_id) references indicators (partnership_id, id) on delete cascade
);

-- Values entered by hand (source 'manual'), each with its evidence and author.
create table indicator_values (
  partnership_id integer not null references partnerships (id),
  indicator_id integer not null,
  period text not null,
  value numeric not null,
  evidence text not null default '',
  entered_by integer,
  entered_at timestamptz not null default now(),
  primary key (partnership_id, indicator_id, period),
  foreign key (partnership_id, indicator_id) references indicators (partnership_id, id) on delete cascade,
  foreign key (partnership_id, entered_by) references users (partnership_id, id)
);

-- The weight of one crime of each police.uk type in the harm-weighted index; a partnership edits
-- its own, starting from the documented defaults (docs/statistics.md).
create table harm_weights (
  partnership_id integer not null references partnerships (id),
  crime_type text not null,
  weight numeric not null check (weight >= 0),
  updated_by integer,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, crime_type),
  foreign key (partnership_id, updated_by) references users (partnership_id, id)
);

-- What the priority's lead says about its performance in a period (shown on the dashboard and in
-- the quarterly report).
create table priority_commentaries (
  partnership_id integer not null references partnerships (id),
  priority_id integer not null,
  period text not null,
  commentary text not null,
  updated_by integer,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, priority_id, period),
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id),
  foreign key (partnership_id, updated_by) references users (partnership_id, id)
);

do $$
declare t text;
begin
  foreach t in array array[
    'service_usage_datasets', 'service_usage_events', 'service_usage_rejections', 'indicators',
    'indicator_targets', 'indicator_values', 'harm_weights', 'priority_commentaries'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (partnership_id = safer_current_partnership()) '
      'with check (partnership_id = safer_current_partnership())', t);
    execute format('grant select, insert, update, delete on %I to safer_app', t);
  end loop;
end
$$;
