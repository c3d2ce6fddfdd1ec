-- The enterprise side (issue #17, items 3 and 4): what reaches an enterprise's inbox besides the
-- requests and findings other modules keep (the authority's notices), every exchange about an item of
-- the inbox (answers, extensions and the officer's decisions), the evidence attached to an answer, and
-- the difficulties an enterprise files to the zone authority. Statuses and current deadlines are
-- derived from the exchanges, never stored twice.

CREATE TABLE enterprise_notices (
  id serial PRIMARY KEY,
  from_body_id integer NOT NULL REFERENCES bodies(id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  body text NOT NULL CHECK (length(body) BETWEEN 3 AND 10000),
  -- The day an answer is due; null: for information, no answer asked.
  answer_by date,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprise_notice_recipients (
  notice_id integer NOT NULL REFERENCES enterprise_notices(id),
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  PRIMARY KEY (notice_id, enterprise_id)
);
-- An enterprise's inbox reads its notices by enterprise.
CREATE INDEX enterprise_notice_recipients_enterprise_idx ON enterprise_notice_recipients (enterprise_id);

CREATE TABLE enterprise_exchanges (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  -- request: a forwarded worker's request (voice_requests.id); finding: relations_recommendations.id;
  -- notice: enterprise_notices.id. The item's own module keeps the item.
  item_kind text NOT NULL CHECK (item_kind IN ('request','finding','notice')),
  item_id integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('answer','extension_request','accepted','reopened','extension_granted','extension_refused')),
  side text NOT NULL CHECK (side IN ('enterprise','authority')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  -- extension_request: the day asked for; extension_granted: the new deadline.
  until date,
  by_user integer REFERENCES users(id),
  by_body_id integer NOT NULL REFERENCES bodies(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('extension_request','extension_granted')) = (until IS NOT NULL))
);
-- The timeline and each item's state read the exchanges of one enterprise (and one item) in order.
CREATE INDEX enterprise_exchanges_item_idx ON enterprise_exchanges (enterprise_id, item_kind, item_id, id);
-- The officers' list of what awaits a decision reads the latest exchanges of every item.
CREATE INDEX enterprise_exchanges_recent_idx ON enterprise_exchanges (item_kind, item_id, id DESC);

CREATE TABLE enterprise_evidence (
  id serial PRIMARY KEY,
  exchange_id integer NOT NULL REFERENCES enterprise_exchanges(id),
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  file_name text NOT NULL,
  mime text NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Evidence is listed with its exchange.
CREATE INDEX enterprise_evidence_exchange_idx ON enterprise_evidence (exchange_id);

-- An enterprise's own difficulty or question, routed and deadlined like a worker's request (voice's
-- rules and calendar) but kept apart from workers' requests, so workers' figures count only workers.
CREATE TABLE enterprise_difficulties (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  kind text NOT NULL CHECK (kind IN ('consultation','petition')),
  topic text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  body text NOT NULL CHECK (length(body) BETWEEN 3 AND 10000),
  responsible_body_id integer NOT NULL REFERENCES bodies(id),
  received_on date NOT NULL,
  deadline date NOT NULL CHECK (deadline >= received_on),
  answer text,
  answered_at timestamptz,
  answered_by integer REFERENCES users(id),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
-- The enterprise lists its own; the responsible body lists what it must answer, oldest deadline first.
CREATE INDEX enterprise_difficulties_enterprise_idx ON enterprise_difficulties (enterprise_id, created_at DESC);
CREATE INDEX enterprise_difficulties_body_idx ON enterprise_difficulties (responsible_body_id, deadline) WHERE answered_at IS NULL;
