-- Enterprise accounts (issue 17, items 1, 5 and 6): invitations with a one-time activation code,
-- colleagues with narrower rights, tokens narrowed to them, and the union's contact phone.

-- The enterprise rights a user holds, a subset of report/answer/manage. NULL: every right of the
-- enterprise (accounts made by an administrator before invitations existed). The check keeps a
-- typo from granting nothing silently.
ALTER TABLE users ADD COLUMN enterprise_rights text[]
  CHECK (enterprise_rights IS NULL OR enterprise_rights <@ ARRAY['report','answer','manage']::text[]);

-- A token may carry fewer rights than its owner (an HR system that only sends the report); NULL: the
-- owner's. The owner's current rights always bound it, so narrowing the user narrows the token.
ALTER TABLE api_tokens ADD COLUMN enterprise_rights text[]
  CHECK (enterprise_rights IS NULL OR enterprise_rights <@ ARRAY['report','answer','manage']::text[]);

-- One invitation per code. Only the code's SHA-256 is kept (the code has ~97 random bits, so a fast
-- hash is enough: nobody can enumerate the space); `code_hint` (its last four characters) lets an
-- officer tell two invitations apart. Single use (used_at), 7 days (expires_at), revocable.
CREATE TABLE enterprise_invites (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  full_name text,
  email text,
  rights text[] NOT NULL CHECK (rights <@ ARRAY['report','answer','manage']::text[]),
  code_hash text NOT NULL UNIQUE,
  code_hint text NOT NULL,
  created_by integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by integer REFERENCES users(id),
  revoked_at timestamptz
);
-- The officer's and the representative's lists: an enterprise's invitations, newest first.
CREATE INDEX enterprise_invites_enterprise_idx ON enterprise_invites (enterprise_id, created_at DESC);

-- Wrong activation codes counted per address (the page is public): one atomic upsert per failure,
-- a lock after ten, as login_failures does for names. Kept in the database, not in one server's memory.
CREATE TABLE activation_failures (
  ip_key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activation_failures_updated_idx ON activation_failures (updated_at);

-- The enterprise's own page shows whom to call at its grassroots union.
ALTER TABLE unions ADD COLUMN contact_phone text;
