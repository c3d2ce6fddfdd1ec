-- The joint report generated as a job (issue #20, item 1): the request writes a row and enqueues
-- `reporting.generate`; a worker builds the file as the requester (their scope) and stores its bytes
-- here in one transaction with status 'done'. The requester downloads it later; `reporting.cleanup`
-- deletes it once expired. The row is the file's whole state, so any server answers its status.
CREATE TABLE report_files (
  id serial PRIMARY KEY,
  requested_by integer NOT NULL REFERENCES users(id),
  -- The body the requester acted for (null once that body, emptied, is deleted).
  body_id integer REFERENCES bodies(id) ON DELETE SET NULL,
  period text NOT NULL,
  format text NOT NULL CHECK (format IN ('docx','xlsx')),
  version text NOT NULL DEFAULT 'draft' CHECK (version IN ('draft','final')),
  doc_number text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  error text,
  -- The claim of the run that holds the job (jobs/define.ts, JobRun.token): only it may mark the file done.
  claim_token text,
  attempts integer NOT NULL DEFAULT 0,
  file_name text,
  content bytea,
  size_bytes integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz NOT NULL,
  -- A done file has its bytes; no other state does.
  CHECK ((status = 'done') = (content IS NOT NULL))
);
-- The requester's recent files, newest first (GET /api/reports/files).
CREATE INDEX report_files_user_idx ON report_files (requested_by, id DESC);
-- The daily cleanup finds the expired files without reading the rest.
CREATE INDEX report_files_expiry_idx ON report_files (expires_at);
