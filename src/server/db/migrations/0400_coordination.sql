-- Coordination: joint plans and their numbered items, targets of programs and resolutions
-- (computed live or entered by hand), monthly snapshots, activities, dialogue questions,
-- "Dân vận khéo" models and Party referrals.

-- A yearly joint plan (e.g. Kế hoạch số 02-KH/BDV-BQLKKT-LĐLĐTP, 04/01/2023). `parties` are the
-- bodies that signed it; whoever belongs to a party (or a body under it) can read it.
CREATE TABLE coordination_plans (
  id serial PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  code text NOT NULL,
  title text NOT NULL,
  issued_on date,
  parties integer[] NOT NULL CHECK (cardinality(parties) >= 1),
  owner_body_id integer NOT NULL REFERENCES bodies(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One plan per number: "02-KH/…" is the document's identity.
CREATE UNIQUE INDEX coordination_plans_code_key ON coordination_plans (code);
-- The report of a year looks up that year's plan and the next one.
CREATE INDEX coordination_plans_year_idx ON coordination_plans (year);

CREATE TABLE plan_items (
  id serial PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES coordination_plans(id) ON DELETE CASCADE,
  no integer NOT NULL CHECK (no >= 1),
  -- The report section the item belongs to (propaganda, situation, housing, party_union, supervision, …).
  area text NOT NULL DEFAULT 'general',
  content text NOT NULL,
  lead_body_id integer NOT NULL REFERENCES bodies(id),
  co_body_ids integer[] NOT NULL DEFAULT '{}',
  deadline date,
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','in_progress','done','not_done','carried_over')),
  -- [{ "label": "...", "url": "..." }]: links to records or files that prove the item was done.
  evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
  reason_not_done text,
  carried_from_item_id integer REFERENCES plan_items(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- An item that was not done (or carried over) says why: the report states the reason.
  CHECK (status NOT IN ('not_done','carried_over') OR (reason_not_done IS NOT NULL AND length(btrim(reason_not_done)) > 0))
);
-- Items are numbered within their plan, as in the signed document.
CREATE UNIQUE INDEX plan_items_no_key ON plan_items (plan_id, no);
-- An item is carried over into a given plan once only.
CREATE UNIQUE INDEX plan_items_carried_key ON plan_items (plan_id, carried_from_item_id) WHERE carried_from_item_id IS NOT NULL;

-- Targets of programs and resolutions (16-CTr/TU: 400.000 đoàn viên by 2025, …) and yearly plan
-- figures (21.500 new members in 2023). `metric` says how the actual value is computed; 'manual'
-- targets take the latest value entered by hand.
CREATE TABLE targets (
  id serial PRIMARY KEY,
  program text NOT NULL,
  title text NOT NULL,
  metric text NOT NULL CHECK (metric IN ('members_as_of','enterprises20_with_union_pct','enterprises20_with_union','new_members_in_year',
    'new_unions_in_year','party_referrals_in_year','party_admissions_in_year','trainings_participants_in_year','manual')),
  unit text NOT NULL DEFAULT 'count' CHECK (unit IN ('count','percent')),
  target_value numeric NOT NULL CHECK (target_value > 0),
  -- For yearly targets (new members in 2023): the year counted. NULL for a target by a deadline.
  year integer,
  deadline date NOT NULL,
  -- NULL: the whole city; else one zone.
  zone_id integer REFERENCES zones(id),
  baseline_value numeric,
  baseline_date date,
  owner_body_id integer NOT NULL REFERENCES bodies(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX targets_year_idx ON targets (year, metric);

-- Values entered by hand for 'manual' targets (agreement coverage until the registry provides it):
-- who entered what, when.
CREATE TABLE target_values (
  id serial PRIMARY KEY,
  target_id integer NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  as_of date NOT NULL,
  value numeric NOT NULL CHECK (value >= 0),
  note text,
  entered_by integer NOT NULL REFERENCES users(id),
  entered_at timestamptz NOT NULL DEFAULT now()
);
-- "The latest value" of a target is a lookup by (target, as_of).
CREATE INDEX target_values_target_idx ON target_values (target_id, as_of DESC, id DESC);

-- Month-end values of each target, so progress over time is kept even when records change later.
CREATE TABLE target_snapshots (
  target_id integer NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  value numeric NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target_id, month)
);

-- Activities of the bodies: trainings (classes, participants), propaganda (workers reached),
-- dialogue conferences, cultural events, job fairs, Tết markets (stalls, visitors), supervision visits.
CREATE TABLE activities (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('training','propaganda','dialogue','cultural','job_fair','tet_market','supervision')),
  title text NOT NULL,
  title_fold text GENERATED ALWAYS AS (vn_fold(title)) STORED,
  held_on date NOT NULL,
  ended_on date,
  body_id integer NOT NULL REFERENCES bodies(id),
  zone_id integer REFERENCES zones(id),
  union_id integer REFERENCES unions(id),
  enterprise_id integer REFERENCES enterprises(id),
  sessions integer NOT NULL DEFAULT 1 CHECK (sessions >= 0),
  participants integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
  units integer CHECK (units >= 0),
  stalls integer CHECK (stalls >= 0),
  visitors integer CHECK (visitors >= 0),
  copies integer CHECK (copies >= 0),
  notes text,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= held_on)
);
-- Reports and lists filter by kind and period.
CREATE INDEX activities_kind_date_idx ON activities (kind, held_on);
CREATE INDEX activities_body_idx ON activities (body_id);
-- Searching activity titles without diacritics.
CREATE INDEX activities_title_trgm ON activities USING gin (title_fold gin_trgm_ops);

-- Questions raised at a dialogue conference. The worker-voice module turns them into requests and
-- fills request_ref; until then they wait here.
CREATE TABLE dialogue_questions (
  id serial PRIMARY KEY,
  activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  no integer NOT NULL,
  text text NOT NULL,
  asker text,
  enterprise_id integer REFERENCES enterprises(id),
  topic text,
  answer text,
  request_ref text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Numbered within their conference; "not yet a request" is the voice module's work queue.
CREATE UNIQUE INDEX dialogue_questions_no_key ON dialogue_questions (activity_id, no);
CREATE INDEX dialogue_questions_pending_idx ON dialogue_questions (activity_id) WHERE request_ref IS NULL;

-- The "Dân vận khéo" models with the body that runs them and the awards they received.
CREATE TABLE mobilization_models (
  id serial PRIMARY KEY,
  name text NOT NULL,
  body_id integer NOT NULL REFERENCES bodies(id),
  zone_id integer REFERENCES zones(id),
  year integer NOT NULL,
  field text,
  description text,
  -- [{ "year": 2023, "level": "city", "title": "Bằng khen của UBND thành phố" }]
  awards jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mobilization_models_year_idx ON mobilization_models (year);

-- Outstanding members introduced to the Party by their union, and the outcome.
CREATE TABLE party_referrals (
  id serial PRIMARY KEY,
  person_id integer NOT NULL REFERENCES people(id),
  union_id integer NOT NULL REFERENCES unions(id),
  referred_on date NOT NULL,
  outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','admitted','not_admitted')),
  admitted_on date,
  note text,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- An admission has a date, on or after the referral; nothing else has one.
  CHECK ((outcome = 'admitted') = (admitted_on IS NOT NULL)),
  CHECK (admitted_on IS NULL OR admitted_on >= referred_on)
);
-- A person is introduced once per date: a double entry is a mistake, not a second referral.
CREATE UNIQUE INDEX party_referrals_person_day_key ON party_referrals (person_id, referred_on);
-- Counts by period, and by union for a union's own list.
CREATE INDEX party_referrals_date_idx ON party_referrals (referred_on);
CREATE INDEX party_referrals_union_idx ON party_referrals (union_id, referred_on);
CREATE INDEX party_referrals_admitted_idx ON party_referrals (admitted_on) WHERE admitted_on IS NOT NULL;

-- New members of a year and members as of a date scan memberships by start date; the registry's
-- index leads with union_id, so a city-wide count would read the whole table.
CREATE INDEX IF NOT EXISTS memberships_valid_from_idx ON memberships (valid_from);
-- "New grassroots unions founded in the year".
CREATE INDEX IF NOT EXISTS unions_founded_idx ON unions (founded_on);
