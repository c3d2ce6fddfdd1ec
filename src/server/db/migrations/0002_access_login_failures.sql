-- Failed sign-ins, counted per username as typed (lower case), whether or not such a user exists:
-- an unknown username locks exactly as a real one does, so "account locked" tells nobody which
-- usernames exist. One row per name, incremented by one atomic upsert (parallel wrong passwords
-- cannot lose a count). users.failed_logins and users.locked_until are no longer used.
CREATE TABLE login_failures (
  username_key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Old rows (names typed once and never again) are swept by age.
CREATE INDEX login_failures_updated_idx ON login_failures (updated_at);
