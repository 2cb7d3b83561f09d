-- The partnership plan, its governance, meetings, action plans, equality analysis, funding and
-- glossary. Every table is a tenant table: partnership_id first in its keys, row-level security
-- enabled and forced (the loop at the end), foreign keys within the same partnership.

-- Plans and their annual refreshes. Each refresh snapshots the plan as it stood (plan_versions),
-- so every earlier version stays readable and can be compared with the next.
create table plans (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  title text not null check (length(title) between 1 and 300),
  starts_year smallint not null check (starts_year between 2000 and 2100),
  ends_year smallint not null check (ends_year between 2000 and 2100),
  vision text not null default '',
  status text not null default 'draft' check (status in ('draft', 'adopted')),
  adopted_on date,
  current_version integer not null default 1,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  check (ends_year >= starts_year)
);

create table plan_versions (
  partnership_id integer not null references partnerships (id),
  plan_id integer not null,
  version integer not null,
  label text not null,
  snapshot jsonb not null,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (partnership_id, plan_id, version),
  foreign key (partnership_id, plan_id) references plans (partnership_id, id)
);

-- Editable introduction sections of the published plan (welcome, foreword, introduction...).
create table plan_sections (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  plan_id integer not null,
  heading text not null,
  body text not null default '',
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, plan_id) references plans (partnership_id, id)
);

create table priorities (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  plan_id integer not null,
  title text not null check (length(title) between 1 and 300),
  why_it_matters text not null default '',
  objective text not null default '',
  focus text not null default '',
  first_year text not null default '',
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, plan_id) references plans (partnership_id, id)
);

create table themes (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  plan_id integer not null,
  title text not null check (length(title) between 1 and 300),
  description text not null default '',
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, plan_id) references plans (partnership_id, id)
);

-- Priorities of other plans a priority aligns with: the county community safety agreement and the
-- police and crime commissioner's plan (appendix 1 of a typical plan).
create table external_priorities (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  source text not null check (source in ('county_agreement', 'pcc_plan')),
  title text not null,
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id)
);

create table priority_alignments (
  partnership_id integer not null references partnerships (id),
  priority_id integer not null,
  external_priority_id integer not null,
  primary key (partnership_id, priority_id, external_priority_id),
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id) on delete cascade,
  foreign key (partnership_id, external_priority_id) references external_priorities (partnership_id, id) on delete cascade
);

-- Governance: executive group, scrutiny committee, partnership, sub-groups, working groups, linked boards.
create table bodies (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  name text not null check (length(name) between 1 and 200),
  short_name text,
  kind text not null check (kind in ('executive_group', 'scrutiny_committee', 'partnership', 'sub_group', 'working_group', 'linked_board')),
  purpose text not null default '',
  terms_of_reference text not null default '',
  reports_to_body_id integer,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, reports_to_body_id) references bodies (partnership_id, id)
);
create unique index bodies_name_key on bodies (partnership_id, lower(name));

create table body_members (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  body_id integer not null,
  person_name text not null,
  agency_id integer,
  user_id integer,
  role text not null default 'member' check (role in ('chair', 'co_chair', 'vice_chair', 'member', 'secretary', 'adviser')),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, body_id) references bodies (partnership_id, id) on delete cascade,
  foreign key (partnership_id, agency_id) references agencies (partnership_id, id),
  foreign key (partnership_id, user_id) references users (partnership_id, id)
);
create index body_members_user_idx on body_members (partnership_id, user_id);

-- Which priorities and cross-cutting themes each body delivers (appendix 3 of a typical plan).
create table body_priorities (
  partnership_id integer not null references partnerships (id),
  body_id integer not null,
  priority_id integer not null,
  primary key (partnership_id, body_id, priority_id),
  foreign key (partnership_id, body_id) references bodies (partnership_id, id) on delete cascade,
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id) on delete cascade
);

create table body_themes (
  partnership_id integer not null references partnerships (id),
  body_id integer not null,
  theme_id integer not null,
  primary key (partnership_id, body_id, theme_id),
  foreign key (partnership_id, body_id) references bodies (partnership_id, id) on delete cascade,
  foreign key (partnership_id, theme_id) references themes (partnership_id, id) on delete cascade
);

create table meetings (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  body_id integer not null,
  held_on date not null,
  title text not null default '',
  location text not null default '',
  minutes text not null default '',
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, body_id) references bodies (partnership_id, id)
);
create index meetings_body_idx on meetings (partnership_id, body_id, held_on);

create table agenda_items (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  meeting_id integer not null,
  title text not null,
  notes text not null default '',
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id) on delete cascade
);

create table meeting_attendance (
  partnership_id integer not null references partnerships (id),
  meeting_id integer not null,
  agency_id integer not null,
  attended boolean not null,
  attendees text not null default '',
  primary key (partnership_id, meeting_id, agency_id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id) on delete cascade,
  foreign key (partnership_id, agency_id) references agencies (partnership_id, id)
);

create table meeting_decisions (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  meeting_id integer not null,
  decision text not null,
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id) on delete cascade
);

-- Action plans: one per body per year (year = the first year of the financial year, 2019 = 2019-20).
create table action_plans (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  body_id integer not null,
  plan_year smallint not null check (plan_year between 2000 and 2100),
  title text not null,
  status text not null default 'draft' check (status in ('draft', 'approved')),
  approved_on date,
  approved_by text,
  version integer not null default 1,
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, body_id, plan_year),
  foreign key (partnership_id, body_id) references bodies (partnership_id, id)
);

