-- A statement updating many people (an import correcting 30.000 names, a retention step) spent
-- seconds to minutes in membership_counts_gender (0104) before learning that nobody's sex changed:
-- its first look, an EXISTS over the two transition tables joined on id, was planned as a nested loop
-- (an EXISTS is costed for its first row, and a hash costs more to start), 7.468 people updated →
-- 55.771.024 comparisons, 7 s. The people whose sex changed are now told apart with EXCEPT (hashed,
-- once), and the rest is unchanged: their intervals' counts move from one sex to the other, and
-- writers of memberships are held until this commits.
CREATE OR REPLACE FUNCTION membership_counts_gender() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb;
BEGIN
  -- Each changed person's sex now (true: female); before, the other one.
  SELECT jsonb_object_agg(id, female) INTO changed FROM (
    SELECT id, coalesce(gender = 'female', false) AS female FROM people_new_rows
    EXCEPT
    SELECT id, coalesce(gender = 'female', false) FROM people_old_rows) c;
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  LOCK TABLE memberships IN SHARE MODE;
  INSERT INTO membership_counts (union_id, half, female, starts, ends, joins)
  SELECT union_id, half, female, sum(s), sum(e), sum(j) FROM (
    SELECT m.union_id, half_start(m.valid_from) AS half, f.female, f.sign AS s, 0 AS e, f.sign * (m.start_reason IN ('join', 'rejoin'))::int AS j
    FROM memberships m JOIN (SELECT key::int AS id, value::boolean AS now FROM jsonb_each_text(changed)) c ON c.id = m.person_id
    CROSS JOIN LATERAL (VALUES (NOT c.now, -1), (c.now, 1)) f(female, sign)
    UNION ALL
    SELECT m.union_id, half_start(m.valid_to + 1), f.female, 0, f.sign, 0
    FROM memberships m JOIN (SELECT key::int AS id, value::boolean AS now FROM jsonb_each_text(changed)) c ON c.id = m.person_id
    CROSS JOIN LATERAL (VALUES (NOT c.now, -1), (c.now, 1)) f(female, sign)
    WHERE m.valid_to IS NOT NULL
  ) x GROUP BY 1, 2, 3;
  RETURN NULL;
END
$$;
