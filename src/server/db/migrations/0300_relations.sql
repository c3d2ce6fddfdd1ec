-- Labor relations: incidents, minimum-wage rules as dated data, inspections from versioned
-- checklists, recommendations with deadlines, early-warning scores, alerts and actions.

-- Incidents: work stoppages, disputes, arrears, absconded employers … each with its action log.
CREATE TABLE relations_incidents (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  kind text NOT NULL CHECK (kind IN ('work_stoppage','dispute_rights','dispute_interests','wage_arrears','si_arrears',
    'employer_absconded','mass_layoff','bankruptcy','serious_accident','other')),
  title text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  workers_affected integer NOT NULL DEFAULT 0 CHECK (workers_affected >= 0),
  -- Amounts owed in VND (wages, social insurance …); numeric: sums reach billions.
  amount_owed numeric(18,0) NOT NULL DEFAULT 0 CHECK (amount_owed >= 0),
  arrears_months integer NOT NULL DEFAULT 0 CHECK (arrears_months >= 0),
  demands text NOT NULL DEFAULT '',
  body_ids integer[] NOT NULL DEFAULT '{}',
  resolution text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','closed')),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- An incident cannot end before it started.
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
-- The enterprise timeline and the risk signals read incidents by enterprise and date.
CREATE INDEX relations_incidents_enterprise_idx ON relations_incidents (enterprise_id, started_on);
-- Lists filter by date range across the city.
CREATE INDEX relations_incidents_started_idx ON relations_incidents (started_on);

CREATE TABLE relations_incident_actions (
  id serial PRIMARY KEY,
  incident_id integer NOT NULL REFERENCES relations_incidents(id),
  acted_on date NOT NULL,
  body_id integer REFERENCES bodies(id),
  note text NOT NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The incident detail lists its actions.
CREATE INDEX relations_incident_actions_incident_idx ON relations_incident_actions (incident_id, acted_on);

-- Regional minimum wages with their effective dates: a wage is checked against the rate that
-- applied on the day, never against today's rate.
CREATE TABLE relations_min_wage_rates (
  id serial PRIMARY KEY,
  decree text NOT NULL,
  region smallint NOT NULL CHECK (region BETWEEN 1 AND 4),
  monthly numeric(12,0) NOT NULL CHECK (monthly > 0),
  hourly numeric(10,0) NOT NULL CHECK (hourly > 0),
  effective_from date NOT NULL,
  effective_to date,
  -- One rate per region from a given day.
  UNIQUE (region, effective_from)
);

-- The region of each commune (phường/xã/đặc khu) with effective dates. commune_fold ignores tone
-- placement ("Thuỷ Nguyên" = "Thủy Nguyên"). A row with commune = '*' is the province's catch-all
-- ("các xã, phường còn lại").
CREATE TABLE relations_min_wage_communes (
  id serial PRIMARY KEY,
  province text NOT NULL,
  commune text NOT NULL,
  commune_fold text GENERATED ALWAYS AS (vn_fold(commune)) STORED,
  region smallint NOT NULL CHECK (region BETWEEN 1 AND 4),
  decree text NOT NULL,
  effective_from date NOT NULL,
  effective_to date
);
-- Lookup by folded commune name and date.
CREATE INDEX relations_min_wage_communes_fold_idx ON relations_min_wage_communes (commune_fold, effective_from);

-- Checklists are versioned data: a new legal basis makes a new version, old inspections keep theirs.
CREATE TABLE relations_checklists (
  id serial PRIMARY KEY,
  code text NOT NULL,
  version integer NOT NULL,
  title text NOT NULL,
  effective_from date NOT NULL,
  -- Each (code, version) is one published text.
  UNIQUE (code, version)
);

CREATE TABLE relations_checklist_items (
  id serial PRIMARY KEY,
  checklist_id integer NOT NULL REFERENCES relations_checklists(id),
  ord integer NOT NULL,
  cluster text NOT NULL,
  point_code text NOT NULL,
  point text NOT NULL,
  question text NOT NULL,
  legal_basis text NOT NULL,
  -- 'minimum_wage': the form pre-fills the minimum that applied and judges the observed wage.
  prefill text CHECK (prefill IN ('minimum_wage')),
  -- Applies only from this many employees (internal labor rules: 10+).
  min_workforce integer NOT NULL DEFAULT 0,
  UNIQUE (checklist_id, ord)
);

CREATE TABLE relations_plans (
  id serial PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL,
  lead_body_id integer NOT NULL REFERENCES bodies(id),
  co_body_ids integer[] NOT NULL DEFAULT '{}',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);

CREATE TABLE relations_plan_targets (
  plan_id integer NOT NULL REFERENCES relations_plans(id),
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  planned_on date,
  PRIMARY KEY (plan_id, enterprise_id)
);
-- "Which plans target this enterprise" for its timeline.
CREATE INDEX relations_plan_targets_enterprise_idx ON relations_plan_targets (enterprise_id);

CREATE TABLE relations_inspections (
  id serial PRIMARY KEY,
  plan_id integer REFERENCES relations_plans(id),
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  checklist_id integer NOT NULL REFERENCES relations_checklists(id),
  inspected_on date NOT NULL,
  lead_body_id integer NOT NULL REFERENCES bodies(id),
  kind text NOT NULL DEFAULT 'inspection' CHECK (kind IN ('inspection','supervision','reinspection')),
  previous_id integer REFERENCES relations_inspections(id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','completed')),
  summary text NOT NULL DEFAULT '',
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relations_inspections_enterprise_idx ON relations_inspections (enterprise_id, inspected_on);
CREATE INDEX relations_inspections_plan_idx ON relations_inspections (plan_id);

CREATE TABLE relations_answers (
  inspection_id integer NOT NULL REFERENCES relations_inspections(id),
  item_id integer NOT NULL REFERENCES relations_checklist_items(id),
  result text NOT NULL CHECK (result IN ('compliant','non_compliant','not_applicable')),
  evidence text NOT NULL DEFAULT '',
  -- The observed figure for pre-filled questions (lowest monthly wage paid, VND).
  observed_value numeric(14,0),
  reference_value numeric(14,0),
  PRIMARY KEY (inspection_id, item_id)
);
-- Non-compliance rates group answers by checklist item.
CREATE INDEX relations_answers_item_idx ON relations_answers (item_id, result);

-- Findings become recommendations with deadlines, followed to closure or re-inspection.
CREATE TABLE relations_recommendations (
  id serial PRIMARY KEY,
  inspection_id integer NOT NULL REFERENCES relations_inspections(id),
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  item_id integer REFERENCES relations_checklist_items(id),
  text text NOT NULL,
  issued_on date NOT NULL,
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed','reinspect')),
  closed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (deadline >= issued_on),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
-- Risk signals read the open recommendations of each enterprise.
CREATE INDEX relations_recommendations_enterprise_idx ON relations_recommendations (enterprise_id, status, deadline);
CREATE INDEX relations_recommendations_inspection_idx ON relations_recommendations (inspection_id);

CREATE TABLE relations_followups (
  id serial PRIMARY KEY,
  recommendation_id integer NOT NULL REFERENCES relations_recommendations(id),
  on_date date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('progress','closed','reinspect','reopened')),
  note text NOT NULL DEFAULT '',
  reinspection_id integer REFERENCES relations_inspections(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relations_followups_rec_idx ON relations_followups (recommendation_id);

-- The current score of every enterprise (what the watch list reads, one row each) …
CREATE TABLE relations_risk_current (
  enterprise_id integer PRIMARY KEY REFERENCES enterprises(id),
  as_of date NOT NULL,
  score numeric(7,2) NOT NULL,
  signals jsonb NOT NULL DEFAULT '[]',
  computed_at timestamptz NOT NULL DEFAULT now()
);
-- The watch list ranks by score.
CREATE INDEX relations_risk_current_score_idx ON relations_risk_current (score DESC);

-- … and its history, one snapshot per enterprise and day.
CREATE TABLE relations_risk_history (
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  as_of date NOT NULL,
  score numeric(7,2) NOT NULL,
  signals jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (enterprise_id, as_of)
);

CREATE TABLE relations_alerts (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  raised_on date NOT NULL,
  score numeric(7,2) NOT NULL,
  threshold numeric(7,2) NOT NULL,
  signals jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','actioned')),
  acknowledged_by integer REFERENCES users(id),
  acknowledged_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- At most one unhandled alert per enterprise: a score that stays high does not raise a new one daily.
CREATE UNIQUE INDEX relations_alerts_one_open ON relations_alerts (enterprise_id) WHERE status = 'open';
CREATE INDEX relations_alerts_status_idx ON relations_alerts (status, raised_on DESC);

-- A coordinated action made from an alert: who leads it and by when.
CREATE TABLE relations_actions (
  id serial PRIMARY KEY,
  alert_id integer REFERENCES relations_alerts(id),
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  title text NOT NULL,
  lead_body_id integer NOT NULL REFERENCES bodies(id),
  co_body_ids integer[] NOT NULL DEFAULT '{}',
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
  note text NOT NULL DEFAULT '',
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relations_actions_enterprise_idx ON relations_actions (enterprise_id);