create table actions (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  action_plan_id integer not null,
  title text not null check (length(title) between 1 and 300),
  description text not null default '',
  priority_id integer,
  theme_id integer,
  lead_user_id integer,
  lead_name text not null default '',
  lead_agency_id integer,
  starts_on date,
  due_on date,
  status text not null default 'not_started'
    check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'cancelled')),
  status_reason text not null default '',
  meeting_id integer,
  last_update_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, action_plan_id) references action_plans (partnership_id, id),
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id),
  foreign key (partnership_id, theme_id) references themes (partnership_id, id),
  foreign key (partnership_id, lead_user_id) references users (partnership_id, id),
  foreign key (partnership_id, lead_agency_id) references agencies (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id)
);
create index actions_plan_idx on actions (partnership_id, action_plan_id);
create index actions_lead_idx on actions (partnership_id, lead_user_id);
create index actions_priority_idx on actions (partnership_id, priority_id);

create table action_milestones (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  action_id integer not null,
  title text not null,
  due_on date,
  done_on date,
  position integer not null default 0,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, action_id) references actions (partnership_id, id) on delete cascade
);

create table action_updates (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  action_id integer not null,
  posted_at timestamptz not null default now(),
  author_user_id integer,
  author_name text not null,
  text text not null,
  evidence_url text,
  status_from text,
  status_to text,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, action_id) references actions (partnership_id, id) on delete cascade,
  foreign key (partnership_id, author_user_id) references users (partnership_id, id)
);
create index action_updates_action_idx on action_updates (partnership_id, action_id, posted_at);

-- Equality impact assessment of an action plan: the nine protected characteristics of the
-- Equality Act 2010. An action plan cannot be approved without a signed-off assessment.
create table equality_assessments (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  action_plan_id integer not null,
  status text not null default 'draft' check (status in ('draft', 'signed_off')),
  summary text not null default '',
  signed_off_by text,
  signed_off_on date,
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, action_plan_id),
  foreign key (partnership_id, action_plan_id) references action_plans (partnership_id, id)
);

create table equality_impacts (
  partnership_id integer not null references partnerships (id),
  assessment_id integer not null,
  characteristic text not null check (characteristic in (
    'age', 'disability', 'gender_reassignment', 'marriage_and_civil_partnership', 'pregnancy_and_maternity',
    'race', 'religion_or_belief', 'sex', 'sexual_orientation')),
  impact text not null default 'unknown' check (impact in ('positive', 'neutral', 'negative', 'unknown')),
  evidence text not null default '',
  mitigation text not null default '',
  primary key (partnership_id, assessment_id, characteristic),
  foreign key (partnership_id, assessment_id) references equality_assessments (partnership_id, id) on delete cascade
);

-- Funding: funds, applications by a body, awards, spend and outcomes.
create table funds (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  name text not null,
  provider text not null default '',
  financial_year smallint,
  amount_available numeric(12, 2),
  primary key (partnership_id, id),
  unique (id)
);

create table funding_applications (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  fund_id integer not null,
  body_id integer not null,
  priority_id integer,
  purpose text not null,
  amount_requested numeric(12, 2) not null check (amount_requested >= 0),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'rejected')),
  decided_meeting_id integer,
  amount_awarded numeric(12, 2) check (amount_awarded >= 0),
  outcome_notes text not null default '',
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, body_id) references bodies (partnership_id, id),
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id),
  foreign key (partnership_id, decided_meeting_id) references meetings (partnership_id, id)
);

create table funding_spend (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  application_id integer not null,
  spent_on date not null,
  amount numeric(12, 2) not null,
  note text not null default '',
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, application_id) references funding_applications (partnership_id, id) on delete cascade
);

create table glossary_terms (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  term text not null check (length(term) between 1 and 100),
  meaning text not null,
  is_acronym boolean not null default true,
  primary key (partnership_id, id),
  unique (id)
);
create unique index glossary_terms_term_key on glossary_terms (partnership_id, lower(term));

-- Residents' survey results: percentage agreeing, with respondent counts.
create table survey_results (
  partnership_id integer not null references partnerships (id),
  id integer generated always as identity,
  survey text not null,
  survey_year smallint not null,
  question text not null,
  percent numeric(5, 2) not null check (percent between 0 and 100),
  respondents integer check (respondents >= 0),
  primary key (partnership_id, id),
  unique (id)
);

do $$
declare t text;
begin
  foreach t in array array[
    'plans', 'plan_versions', 'plan_sections', 'priorities', 'themes', 'external_priorities', 'priority_alignments',
    'bodies', 'body_members', 'body_priorities', 'body_themes', 'meetings', 'agenda_items', 'meeting_attendance',
    'meeting_decisions', 'action_plans', 'actions', 'action_milestones', 'action_updates', 'equality_assessments',
    'equality_impacts', 'funds', 'funding_applications', 'funding_spend', 'glossary_terms', 'survey_results'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (partnership_id = safer_current_partnership()) '
      'with check (partnership_id = safer_current_partnership())', t);
    execute format('grant select, insert, update, delete on %I to safer_app', t);
  end loop;
end
$$;
-- Earlier versions of a plan are a record: the application may add them, never change them.
revoke update, delete on plan_versions from safer_app;
