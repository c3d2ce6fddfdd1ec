-- Worker voice: consultations, complaints, petitions and reports of violations, routed to the
-- responsible body with a working-day deadline; the requester's identity lives in its own tables
-- so that it can be access-controlled and every look at it audited.

-- Vietnamese public holidays; admins edit them (Tết moves every year). Weekends are not stored.
CREATE TABLE voice_holidays (
  day date PRIMARY KEY,
  name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);

-- The 2025–2027 calendar (incl. Tết) and the module's default settings are NOT inserted here:
-- a migrated database must stay empty so that `caunoi restore` accepts it. The defaults live in
-- calendar.ts; the holidays are written on first use (settings key voice.holidays_seeded).

CREATE TABLE voice_requests (
  id serial PRIMARY KEY,
  -- The tracking code the requester keeps; with the secret (stored only as a hash) it opens the status page.
  code text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('consultation','complaint','petition','report')),
  topic text NOT NULL CHECK (topic IN ('wages','overtime','social_insurance','contract','dismissal','osh','union_rights','housing','other')),
  channel text NOT NULL CHECK (channel IN ('web','app','hotline','in_person','letter','dialogue')),
  requester_kind text NOT NULL DEFAULT 'worker' CHECK (requester_kind IN ('worker','enterprise')),
  title text NOT NULL,
  description text NOT NULL,
  -- The requester asked that the description not be shown to the enterprise.
  description_private boolean NOT NULL DEFAULT false,
  enterprise_id integer REFERENCES enterprises(id),
  enterprise_name text,
  anonymous boolean NOT NULL DEFAULT false,
  collective boolean NOT NULL DEFAULT false,
  signatory_count integer CHECK (signatory_count IS NULL OR signatory_count >= 1),
  consent_version text,
  consent_at timestamptz,
  responsible_body_id integer NOT NULL REFERENCES bodies(id),
  assigned_user_id integer REFERENCES users(id),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','assigned','in_progress','answered','closed')),
  received_at timestamptz NOT NULL DEFAULT now(),
  -- The current clock: started at receipt or at the last transfer; the deadline counts from it.
  clock_started_on date NOT NULL,
  deadline date NOT NULL,
  public_answer text,
  answer_status text NOT NULL DEFAULT 'none' CHECK (answer_status IN ('none','in_review','approved','published')),
  answer_drafted_by integer REFERENCES users(id),
  answer_reviewed_by integer REFERENCES users(id),
  answered_at timestamptz,
  closed_at timestamptz,
  escalated_at timestamptz,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment text,
  rated_at timestamptz,
  created_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_fold text GENERATED ALWAYS AS (vn_fold(code || ' ' || title || ' ' || coalesce(enterprise_name, ''))) STORED,
  CHECK (collective OR signatory_count IS NULL)
);
-- Lists filter by body and status and sort by deadline (due soon / overdue).
CREATE INDEX voice_requests_body_idx ON voice_requests (responsible_body_id, status, deadline);
-- The enterprise representative's list and the risk signals count by enterprise and date.
CREATE INDEX voice_requests_enterprise_idx ON voice_requests (enterprise_id, received_at);
-- Overdue and due-soon lists scan open requests by deadline.
CREATE INDEX voice_requests_open_deadline_idx ON voice_requests (deadline) WHERE status IN ('received','assigned','in_progress');
CREATE INDEX voice_requests_received_idx ON voice_requests (received_at);
-- Staff search by code, title or enterprise without diacritics.
CREATE INDEX voice_requests_search_trgm ON voice_requests USING gin (search_fold gin_trgm_ops);

-- Who filed a request. Apart from the request so that only `voice:identity` reads it, audited.
-- Anonymous requests have no row here (the trigger below refuses one).
CREATE TABLE voice_requesters (
  request_id integer PRIMARY KEY REFERENCES voice_requests(id) ON DELETE CASCADE,
  person_id integer REFERENCES people(id),
  full_name text NOT NULL,
  phone text,
  citizen_id text CHECK (citizen_id IS NULL OR citizen_id ~ '^[0-9]{12}$'),
  email text,
  address text
);

