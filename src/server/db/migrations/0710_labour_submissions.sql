-- Labour: half-yearly labour reports submitted by the enterprise itself (eHeza), reviewed by the
-- zone authority. Every submission is a version: a returned report is corrected by a new version,
-- the earlier ones stay as its history. On acceptance the registry records the figures as the
-- enterprise's labour report of record (labor_reports); this table keeps the full form.
CREATE TABLE labour_submissions (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  -- "2026-H1" / "2026-H2"
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-H[12]$'),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
  source text NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'excel', 'api')),
  workforce integer NOT NULL CHECK (workforce >= 0),
  women integer NOT NULL CHECK (women >= 0),
  men integer NOT NULL CHECK (men >= 0),
  contract_indefinite integer NOT NULL CHECK (contract_indefinite >= 0),
  contract_fixed integer NOT NULL CHECK (contract_fixed >= 0),
  contract_other integer NOT NULL CHECK (contract_other >= 0),
  foreigners integer NOT NULL DEFAULT 0 CHECK (foreigners >= 0),
  hires integer NOT NULL DEFAULT 0 CHECK (hires >= 0),
  leavers integer NOT NULL DEFAULT 0 CHECK (leavers >= 0),
  lowest_wage bigint NOT NULL CHECK (lowest_wage >= 0),
  average_wage bigint NOT NULL CHECK (average_wage >= 0),
  overtime_hours integer NOT NULL DEFAULT 0 CHECK (overtime_hours >= 0),
  insured integer NOT NULL CHECK (insured >= 0),
  accidents integer NOT NULL DEFAULT 0 CHECK (accidents >= 0),
  accident_deaths integer NOT NULL DEFAULT 0 CHECK (accident_deaths >= 0),
  has_agreement boolean NOT NULL DEFAULT false,
  has_union boolean NOT NULL DEFAULT false,
  note text,
  -- A lowest wage under the regional minimum is accepted only with the enterprise's stated reason.
  wage_reason text,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  submitted_by integer REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_by integer REFERENCES users(id),
  decided_at timestamptz,
  decision_reason text,
  CHECK (status = 'submitted' OR decided_at IS NOT NULL),
  CHECK (status <> 'returned' OR decision_reason IS NOT NULL)
);
-- Versions of one enterprise's report of one period are numbered 1, 2, …; two concurrent submissions
-- cannot take the same number.
CREATE UNIQUE INDEX labour_submissions_version_uq ON labour_submissions (enterprise_id, period, version);
-- At most one version of a period waits for review: a second submission must wait for the decision.
CREATE UNIQUE INDEX labour_submissions_pending_uq ON labour_submissions (enterprise_id, period) WHERE status = 'submitted';
-- Officers' review queue and the late list read by period and status.
CREATE INDEX labour_submissions_period_idx ON labour_submissions (period, status);
