-- Background work in a real queue (issue #20). On PostgreSQL the queue is pg-boss's own schema
-- (`pgboss`, created and migrated by pg-boss at start-up); on the embedded database, one process,
-- the in-process runner (src/server/jobs/local.ts) keeps the same states here.
CREATE TABLE queue_jobs (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'created' CHECK (state IN ('created', 'active', 'completed', 'failed')),
  -- Runs so far; a run that fails (or whose lease runs out) is retried while attempts <= retry_limit.
  attempts integer NOT NULL DEFAULT 0,
  retry_limit integer NOT NULL,
  retry_delay integer NOT NULL,
  retry_backoff boolean NOT NULL,
  run_after timestamptz NOT NULL DEFAULT now(),
  -- The claim: its token and how long it holds unless renewed.
  token text,
  lease_until timestamptz,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
-- The claim looks for the oldest due job of a name, and for a lease that ran out.
CREATE INDEX queue_jobs_due_idx ON queue_jobs (name, run_after) WHERE state = 'created';
CREATE INDEX queue_jobs_active_idx ON queue_jobs (name, lease_until) WHERE state = 'active';

-- Recurring jobs: when each fires next (the first runner to see it due moves it on and enqueues one run).
CREATE TABLE queue_schedules (
  name text PRIMARY KEY,
  next_at timestamptz NOT NULL
);

-- An import is a queued job: its file and options are kept with it so any worker can run it again
-- from the start, and the claim that may apply it is its token (a worker that lost the claim finds
-- another token at commit and applies nothing).
ALTER TABLE import_jobs ADD COLUMN claim_token text;
ALTER TABLE import_jobs ADD COLUMN file_path text;
ALTER TABLE import_jobs ADD COLUMN options jsonb;
ALTER TABLE import_jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0;

-- The queue is operational, like sessions: no figure reads it, and a poll every few seconds must not
-- move the figures' data version (ensure_figure_version_triggers, 0411, adds its trigger to every
-- table without one named figure_version). A do-nothing trigger of that name keeps the version still
-- whatever list a later migration gives that function.
CREATE FUNCTION queue_no_figure_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER figure_version AFTER INSERT OR UPDATE OR DELETE ON queue_jobs FOR EACH STATEMENT EXECUTE FUNCTION queue_no_figure_version();
CREATE TRIGGER figure_version AFTER INSERT OR UPDATE OR DELETE ON queue_schedules FOR EACH STATEMENT EXECUTE FUNCTION queue_no_figure_version();
