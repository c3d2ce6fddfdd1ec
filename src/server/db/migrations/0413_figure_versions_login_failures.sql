-- login_failures (0002) is operational, like sessions: no figure reads it, and a flood of wrong
-- passwords must not keep every cached figure cold by moving the version.
CREATE OR REPLACE FUNCTION ensure_figure_version_triggers() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('figure_versions', 'membership_counts', 'sessions', 'api_tokens', 'login_failures', 'audit_log', 'import_jobs', 'import_rows', 'import_errors', 'schema_migrations')
      AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'figure_version')
  LOOP
    EXECUTE format('CREATE TRIGGER figure_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_figure_version()', t);
  END LOOP;
END
$$;
DROP TRIGGER IF EXISTS figure_version ON login_failures;
