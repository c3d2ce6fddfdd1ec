-- A labour dispute follows its statutory steps (Labour Code 2019, Art. 188–202): mediation by a labour
-- mediator within 5 working days, then the labour arbitration council or the court (rights disputes),
-- or arbitration or a strike (interest disputes). Each step is recorded with its dates and outcome;
-- its deadline is derived from the start date and the calendar, never stored (it would drift when
-- the holiday calendar is edited).
CREATE TABLE relations_dispute_steps (
  id serial PRIMARY KEY,
  incident_id integer NOT NULL REFERENCES relations_incidents(id),
  step text NOT NULL CHECK (step IN ('mediation','arbitration','court','strike')),
  started_on date NOT NULL,
  ended_on date,
  outcome text CHECK (outcome IN ('agreed','failed','not_held','not_complied','decided','withdrawn')),
  note text NOT NULL DEFAULT '',
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= started_on),
  -- One record per step and case: a step is taken once.
  UNIQUE (incident_id, step)
);
