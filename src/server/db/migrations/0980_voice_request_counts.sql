-- Voice: requests counted per month as they are written, so a city or zone union dashboard's first
-- view does not read the year's 50.000 requests (≈ 100 ms of PostgreSQL time at city scale, the
-- largest statement of that view).
--
-- A city or zone union scope tests two places of a request: the zone of its enterprise, and whether
-- its responsible body lies under the zone union. Both are derived through other tables (an
-- enterprise moves to another zone, a union is re-parented by an import), so each request keeps them
-- itself (place_zone_id, place_zone_union_id: the nearest zone union among its responsible body and
-- that body's ancestors), set as it is written and corrected when an enterprise's zone or a body's
-- place in the tree changes. A zone union's scope (path P) holds a request whose body lies under P
-- exactly when that request's nearest zone union lies under P: that union is an ancestor of the body.
--
-- voice_request_counts holds, per month (in Vietnam), event (received, or answered), topic, kind and
-- the two places, how many requests and the measures the figures add up. Like membership_counts
-- (0104) and care_payout_counts (0970) it is a log of deltas: each statement writing requests
-- APPENDS its aggregated rows; readers sum; compact_voice_request_counts() folds a key's rows.
-- What depends on today (overdue now) or needs each request (the median time to answer) is read
-- from the requests themselves (voice/figures.ts).
ALTER TABLE voice_requests ADD COLUMN place_zone_id integer;
ALTER TABLE voice_requests ADD COLUMN place_zone_union_id integer;

-- The nearest zone union among a body (by its path) and its ancestors, or null.
CREATE FUNCTION voice_zone_union_of(body_path text) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT b.id FROM bodies b WHERE b.kind = 'zone_union' AND body_path LIKE b.path || '%' ORDER BY length(b.path) DESC LIMIT 1
$$;

-- The places of a request as it is written. The enterprise and the body are read FOR SHARE: a change
-- of that enterprise's zone (or that body's path) made at the same time waits for this request to
-- commit and then corrects it, or this waits for that change and reads its result.
CREATE FUNCTION voice_request_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  body_path text;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id THEN
    NEW.place_zone_id := NULL;
    SELECT e.zone_id INTO NEW.place_zone_id FROM enterprises e WHERE e.id = NEW.enterprise_id FOR SHARE;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.responsible_body_id IS DISTINCT FROM OLD.responsible_body_id THEN
    SELECT b.path INTO body_path FROM bodies b WHERE b.id = NEW.responsible_body_id FOR SHARE;
    NEW.place_zone_union_id := voice_zone_union_of(body_path);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER voice_request_place BEFORE INSERT OR UPDATE OF enterprise_id, responsible_body_id ON voice_requests
  FOR EACH ROW EXECUTE FUNCTION voice_request_place();

-- An enterprise moved to another zone: its requests move with it (and their counts, by the update).
-- The changed rows are found with EXCEPT (hashed), never by joining the two transition tables on id:
-- the planner knows nothing of their sizes and joins them by nested loop (≈ 0,4 s for 2.500 rows).
-- Most statements updating enterprises move none, and return after that one look.
CREATE FUNCTION voice_enterprise_zone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved jsonb;
BEGIN
  SELECT jsonb_object_agg(id, zone_id) INTO moved
    FROM (SELECT id, zone_id FROM voice_enterprise_new_rows EXCEPT SELECT id, zone_id FROM voice_enterprise_old_rows) m;
  IF moved IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE voice_requests r SET place_zone_id = (moved ->> r.enterprise_id::text)::int
    WHERE r.enterprise_id IN (SELECT k::int FROM jsonb_object_keys(moved) k)
      AND r.place_zone_id IS DISTINCT FROM (moved ->> r.enterprise_id::text)::int;
  RETURN NULL;
END
$$;
CREATE TRIGGER voice_enterprise_zone AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS voice_enterprise_old_rows NEW TABLE AS voice_enterprise_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voice_enterprise_zone();

-- A body re-parented, or made (or no longer) a zone union: the requests of that body and of every
-- body under it take their nearest zone union again. A path is the ids of the body's ancestors and
-- its own ("/2/5/123/"), so the bodies under a changed one are those whose path names it, whether
-- their own path was rewritten yet or not: each path's ids joined by hash with the changed bodies'
-- (an import re-parenting 1.600 unions: 30 ms; testing every path against every changed path, or
-- letting the planner probe the changed set once per body, took over a second).
CREATE FUNCTION voice_body_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
  ids integer[];
  unions integer[];
