-- A solved public challenge is accepted once (issue #14.7: one solution was accepted 20 times).
-- The token's digest is kept only until the token would have expired anyway; the primary key makes
-- "spend" one atomic INSERT, so two parallel submissions with one solution cannot both pass, and the
-- record survives a restart (memory would not) and is shared by every app process on one database.
CREATE TABLE spent_challenges (
  digest text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
-- Expired rows are deleted by range on each spend.
CREATE INDEX spent_challenges_expires_idx ON spent_challenges (expires_at);
