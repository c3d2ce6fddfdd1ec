-- Care: welfare campaigns and their payouts, union houses, worker housing projects, anonymous
-- surveys, and requests to join the union from the public side.

-- A campaign is run by one body (the federation, a zone union or a grassroots union); the body
-- decides who is eligible and pays. Amounts are whole đồng.
CREATE TABLE care_campaigns (
  id serial PRIMARY KEY,
  name text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('tet','hardship','union_house','scholarship','tet_market','ticket_home','other')),
  owner_body_id integer NOT NULL REFERENCES bodies(id),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['cash','gift','ticket','voucher','house']::text[]),
  budget numeric(16,0) NOT NULL DEFAULT 0 CHECK (budget >= 0),
  -- Who may receive: { membersOnly, hardshipOnly, enterpriseIds[], zoneIds[] } (empty = no rule).
  eligibility jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('draft','open','closed')),
  description text,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
-- The overlap check looks for other campaigns whose dates cross this one's.
CREATE INDEX care_campaigns_dates_idx ON care_campaigns (starts_on, ends_on);
CREATE INDEX care_campaigns_owner_idx ON care_campaigns (owner_body_id);

-- Where the budget comes from: union funds, the city budget, sponsors.
CREATE TABLE care_campaign_sources (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES care_campaigns(id) ON DELETE CASCADE,
  source text NOT NULL,
  amount numeric(16,0) NOT NULL CHECK (amount >= 0)
);
CREATE INDEX care_campaign_sources_campaign_idx ON care_campaign_sources (campaign_id);

-- The share of a campaign given to each grassroots union: an amount and a number of people.
CREATE TABLE care_allocations (
  campaign_id integer NOT NULL REFERENCES care_campaigns(id) ON DELETE CASCADE,
  union_id integer NOT NULL REFERENCES unions(id),
  amount numeric(16,0) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  quota integer NOT NULL DEFAULT 0 CHECK (quota >= 0),
  PRIMARY KEY (campaign_id, union_id)
);

