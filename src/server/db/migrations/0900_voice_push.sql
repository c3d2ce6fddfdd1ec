-- Web Push for the "Hướng Công" app (issue 21, item 5): a worker who installed the portal is told when
-- their request is received again after a transfer, answered or closed, without opening it.
-- The server's VAPID key pair: made once at the first start and kept here, so every app server signs
-- with the same key and a restart does not orphan the subscriptions made against the old public key.
CREATE TABLE voice_push_keys (
  -- One row only: the key pair of this installation.
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  public_key text NOT NULL,
  private_key text NOT NULL,
  -- The contact push services may write to (mailto: or https:), from PUSH_SUBJECT or PUBLIC_URL.
  subject text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A browser's push subscription for one request, made with the request's code and secret. Kept apart
-- from the request and the requester: no name, no phone, only the push service's address and keys.
-- Deleted with the request (privacy erasure) and when the push service answers that it is gone.
CREATE TABLE voice_push_subscriptions (
  id serial PRIMARY KEY,
  request_id int NOT NULL REFERENCES voice_requests(id) ON DELETE CASCADE,
  endpoint text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sent_at timestamptz,
  -- The push service's last refusal (status and text), so a failing delivery is visible without logs.
  last_error text,
  -- Subscribing twice from one phone for one request refreshes the keys instead of notifying twice.
  CONSTRAINT voice_push_subscriptions_once UNIQUE (request_id, endpoint)
);
