-- Registry: members as of a date, women among them and new members, per grassroots union, kept as
-- the memberships change, so the leaders' dashboard does not count 650.000 intervals on every view.
--
-- membership_counts holds, per union, half-year and sex, how many intervals START in that half
-- (valid_from), how many END in it (the day after valid_to: from that day the person is no longer
-- counted), and how many of the starts begin a membership (join, rejoin; not a transfer). Members of
-- union u on day d = Σ(starts − ends) over the halves before d's half, plus the starts and ends
-- inside d's half up to d (read from memberships through the indexes below; none if d ends the half).
--
-- The table is a log of deltas: every statement that writes memberships APPENDS its own aggregated
-- rows (statement triggers with transition tables) and never updates a shared row, so concurrent
-- writers never wait for each other or deadlock on a counter; readers sum. compact_membership_counts()
-- folds the rows of a key into one, in one statement, safe while others append.
-- Sex is the person's at the time of counting: a change of gender moves their intervals' counts.
CREATE FUNCTION half_start(d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT make_date(extract(year FROM d)::int, CASE WHEN extract(month FROM d) <= 6 THEN 1 ELSE 7 END, 1) $$;

CREATE TABLE membership_counts (
  union_id integer NOT NULL,
  half date NOT NULL,
  female boolean NOT NULL,
  starts integer NOT NULL,
  ends integer NOT NULL,
  joins integer NOT NULL
);
CREATE INDEX membership_counts_half_idx ON membership_counts (half, union_id);

-- The statement adding the signed counts of a set of intervals (a transition table, or a subquery
-- of one). It is EXECUTEd by the trigger function itself: transition tables are visible only there.
CREATE FUNCTION membership_counts_sql(sign integer, intervals text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO membership_counts (union_id, half, female, starts, ends, joins)
     SELECT union_id, half, female, %1$s * sum(s), %1$s * sum(e), %1$s * sum(j) FROM (
       SELECT m.union_id, half_start(m.valid_from) AS half, coalesce(p.gender = ''female'', false) AS female,
              1 AS s, 0 AS e, (m.start_reason IN (''join'', ''rejoin''))::int AS j
       FROM %2$s m LEFT JOIN people p ON p.id = m.person_id
       UNION ALL
       SELECT m.union_id, half_start(m.valid_to + 1), coalesce(p.gender = ''female'', false), 0, 1, 0
       FROM %2$s m LEFT JOIN people p ON p.id = m.person_id WHERE m.valid_to IS NOT NULL
     ) x GROUP BY 1, 2, 3', sign, intervals)
$$;

CREATE FUNCTION membership_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE membership_counts_sql(1, 'membership_new_rows');
  RETURN NULL;
END
$$;
CREATE FUNCTION membership_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE membership_counts_sql(-1, 'membership_old_rows');
  RETURN NULL;
END
$$;
-- Only intervals whose counted fields changed (a new card number moves nothing).
CREATE FUNCTION membership_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE membership_counts_sql(-1, '(SELECT o.* FROM membership_old_rows o JOIN membership_new_rows n ON n.id = o.id
    WHERE (o.person_id, o.union_id, o.valid_from, o.valid_to, o.start_reason) IS DISTINCT FROM (n.person_id, n.union_id, n.valid_from, n.valid_to, n.start_reason))');
  EXECUTE membership_counts_sql(1, '(SELECT n.* FROM membership_old_rows o JOIN membership_new_rows n ON n.id = o.id
    WHERE (o.person_id, o.union_id, o.valid_from, o.valid_to, o.start_reason) IS DISTINCT FROM (n.person_id, n.union_id, n.valid_from, n.valid_to, n.start_reason))');
  RETURN NULL;
END
$$;

CREATE TRIGGER membership_counts_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS membership_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_counts_insert();
CREATE TRIGGER membership_counts_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS membership_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_counts_delete();
CREATE TRIGGER membership_counts_update AFTER UPDATE ON memberships REFERENCING OLD TABLE AS membership_old_rows NEW TABLE AS membership_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_counts_update();
CREATE FUNCTION membership_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE membership_counts;
  RETURN NULL;
END
$$;
CREATE TRIGGER membership_counts_truncate AFTER TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION membership_counts_truncate();

-- A person whose sex is corrected: their intervals' counts move from one sex to the other. Writers
-- of memberships are held (SHARE lock) until this commits, so an interval added meanwhile is counted
-- with the sex it will have, not the one it had.
CREATE FUNCTION membership_counts_gender() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM people_old_rows o JOIN people_new_rows n ON n.id = o.id
                 WHERE coalesce(o.gender = 'female', false) <> coalesce(n.gender = 'female', false)) THEN
    RETURN NULL;
  END IF;
  LOCK TABLE memberships IN SHARE MODE;
  INSERT INTO membership_counts (union_id, half, female, starts, ends, joins)
  SELECT union_id, half, female, sum(s), sum(e), sum(j) FROM (
    SELECT m.union_id, half_start(m.valid_from) AS half, f.female, f.sign AS s, 0 AS e, f.sign * (m.start_reason IN ('join', 'rejoin'))::int AS j
    FROM memberships m JOIN (
      SELECT o.id, coalesce(o.gender = 'female', false) AS was, coalesce(n.gender = 'female', false) AS now
      FROM people_old_rows o JOIN people_new_rows n ON n.id = o.id
      WHERE coalesce(o.gender = 'female', false) <> coalesce(n.gender = 'female', false)) c ON c.id = m.person_id
    CROSS JOIN LATERAL (VALUES (c.was, -1), (c.now, 1)) f(female, sign)
    UNION ALL
    SELECT m.union_id, half_start(m.valid_to + 1), f.female, 0, f.sign, 0
    FROM memberships m JOIN (
      SELECT o.id, coalesce(o.gender = 'female', false) AS was, coalesce(n.gender = 'female', false) AS now
      FROM people_old_rows o JOIN people_new_rows n ON n.id = o.id
      WHERE coalesce(o.gender = 'female', false) <> coalesce(n.gender = 'female', false)) c ON c.id = m.person_id
    CROSS JOIN LATERAL (VALUES (c.was, -1), (c.now, 1)) f(female, sign)
    WHERE m.valid_to IS NOT NULL
  ) x GROUP BY 1, 2, 3;
  RETURN NULL;
END
$$;
CREATE TRIGGER membership_counts_gender AFTER UPDATE ON people REFERENCING OLD TABLE AS people_old_rows NEW TABLE AS people_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_counts_gender();

-- Folds the rows of each key into one. Rows appended meanwhile by other transactions are not visible
-- to the DELETE and stay as they are; two compactions at once each fold only what they deleted.
CREATE FUNCTION compact_membership_counts() RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM membership_counts RETURNING *),
  kept AS (
    INSERT INTO membership_counts (union_id, half, female, starts, ends, joins)
    SELECT union_id, half, female, sum(starts), sum(ends), sum(joins) FROM gone GROUP BY 1, 2, 3
    HAVING sum(starts) <> 0 OR sum(ends) <> 0 OR sum(joins) <> 0
    RETURNING 1)
  SELECT count(*)::int FROM kept