-- A grassroots union proposes a person; the campaign's body approves (which records the payout)
-- or declines with a reason.
CREATE TABLE care_nominations (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES care_campaigns(id),
  person_id integer NOT NULL REFERENCES people(id),
  union_id integer NOT NULL REFERENCES unions(id),
  kind text NOT NULL CHECK (kind IN ('cash','gift','ticket','voucher','house')),
  amount numeric(16,0) NOT NULL CHECK (amount > 0),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
  nominated_by integer REFERENCES users(id),
  decided_by integer REFERENCES users(id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One nomination per person per campaign: a second union proposing the same worker is refused.
CREATE UNIQUE INDEX care_nominations_one_per_person ON care_nominations (campaign_id, person_id);
CREATE INDEX care_nominations_union_idx ON care_nominations (union_id, status);

CREATE TABLE care_payouts (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES care_campaigns(id),
  person_id integer NOT NULL REFERENCES people(id),
  -- The grassroots union that handed it over, when one did.
  union_id integer REFERENCES unions(id),
  kind text NOT NULL CHECK (kind IN ('cash','gift','ticket','voucher','house')),
  amount numeric(16,0) NOT NULL CHECK (amount > 0),
  paid_on date NOT NULL,
  via text NOT NULL DEFAULT 'manual' CHECK (via IN ('manual','import','nomination','seed')),
  nomination_id integer REFERENCES care_nominations(id),
  note text,
  recorded_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- ONE PAYOUT PER PERSON PER CAMPAIGN, enforced by the database: an import racing a manual entry,
-- or two unions' lists, can never pay a worker twice in the same campaign.
CREATE UNIQUE INDEX care_payouts_one_per_person ON care_payouts (campaign_id, person_id);
-- "Was this person paid in another campaign at the same time?" and the fairness list.
CREATE INDEX care_payouts_person_idx ON care_payouts (person_id);
CREATE INDEX care_payouts_union_idx ON care_payouts (union_id);

-- "Mái ấm Công đoàn": a house built or repaired for one member, with the union's support, other
-- funding and the building's progress up to the handover.
CREATE TABLE care_union_houses (
  id serial PRIMARY KEY,
  campaign_id integer REFERENCES care_campaigns(id),
  person_id integer NOT NULL REFERENCES people(id),
  union_id integer REFERENCES unions(id),
  work text NOT NULL DEFAULT 'build' CHECK (work IN ('build','repair')),
  address text NOT NULL,
  amount numeric(16,0) NOT NULL CHECK (amount >= 0),
  co_funding numeric(16,0) NOT NULL DEFAULT 0 CHECK (co_funding >= 0),
  co_funders text,
  stage text NOT NULL DEFAULT 'approved' CHECK (stage IN ('approved','building','completed','handed_over')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  approved_on date NOT NULL,
  started_on date,
  handover_on date,
  note text,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open house case per person: a family is supported once, repairs come after a handover.
CREATE UNIQUE INDEX care_union_houses_one_open ON care_union_houses (person_id) WHERE stage <> 'handed_over';
CREATE INDEX care_union_houses_union_idx ON care_union_houses (union_id);

-- Worker housing (social housing, dormitories): public information, no personal data.
CREATE TABLE care_housing_projects (
  id serial PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'social_housing' CHECK (kind IN ('social_housing','worker_housing','dormitory')),
  place text NOT NULL,
  commune text,
  developer text NOT NULL,
  zone_id integer REFERENCES zones(id),
  units integer CHECK (units >= 0),
  capacity_people integer CHECK (capacity_people >= 0),
  floor_area_m2 numeric(12,0) CHECK (floor_area_m2 >= 0),
  land_area_ha numeric(10,2) CHECK (land_area_ha >= 0),
  status text NOT NULL DEFAULT 'approved' CHECK (status IN ('planned','approved','under_construction','partly_in_use','completed')),
  description text,
  contact text,
  published boolean NOT NULL DEFAULT true,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_housing_projects_zone_idx ON care_housing_projects (zone_id);

CREATE TABLE care_housing_milestones (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES care_housing_projects(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('approved','investor_selected','started','phase_completed','handed_over')),
  label text NOT NULL,
  happened_on date NOT NULL,
  units integer CHECK (units >= 0)
);
CREATE INDEX care_housing_milestones_project_idx ON care_housing_milestones (project_id, happened_on);

-- Surveys of workers' opinions. Answers carry no identity at all (no person, no address, no time
-- of day): only the enterprise/zone the worker chose, so results can be broken down by group.
CREATE TABLE care_surveys (
  id serial PRIMARY KEY,
  title text NOT NULL,
  description text,
  token text NOT NULL UNIQUE,
  owner_body_id integer NOT NULL REFERENCES bodies(id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','closed')),
  target_enterprise_ids integer[] NOT NULL DEFAULT '{}',
  target_zone_ids integer[] NOT NULL DEFAULT '{}',
  closes_on date,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE care_survey_questions (
  id serial PRIMARY KEY,
  survey_id integer NOT NULL REFERENCES care_surveys(id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('single','multiple','scale','text')),
  text text NOT NULL,
  options jsonb NOT NULL DEFAULT '[]'::jsonb,
  scale_min integer,
  scale_max integer,
  required boolean NOT NULL DEFAULT true,
  UNIQUE (survey_id, position)
);

CREATE TABLE care_survey_responses (
  id serial PRIMARY KEY,
  survey_id integer NOT NULL REFERENCES care_surveys(id) ON DELETE CASCADE,
  enterprise_id integer REFERENCES enterprises(id),
  zone_id integer REFERENCES zones(id),
  -- The day only: a timestamp could be matched against who was on shift.
  submitted_on date NOT NULL DEFAULT current_date,
  answers jsonb NOT NULL
);
CREATE INDEX care_survey_responses_survey_idx ON care_survey_responses (survey_id);

-- A worker's request to join the union, filed without an account; followed by its code.
CREATE TABLE care_join_requests (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  full_name text NOT NULL,
  birth_date date NOT NULL,
  citizen_id text NOT NULL CHECK (citizen_id ~ '^([0-9]{12}|[0-9]{9})$'),
  phone text NOT NULL,
  enterprise_id integer REFERENCES enterprises(id),
  enterprise_name text NOT NULL,
  -- Who decides: the grassroots union of the enterprise, else the zone union of its zone,
  -- else the city federation.
  target_body_id integer NOT NULL REFERENCES bodies(id),
  consent_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
  decided_by integer REFERENCES users(id),
  decided_at timestamptz,
  decline_reason text,
  person_id integer REFERENCES people(id),
  membership_id integer REFERENCES memberships(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
);
-- The queue of a union: its pending requests, oldest first.
CREATE INDEX care_join_requests_target_idx ON care_join_requests (target_body_id, status, created_at);
-- One pending request per citizen ID: pressing "send" twice does not file two.
CREATE UNIQUE INDEX care_join_requests_one_pending ON care_join_requests (citizen_id) WHERE status = 'pending';
