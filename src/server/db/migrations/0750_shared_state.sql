-- Many servers, one truth (issue #20, item 2): the request counters of the rate limits live in the
-- database, so two app servers behind a proxy count one caller's attempts together (a limit of 20 logins
-- a minute stays 20, not 20 per server). Unlogged: the counters are worth nothing after a crash and
-- cost no WAL; a replica does not need them.
CREATE UNLOGGED TABLE rate_limit_hits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_resets_at ON rate_limit_hits (resets_at);