$$;

-- The registry as it stands.
INSERT INTO membership_counts (union_id, half, female, starts, ends, joins)
SELECT union_id, half, female, sum(s), sum(e), sum(j) FROM (
  SELECT m.union_id, half_start(m.valid_from) AS half, coalesce(p.gender = 'female', false) AS female,
         1 AS s, 0 AS e, (m.start_reason IN ('join', 'rejoin'))::int AS j
  FROM memberships m LEFT JOIN people p ON p.id = m.person_id
  UNION ALL
  SELECT m.union_id, half_start(m.valid_to + 1), coalesce(p.gender = 'female', false), 0, 1, 0
  FROM memberships m LEFT JOIN people p ON p.id = m.person_id WHERE m.valid_to IS NOT NULL
) x GROUP BY 1, 2, 3;

-- The part of a half up to a day is read from memberships by date: starts by valid_from (the index
-- of 0400, now carrying what is counted so the heap is not visited) and ends by valid_to.
DROP INDEX IF EXISTS memberships_valid_from_idx;
CREATE INDEX memberships_valid_from_idx ON memberships (valid_from) INCLUDE (union_id, person_id, start_reason);
CREATE INDEX memberships_valid_to_idx ON memberships (valid_to) INCLUDE (union_id, person_id) WHERE valid_to IS NOT NULL;