BEGIN
  SELECT array_agg(id::text) INTO changed
    FROM (SELECT id, path, kind FROM voice_body_new_rows EXCEPT SELECT id, path, kind FROM voice_body_old_rows) c;
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  WITH parts AS MATERIALIZED (
         SELECT b.id, a.part FROM bodies b CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from b.path), '/')) AS a(part)),
       moved AS MATERIALIZED (SELECT unnest(changed) AS part)
  SELECT array_agg(b.id), array_agg(voice_zone_union_of(b.path)) INTO ids, unions FROM bodies b
    WHERE b.id IN (SELECT p.id FROM parts p JOIN moved m ON m.part = p.part);
  -- The bodies as an array: the requests are found through their index on the responsible body (a
  -- set of unknown size made the planner read all of them to move one union's).
  UPDATE voice_requests r SET place_zone_union_id = u.zu FROM unnest(ids, unions) AS u(id, zu)
    WHERE r.responsible_body_id = ANY(ids) AND r.responsible_body_id = u.id AND r.place_zone_union_id IS DISTINCT FROM u.zu;
  RETURN NULL;
END
$$;
CREATE TRIGGER voice_body_place AFTER UPDATE ON bodies REFERENCING OLD TABLE AS voice_body_old_rows NEW TABLE AS voice_body_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voice_body_place();

CREATE TABLE voice_request_counts (
  month date NOT NULL,
  answered boolean NOT NULL,
  topic text NOT NULL,
  kind text NOT NULL,
  zone_id integer,
  zone_union_id integer,
  -- Requests received (answered = false) or answered (true) in the month.
  n integer NOT NULL,
  -- Answered requests: answered from the day after the deadline on.
  late integer NOT NULL,
  -- Received requests: rated, the sum of the ratings, rated 4–5, anonymous, collective.
  rated integer NOT NULL,
  rating_sum integer NOT NULL,
  satisfied integer NOT NULL,
  anonymous integer NOT NULL,
  collective integer NOT NULL
);
CREATE INDEX voice_request_counts_month_idx ON voice_request_counts (month);

-- The statement appending the signed counts of a set of requests (a transition table, or a subquery
-- of one). EXECUTEd by the trigger functions: transition tables are visible only there. Months and
-- lateness at UTC+7 (Vietnam keeps no summer time), as voice/figures.ts reads them.
CREATE FUNCTION voice_request_counts_sql(sign integer, requests text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO voice_request_counts (month, answered, topic, kind, zone_id, zone_union_id, n, late, rated, rating_sum, satisfied, anonymous, collective)
     SELECT e.month, e.answered, x.topic, x.kind, x.place_zone_id, x.place_zone_union_id, %1$s * count(*),
       %1$s * count(*) FILTER (WHERE e.answered AND x.answered_at >= (x.deadline + 1)::timestamp AT TIME ZONE INTERVAL ''+07:00''),
       %1$s * count(x.rating) FILTER (WHERE NOT e.answered), %1$s * coalesce(sum(x.rating) FILTER (WHERE NOT e.answered), 0),
       %1$s * count(*) FILTER (WHERE NOT e.answered AND x.rating >= 4), %1$s * count(*) FILTER (WHERE NOT e.answered AND x.anonymous),
       %1$s * count(*) FILTER (WHERE NOT e.answered AND x.collective)
     FROM %2$s x
     CROSS JOIN LATERAL (VALUES (false, date_trunc(''month'', x.received_at AT TIME ZONE INTERVAL ''+07:00'')::date),
                                (true, date_trunc(''month'', x.answered_at AT TIME ZONE INTERVAL ''+07:00'')::date)) e(answered, month)
     WHERE e.month IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6', sign, requests)
$$;

CREATE FUNCTION voice_request_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE voice_request_counts_sql(1, 'voice_request_new_rows');
  RETURN NULL;
END
$$;
CREATE FUNCTION voice_request_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE voice_request_counts_sql(-1, 'voice_request_old_rows');
  RETURN NULL;
END
$$;
-- Only requests whose counted fields changed: an assignment, a note, a status moving between open
-- steps append nothing. Old and new versions are told apart with EXCEPT (hashed; see
-- voice_enterprise_zone on joining transition tables).
CREATE FUNCTION voice_request_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counted text := 'id, received_at, answered_at, deadline, topic, kind, rating, anonymous, collective, place_zone_id, place_zone_union_id';
BEGIN
  EXECUTE voice_request_counts_sql(-1, format('(SELECT %1$s FROM voice_request_old_rows EXCEPT SELECT %1$s FROM voice_request_new_rows)', counted));
  EXECUTE voice_request_counts_sql(1, format('(SELECT %1$s FROM voice_request_new_rows EXCEPT SELECT %1$s FROM voice_request_old_rows)', counted));
  RETURN NULL;
END
$$;
CREATE FUNCTION voice_request_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE voice_request_counts;
  RETURN NULL;
END
$$;

CREATE TRIGGER voice_request_counts_insert AFTER INSERT ON voice_requests REFERENCING NEW TABLE AS voice_request_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voice_request_counts_insert();
CREATE TRIGGER voice_request_counts_delete AFTER DELETE ON voice_requests REFERENCING OLD TABLE AS voice_request_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voice_request_counts_delete();
CREATE TRIGGER voice_request_counts_update AFTER UPDATE ON voice_requests REFERENCING OLD TABLE AS voice_request_old_rows NEW TABLE AS voice_request_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voice_request_counts_update();
CREATE TRIGGER voice_request_counts_truncate AFTER TRUNCATE ON voice_requests FOR EACH STATEMENT EXECUTE FUNCTION voice_request_counts_truncate();

-- Folds the rows of each key into one. Rows appended meanwhile by other transactions are not visible
-- to the DELETE and stay as they are; two compactions at once each fold only what they deleted.
CREATE FUNCTION compact_voice_request_counts() RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM voice_request_counts RETURNING *),
  kept AS (
    INSERT INTO voice_request_counts (month, answered, topic, kind, zone_id, zone_union_id, n, late, rated, rating_sum, satisfied, anonymous, collective)
    SELECT month, answered, topic, kind, zone_id, zone_union_id, sum(n), sum(late), sum(rated), sum(rating_sum), sum(satisfied), sum(anonymous), sum(collective)
    FROM gone GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(n) <> 0 OR sum(late) <> 0 OR sum(rated) <> 0 OR sum(rating_sum) <> 0 OR sum(satisfied) <> 0 OR sum(anonymous) <> 0 OR sum(collective) <> 0
    RETURNING 1)
  SELECT count(*)::int FROM kept
$$;

-- The requests as they stand: their places (the update appends nothing yet: the counts' triggers
-- come after it), then their counts.
ALTER TABLE voice_requests DISABLE TRIGGER voice_request_counts_update;
UPDATE voice_requests r SET place_zone_id = e.zone_id FROM enterprises e WHERE e.id = r.enterprise_id;
UPDATE voice_requests r SET place_zone_union_id = voice_zone_union_of(b.path) FROM bodies b WHERE b.id = r.responsible_body_id;
ALTER TABLE voice_requests ENABLE TRIGGER voice_request_counts_update;
INSERT INTO voice_request_counts (month, answered, topic, kind, zone_id, zone_union_id, n, late, rated, rating_sum, satisfied, anonymous, collective)
SELECT e.month, e.answered, x.topic, x.kind, x.place_zone_id, x.place_zone_union_id, count(*),
  count(*) FILTER (WHERE e.answered AND x.answered_at >= (x.deadline + 1)::timestamp AT TIME ZONE INTERVAL '+07:00'),
  count(x.rating) FILTER (WHERE NOT e.answered), coalesce(sum(x.rating) FILTER (WHERE NOT e.answered), 0),
  count(*) FILTER (WHERE NOT e.answered AND x.rating >= 4), count(*) FILTER (WHERE NOT e.answered AND x.anonymous),
  count(*) FILTER (WHERE NOT e.answered AND x.collective)
FROM voice_requests x
CROSS JOIN LATERAL (VALUES (false, date_trunc('month', x.received_at AT TIME ZONE INTERVAL '+07:00')::date),
                           (true, date_trunc('month', x.answered_at AT TIME ZONE INTERVAL '+07:00')::date)) e(answered, month)
WHERE e.month IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;

-- What the counts cannot keep is read from the requests: those overdue today per topic, kind and
-- zone, and the median time to answer. The indexes on open requests' deadlines and on answered_at
-- carry the columns these reads need, places included, so neither visits the table (a scan of every
-- request's entry in the figures' index cost ≈ 25 ms for the city's 1.400 overdue requests).
DROP INDEX voice_requests_open_deadline_idx;
CREATE INDEX voice_requests_open_deadline_idx ON voice_requests (deadline)
  INCLUDE (received_at, topic, kind, enterprise_id, responsible_body_id, place_zone_id, place_zone_union_id)
  WHERE status IN ('received','assigned','in_progress');
DROP INDEX voice_requests_answered_idx;
CREATE INDEX voice_requests_answered_idx ON voice_requests (answered_at)
  INCLUDE (received_at, enterprise_id, responsible_body_id, place_zone_id, place_zone_union_id)
  WHERE answered_at IS NOT NULL;
