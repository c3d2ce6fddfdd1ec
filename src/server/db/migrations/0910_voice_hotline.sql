-- The hotline on the officer's screen (issue 21, item 6): a call centre or PBX reports each call by a
-- signed webhook; the officers of the line's body see it at once, and missed calls after hours become
-- call-back tasks. Voice owns these tables.

-- A hotline line (the number dialled, digits as stored) belongs to one body; its hours are Vietnam
-- time on working days. A missed call outside them is a call-back task. NULL hours: staffed 24/7.
CREATE TABLE voice_hotline_lines (
  line text PRIMARY KEY CHECK (line ~ '^\+?[0-9]{3,15}$'),
  body_id integer NOT NULL REFERENCES bodies(id),
  opens_at time,
  closes_at time,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id),
  CHECK ((opens_at IS NULL) = (closes_at IS NULL)),
  CHECK (opens_at IS NULL OR opens_at < closes_at)
);
-- The officers' stream and lists find a body's lines.
CREATE INDEX voice_hotline_lines_body ON voice_hotline_lines (body_id);

-- One row per call the PBX reported. call_id is the PBX's own id: a retried webhook is the same call.
-- caller_phone is personal data: retention (privacy) clears it, the row stays for the counts.
CREATE TABLE voice_calls (
  id serial PRIMARY KEY,
  call_id text NOT NULL UNIQUE,
  line text NOT NULL,
  -- The line's body when the call came: a line moved to another body later keeps its past calls.
  body_id integer NOT NULL REFERENCES bodies(id),
  caller_phone text,
  called_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('missed','answered')),
  received_at timestamptz NOT NULL DEFAULT now(),
  -- The request the call became ("Tạo yêu cầu" from the card).
  request_id integer REFERENCES voice_requests(id) ON DELETE SET NULL,
  -- A missed call outside the line's hours: call back before this (12:00 of the next working day).
  callback_due timestamptz,
  callback_closed_at timestamptz,
  callback_closed_by integer REFERENCES users(id),
  callback_note text,
  deidentified_at timestamptz
);
-- The call log: a body's calls, newest first.
CREATE INDEX voice_calls_body_time ON voice_calls (body_id, called_at DESC);
-- The call-back list: open tasks by deadline.
CREATE INDEX voice_calls_callback_open ON voice_calls (callback_due) WHERE callback_due IS NOT NULL AND callback_closed_at IS NULL;
-- The request page shows the call it came from.
CREATE INDEX voice_calls_request ON voice_calls (request_id) WHERE request_id IS NOT NULL;

-- Signatures already accepted, so a captured webhook cannot be played again inside its 5-minute
-- window. Rows older than the window are useless and are deleted as new ones arrive.
CREATE TABLE voice_hotline_signatures (
  signature text PRIMARY KEY,
  seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_hotline_signatures_seen ON voice_hotline_signatures (seen_at);
