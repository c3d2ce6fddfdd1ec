-- Notices (issue #21, items 1–4): the outbox of 0620 becomes a real outbox owned by the notify
-- module, with a key per message, attempts, a lease and a dead-letter state; workers' contacts for
-- notices, kept apart from the request; officers' in-app notices and their settings.

-- 1. The outbox. A message is written in the transaction of the event that causes it; the deliverer
-- claims it with a lease (so a second deliverer skips it), counts the attempt at the claim (so a
-- server dying mid-send still counts), and passes `key` to the channel as its idempotency key.
ALTER TABLE outbound_messages DROP CONSTRAINT IF EXISTS outbound_messages_channel_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_channel_check CHECK (channel IN ('sms','email','zalo'));
ALTER TABLE outbound_messages
  ADD COLUMN key text NOT NULL DEFAULT ('msg:' || gen_random_uuid()::text),
  ADD COLUMN subject text,
  -- The template a Zalo ZNS message uses (receipt, transfer, answer, more_info, digest, secret) and its parameters.
  ADD COLUMN template text,
  ADD COLUMN data jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','dead')),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN last_error text,
  ADD COLUMN via text;
UPDATE outbound_messages SET status = 'sent' WHERE sent_at IS NOT NULL;
-- One message per key: an event enqueued twice (a retried transaction, a digest run on two servers) is one message.
CREATE UNIQUE INDEX outbound_messages_key_key ON outbound_messages (key);
DROP INDEX IF EXISTS outbound_messages_unsent_idx;
-- The deliverer reads pending messages that are due, oldest first.
CREATE INDEX outbound_messages_due_idx ON outbound_messages (next_attempt_at) WHERE status = 'pending';
-- The admin's dead-letter list.
CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, created_at DESC);

-- 2. A worker's contact for notices only: apart from the request (never in voice_requesters, which staff
-- and the employer's side read), also for an anonymous request; erased when the request closes.
CREATE TABLE notify_contacts (
  request_id integer PRIMARY KEY REFERENCES voice_requests(id) ON DELETE CASCADE,
  phone text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);

-- 3. An officer's in-app notices (the bell). `key` makes a notice once per event (a daily sweep run twice
-- writes no second "overdue").
CREATE TABLE notify_notices (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('new_request','assigned','review','due_tomorrow','overdue','escalated')),
  request_id integer REFERENCES voice_requests(id) ON DELETE CASCADE,
  code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  key text NOT NULL
);
CREATE UNIQUE INDEX notify_notices_key_key ON notify_notices (user_id, key);
-- The bell: a user's latest notices and their unread count.
CREATE INDEX notify_notices_user_idx ON notify_notices (user_id, created_at DESC);

-- 4. Per-user settings: the bell and the daily e-mail digest, both on unless turned off.
CREATE TABLE notify_preferences (
  user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  bell boolean NOT NULL DEFAULT true,
  digest boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
