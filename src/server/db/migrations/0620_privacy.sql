-- Personal data as Law 91/2025/QH15 and Decree 356/2025/NĐ-CP require (issue #15): the employer sees
-- only what an officer forwards, consent is versioned and can be withdrawn, data subjects' requests
-- are tracked to a deadline, data past its retention is erased, personal-data incidents are registered.

-- 1. Forwarding to the enterprise. A request about an enterprise is invisible to that enterprise's
-- accounts until an officer forwards it with a summary the officer writes; the worker's title and
-- text never go. The reference is random, so the enterprise cannot read the filing order from it
-- (request ids are one sequence for the whole city).
ALTER TABLE voice_requests
  ADD COLUMN forwarded_at timestamptz,
  ADD COLUMN forwarded_by integer REFERENCES users(id),
  ADD COLUMN enterprise_summary text,
  ADD COLUMN enterprise_ref text UNIQUE,
  ADD COLUMN consent_withdrawn_at timestamptz,
  -- Set by the retention job: title, text and identity erased; counts and dates kept for the figures.
  ADD COLUMN deidentified_at timestamptz,
  -- A lost secret re-sent to the worker's phone or e-mail: a second secret, so that whoever asks for a
  -- re-send (anyone who has the code) cannot lock the worker out of the first.
  ADD COLUMN secret_hash_resent text,
  ADD CONSTRAINT voice_requests_forward_whole CHECK ((forwarded_at IS NULL) = (enterprise_summary IS NULL) AND (forwarded_at IS NULL) = (enterprise_ref IS NULL));
-- The enterprise's list reads its forwarded requests only, newest first.
CREATE INDEX voice_requests_forwarded_idx ON voice_requests (enterprise_id, forwarded_at) WHERE forwarded_at IS NOT NULL;
-- The box "do not show the employer" was unticked by default: complaints, petitions and reports filed
-- before are treated as if the worker had ticked it (the safe reading of a default nobody chose).
UPDATE voice_requests SET description_private = true WHERE kind <> 'consultation' AND NOT description_private;

-- 2. Consent: the notice version and the time of consent with each submission; withdrawal.
ALTER TABLE care_join_requests
  ADD COLUMN consent_version text,
  ADD COLUMN consent_withdrawn_at timestamptz;
-- A survey answer keeps the day only, like its submitted_on: a time could be matched against shifts.
ALTER TABLE care_survey_responses
  ADD COLUMN consent_version text,
  ADD COLUMN consent_on date;

-- 3. Data subjects' requests (see what is held, correct, withdraw consent, delete), each tracked to
-- a legal deadline taken from a dated setting; an officer acts on it and the answer is audited.
CREATE TABLE privacy_requests (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('access','correction','withdraw','deletion')),
  -- What the request is about: a worker-voice request (code + secret) or a member (through an officer).
  subject_type text NOT NULL CHECK (subject_type IN ('voice_request','join_request','person')),
  subject_id integer NOT NULL,
  detail text,
  channel text NOT NULL CHECK (channel IN ('portal','officer')),
  -- For members: the officer who checked the person's identity document before filing.
  identity_checked_by integer REFERENCES users(id),
  responsible_body_id integer NOT NULL REFERENCES bodies(id),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','done','refused')),
  received_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  -- The rule the deadline came from (e.g. "Luật 91/2025/QH15; Nghị định 356/2025/NĐ-CP").
  due_basis text NOT NULL,
  answer text,
  handled_by integer REFERENCES users(id),
  handled_at timestamptz,
  CHECK (status = 'received' OR (answer IS NOT NULL AND handled_at IS NOT NULL))
);
-- Officers' queue: open requests by deadline, per body.
CREATE INDEX privacy_requests_open_idx ON privacy_requests (responsible_body_id, status, due_at);
-- The portal lists a subject's own requests.
CREATE INDEX privacy_requests_subject_idx ON privacy_requests (subject_type, subject_id);

-- 6. Messages to send (SMS, e-mail): a lost secret is re-sent to the contact the worker gave. Delivery
-- is another module's job; this is the outbox it reads. The body may hold a secret: retention erases
-- sent messages.
CREATE TABLE outbound_messages (
  id bigserial PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms','email')),
  recipient text NOT NULL,
  body text NOT NULL,
  purpose text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
-- The sender reads unsent messages oldest first.
CREATE INDEX outbound_messages_unsent_idx ON outbound_messages (created_at) WHERE sent_at IS NULL;

-- 4. What each retention run did: one row per run and kind, so figures can be explained afterwards.
CREATE TABLE retention_runs (
  id bigserial PRIMARY KEY,
  ran_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  action text NOT NULL CHECK (action IN ('erased','deidentified')),
  cutoff timestamptz NOT NULL,
  rows integer NOT NULL
);

-- 5. Personal-data incidents: the law gives 72 hours from detection to notify the authority (A05).
CREATE TABLE privacy_incidents (
  id serial PRIMARY KEY,
  title text NOT NULL,
  description text NOT NULL,
  detected_at timestamptz NOT NULL,
  data_kinds text NOT NULL,
  people_affected integer CHECK (people_affected IS NULL OR people_affected >= 0),
  notify_by timestamptz NOT NULL,
  notified_at timestamptz,
  late_reason text,
  measures text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','notified','closed')),
  body_id integer NOT NULL REFERENCES bodies(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Notified after the 72 hours: the law asks for the reason of the delay.
  CHECK (notified_at IS NULL OR notified_at <= notify_by OR late_reason IS NOT NULL)
);

-- 4. The audit log stays append-only, except for the retention job pruning rows past their time: it
-- sets caunoi.retention for its own transaction only (set_config(..., true)).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('caunoi.retention', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
