-- Care: payouts counted per month as they are written, so a dashboard's first view does not read
-- the year's 150.000 payouts (≈ 150 ms of a zone union's view at city scale, the largest statement).
--
-- care_payout_counts holds, per campaign, kind, month of payment and the three places a scope tests
-- (the paying union, the person's union and enterprise when paid: migration 0860), how many payouts
-- and how much. Like membership_counts (0104) it is a log of deltas: each statement writing payouts
-- APPENDS its aggregated rows and never updates a shared one, so writers never wait on a counter;
-- readers sum; compact_care_payout_counts() folds a key's rows into one.
--
-- People are counted once per purpose and once per (purpose, kind), but a count of payouts counts
-- a person paid twice twice. Each payout therefore says whether the same person had an earlier one
-- (by payment day, then id) of the same purpose (repeats_purpose) and of the same purpose and kind
-- (repeats_kind). People in a set of payouts = payouts − those in the set with an earlier one of the
-- same person in the set; only flagged payouts can be such, and they are few (≈ 200 of 150.000 in
-- the seeded city), so that correction reads them alone (care.figures.ts).
ALTER TABLE care_payouts ADD COLUMN repeats_purpose boolean NOT NULL DEFAULT false;
ALTER TABLE care_payouts ADD COLUMN repeats_kind boolean NOT NULL DEFAULT false;

CREATE TABLE care_payout_counts (
  campaign_id integer NOT NULL,
  kind text NOT NULL,
  month date NOT NULL,
  union_id integer,
  person_union_id integer,
  person_enterprise_id integer,
  payouts integer NOT NULL,
  amount numeric(20, 0) NOT NULL
);
CREATE INDEX care_payout_counts_month_idx ON care_payout_counts (month);

-- The statement appending the signed counts of a set of payouts (a transition table, or a subquery of
-- one). EXECUTEd by the trigger functions: transition tables are visible only there.
CREATE FUNCTION care_payout_counts_sql(sign integer, payouts text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO care_payout_counts (campaign_id, kind, month, union_id, person_union_id, person_enterprise_id, payouts, amount)
     SELECT campaign_id, kind, date_trunc(''month'', paid_on)::date, union_id, person_union_id, person_enterprise_id, %1$s * count(*), %1$s * sum(amount)
     FROM %2$s x GROUP BY 1, 2, 3, 4, 5, 6', sign, payouts)
$$;

-- Sets the two flags of every payout of these people. Writers of payouts take turns here (one
-- transaction lock, held to commit), so two payouts of one person recorded at once both see each
-- other: each statement of this function reads what was committed before it began. One lock, not
-- one per person: a transaction holds one however many people it writes (an import of 20.000 would
-- exhaust the lock table), and two writers cannot deadlock on it. Payouts are written by officers
-- and imports, a few a minute: waiting for another writer's commit costs little.
CREATE FUNCTION care_payout_repeats(people integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF people IS NULL OR cardinality(people) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(860970, 0);
  UPDATE care_payouts cp SET repeats_purpose = f.rp > 1, repeats_kind = f.rk > 1
    FROM (SELECT q.id,
                 row_number() OVER (PARTITION BY q.person_id, c.purpose ORDER BY q.paid_on, q.id) AS rp,
                 row_number() OVER (PARTITION BY q.person_id, c.purpose, q.kind ORDER BY q.paid_on, q.id) AS rk
          FROM care_payouts q JOIN care_campaigns c ON c.id = q.campaign_id
          WHERE q.person_id = ANY(people)) f
    WHERE cp.id = f.id AND (cp.repeats_purpose, cp.repeats_kind) IS DISTINCT FROM (f.rp > 1, f.rk > 1);
END
$$;

CREATE FUNCTION care_payout_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE care_payout_counts_sql(1, 'care_payout_new_rows');
  PERFORM care_payout_repeats((SELECT array_agg(DISTINCT person_id) FROM care_payout_new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION care_payout_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE care_payout_counts_sql(-1, 'care_payout_old_rows');
  PERFORM care_payout_repeats((SELECT array_agg(DISTINCT person_id) FROM care_payout_old_rows));
  RETURN NULL;
END
$$;
-- Only payouts whose counted fields changed (a corrected note moves nothing; nor does the flags'
-- own update, which fires this trigger again with nothing to do).
CREATE FUNCTION care_payout_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := '(SELECT %s.* FROM care_payout_old_rows o JOIN care_payout_new_rows n ON n.id = o.id
    WHERE (o.campaign_id, o.kind, o.paid_on, o.amount, o.person_id, o.union_id, o.person_union_id, o.person_enterprise_id)
      IS DISTINCT FROM (n.campaign_id, n.kind, n.paid_on, n.amount, n.person_id, n.union_id, n.person_union_id, n.person_enterprise_id))';
BEGIN
  EXECUTE care_payout_counts_sql(-1, format(changed, 'o'));
  EXECUTE care_payout_counts_sql(1, format(changed, 'n'));
  PERFORM care_payout_repeats((
    SELECT array_agg(DISTINCT p) FROM care_payout_old_rows o JOIN care_payout_new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.person_id), (n.person_id)) v(p)
    WHERE (o.campaign_id, o.kind, o.paid_on, o.person_id) IS DISTINCT FROM (n.campaign_id, n.kind, n.paid_on, n.person_id)));
  RETURN NULL;
END
$$;
CREATE FUNCTION care_payout_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE care_payout_counts;
  RETURN NULL;
END
$$;

-- The turn is taken before any row is written, so a writer never holds a payout's row while it
-- waits for the turn (the flags' update of another writer could wait on that row: a deadlock).
CREATE FUNCTION care_payout_turn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(860970, 0);
  RETURN NULL;
END
$$;
CREATE TRIGGER care_payout_turn BEFORE INSERT OR UPDATE OR DELETE ON care_payouts FOR EACH STATEMENT EXECUTE FUNCTION care_payout_turn();

CREATE TRIGGER care_payout_counts_insert AFTER INSERT ON care_payouts REFERENCING NEW TABLE AS care_payout_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_payout_counts_insert();
CREATE TRIGGER care_payout_counts_delete AFTER DELETE ON care_payouts REFERENCING OLD TABLE AS care_payout_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_payout_counts_delete();
CREATE TRIGGER care_payout_counts_update AFTER UPDATE ON care_payouts REFERENCING OLD TABLE AS care_payout_old_rows NEW TABLE AS care_payout_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_payout_counts_update();
CREATE TRIGGER care_payout_counts_truncate AFTER TRUNCATE ON care_payouts FOR EACH STATEMENT EXECUTE FUNCTION care_payout_counts_truncate();

-- A campaign whose purpose is corrected: its people's payouts are compared within the new purpose.
CREATE FUNCTION care_campaign_purpose() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM care_payout_repeats((
    SELECT array_agg(DISTINCT cp.person_id) FROM care_campaign_old_rows o JOIN care_campaign_new_rows n ON n.id = o.id
      JOIN care_payouts cp ON cp.campaign_id = n.id
    WHERE o.purpose IS DISTINCT FROM n.purpose));
  RETURN NULL;
END
$$;
CREATE TRIGGER care_campaign_purpose AFTER UPDATE ON care_campaigns REFERENCING OLD TABLE AS care_campaign_old_rows NEW TABLE AS care_campaign_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION care_campaign_purpose();

-- Folds the rows of each key into one. Rows appended meanwhile by other transactions are not visible
-- to the DELETE and stay as they are; two compactions at once each fold only what they deleted.
CREATE FUNCTION compact_care_payout_counts() RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM care_payout_counts RETURNING *),
  kept AS (
    INSERT INTO care_payout_counts (campaign_id, kind, month, union_id, person_union_id, person_enterprise_id, payouts, amount)
    SELECT campaign_id, kind, month, union_id, person_union_id, person_enterprise_id, sum(payouts), sum(amount) FROM gone
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(payouts) <> 0 OR sum(amount) <> 0
    RETURNING 1)
  SELECT count(*)::int FROM kept
$$;

-- The payouts as they stand.
INSERT INTO care_payout_counts (campaign_id, kind, month, union_id, person_union_id, person_enterprise_id, payouts, amount)
SELECT campaign_id, kind, date_trunc('month', paid_on)::date, union_id, person_union_id, person_enterprise_id, count(*), sum(amount)
FROM care_payouts GROUP BY 1, 2, 3, 4, 5, 6;
UPDATE care_payouts cp SET repeats_purpose = f.rp > 1, repeats_kind = f.rk > 1
  FROM (SELECT q.id,
               row_number() OVER (PARTITION BY q.person_id, c.purpose ORDER BY q.paid_on, q.id) AS rp,
               row_number() OVER (PARTITION BY q.person_id, c.purpose, q.kind ORDER BY q.paid_on, q.id) AS rk
        FROM care_payouts q JOIN care_campaigns c ON c.id = q.campaign_id) f
  WHERE cp.id = f.id AND (f.rp > 1 OR f.rk > 1);

-- The few payouts that repeat a person's, by day, for the correction.
CREATE INDEX care_payouts_repeats_idx ON care_payouts (paid_on) INCLUDE (campaign_id, kind, person_id, union_id, person_union_id, person_enterprise_id)
  WHERE repeats_purpose;