-- Signatories of a collective petition: identity too, same protection.
CREATE TABLE voice_signatories (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  full_name text NOT NULL,
  citizen_id text CHECK (citizen_id IS NULL OR citizen_id ~ '^[0-9]{12}$'),
  phone text
);
CREATE INDEX voice_signatories_request_idx ON voice_signatories (request_id);

-- An anonymous request must hold no identity anywhere: the database refuses it, whatever the app does.
CREATE OR REPLACE FUNCTION voice_no_identity_when_anonymous() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM voice_requests r WHERE r.id = NEW.request_id AND r.anonymous) THEN
    RAISE EXCEPTION 'anonymous request % cannot hold identity', NEW.request_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER voice_requesters_anonymous BEFORE INSERT OR UPDATE ON voice_requesters
  FOR EACH ROW EXECUTE FUNCTION voice_no_identity_when_anonymous();
CREATE TRIGGER voice_signatories_anonymous BEFORE INSERT OR UPDATE ON voice_signatories
  FOR EACH ROW EXECUTE FUNCTION voice_no_identity_when_anonymous();

-- Every change of a request, in order: the "full history" staff and (status only) the requester see.
CREATE TABLE voice_history (
  id bigserial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  from_status text,
  to_status text,
  body_id integer REFERENCES bodies(id),
  user_id integer REFERENCES users(id),
  detail text
);
CREATE INDEX voice_history_request_idx ON voice_history (request_id, at);

-- Internal notes: never shown to the public nor to the enterprise.
CREATE TABLE voice_notes (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  body text NOT NULL,
  user_id integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_notes_request_idx ON voice_notes (request_id);

-- Transfers between bodies: each closes the old clock (kept here) and starts a new one.
CREATE TABLE voice_transfers (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  from_body_id integer NOT NULL REFERENCES bodies(id),
  to_body_id integer NOT NULL REFERENCES bodies(id),
  reason text NOT NULL,
  old_clock_started_on date NOT NULL,
  old_deadline date NOT NULL,
  new_deadline date NOT NULL,
  user_id integer REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_transfers_request_idx ON voice_transfers (request_id);

-- Information the requester added after filing (through the tracking page or an officer).
CREATE TABLE voice_additions (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  body text NOT NULL,
  source text NOT NULL CHECK (source IN ('requester','staff')),
  private boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_additions_request_idx ON voice_additions (request_id);

-- Attachments are kept in the database (one backup holds everything); type checked by content.
CREATE TABLE voice_attachments (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  mime text NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  source text NOT NULL CHECK (source IN ('requester','staff')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_attachments_request_idx ON voice_attachments (request_id);

-- The legal Q&A: edited, de-identified entries with citations, tags and validity.
CREATE TABLE voice_qa (
  id serial PRIMARY KEY,
  request_id integer REFERENCES voice_requests(id),
  question text NOT NULL,
  answer text NOT NULL,
  citations text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  valid_from date NOT NULL,
  valid_to date,
  published_at timestamptz,
  needs_review boolean NOT NULL DEFAULT false,
  review_reason text,
  created_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_text text GENERATED ALWAYS AS (question || ' ' || answer) STORED,
  search_fold text GENERATED ALWAYS AS (vn_fold(question || ' ' || answer)) STORED,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- Public search without diacritics ("lam them gio" finds "làm thêm giờ").
CREATE INDEX voice_qa_search_trgm ON voice_qa USING gin (search_fold gin_trgm_ops);
-- Entries citing a replaced rule are found by citation.
CREATE INDEX voice_qa_citations_idx ON voice_qa USING gin (citations);

-- Rules replaced by newer ones: Q&A entries citing the old one are flagged for review.
CREATE TABLE voice_superseded (
  id serial PRIMARY KEY,
  old_citation text NOT NULL UNIQUE,
  new_citation text NOT NULL,
  note text,
  user_id integer REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
