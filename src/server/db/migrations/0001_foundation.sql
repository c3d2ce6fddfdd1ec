-- Foundation: extensions, the Vietnamese fold, bodies, users, sessions, API tokens, audit log.
-- Never btree_gin here: with pg_trgm on PGlite it returned wrong results for % (DESIGN.md).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- vn_fold: the SQL twin of fold() in src/shared/text.ts (a test compares them).
-- unaccent() is only STABLE (its dictionary could change); naming the dictionary explicitly makes
-- this wrapper safe to declare IMMUTABLE, so generated columns and trigram indexes can use it.
-- Đ/đ and the look-alike Ð/ð are mapped first: Unicode gives the stroke no decomposition.
CREATE OR REPLACE FUNCTION vn_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary,
    translate(normalize(input, NFC), U&'\0110\00D0\0111\00F0\200B\200C\200D\2060\FEFF', 'dddd'))),
    '\s+', ' ', 'g'))
$$;

-- Bodies are the organisations, in one tree: city federation → zone unions → grassroots unions;
-- the zone authority → enterprises; the mass mobilization commission. `path` ("/1/4/17/") makes
-- "this body and everything under it" one indexed prefix match instead of a recursive query.
CREATE TABLE bodies (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('system','federation','zone_union','grassroots_union','zone_authority','mass_mobilization','enterprise')),
  name text NOT NULL,
  short_name text,
  code text UNIQUE,
  parent_id integer REFERENCES bodies(id),
  path text NOT NULL DEFAULT '',
  name_fold text GENERATED ALWAYS AS (vn_fold(name)) STORED,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- text_pattern_ops: the subtree query is `path LIKE '/1/4/%'`.
CREATE INDEX bodies_path_idx ON bodies (path text_pattern_ops);
CREATE INDEX bodies_parent_idx ON bodies (parent_id);
CREATE INDEX bodies_kind_idx ON bodies (kind);

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL,
  full_name text NOT NULL,
  email text,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('system_admin','body_admin','officer','viewer','union_officer','enterprise_rep')),
  body_id integer NOT NULL REFERENCES bodies(id),
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi','en')),
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Usernames are unique whatever their case: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_body_idx ON users (body_id);

-- Only a hash of the session id is stored: a leaked table does not give working cookies.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- The audit log is append-only: the trigger below refuses UPDATE and DELETE for everyone,
-- the app included, so the log cannot be edited through the app.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id integer,
  username text,
  body_id integer,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  ip text,
  request_id text,
  before jsonb,
  after jsonb,
  detail jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC);

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Key/value settings an admin may change (early-warning weights, deadlines, …), per module key.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);
