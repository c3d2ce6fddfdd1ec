-- Reporting: the figures of a whole city take about a second to compute and are read far more often
-- than the data changes. Every write to a table that figures are drawn from bumps a data version;
-- reporting keeps a computed result only as long as the version it was computed under is current
-- (src/server/modules/reporting/figures.cache.ts). The version is a sum over 16 counter rows, one
-- picked by the writing connection, so concurrent writers (a flood of public submissions) do not
-- queue on one row; it only ever grows, so any committed write changes the sum.
CREATE TABLE figure_versions (
  shard integer PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO figure_versions (shard) SELECT g FROM generate_series(0, 15) AS g;

CREATE FUNCTION bump_figure_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE figure_versions SET version = version + 1 WHERE shard = pg_backend_pid() % 16;
  RETURN NULL;
END
$$;

-- Every table of the schema except the operational ones no figure reads (sessions, tokens, the audit
-- log, import jobs and their staging, the migrations). `migrate()` calls this after every run, so a
-- table added by a later migration gets the trigger too; a test checks that none is without it.
CREATE FUNCTION ensure_figure_version_triggers() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('figure_versions', 'sessions', 'api_tokens', 'audit_log', 'import_jobs', 'import_rows', 'import_errors', 'schema_migrations')
      AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'figure_version')
  LOOP
    EXECUTE format('CREATE TRIGGER figure_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_figure_version()', t);
  END LOOP;
END
$$;
SELECT ensure_figure_version_triggers();
