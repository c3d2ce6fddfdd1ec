-- Care: every payout keeps where its person stood when it was recorded: the grassroots union of their
-- open membership and the enterprise they worked at. A scoped dashboard (a zone union's nine zones,
-- a grassroots union) then finds its payouts on the payout's own columns, as the city's does, instead
-- of joining each of the period's 150.000 payouts to people and memberships (≈ 1 s for a zone union
-- at city scale). The figures count a payout where the person was when paid: a worker who moves to
-- another zone afterwards does not take last year's Tết support along (docs/care-payout-place.md).
ALTER TABLE care_payouts ADD COLUMN person_union_id integer;
ALTER TABLE care_payouts ADD COLUMN person_enterprise_id integer;

-- Filled by the database on every insert, whichever way the payout comes in (a form, a nomination,
-- an import, the seed): the care module owns the table and this rule, and no caller can forget it.
CREATE FUNCTION care_payout_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.enterprise_id, (SELECT m.union_id FROM memberships m WHERE m.person_id = p.id AND m.valid_to IS NULL)
    INTO NEW.person_enterprise_id, NEW.person_union_id
    FROM people p WHERE p.id = NEW.person_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER care_payout_place BEFORE INSERT OR UPDATE OF person_id ON care_payouts
  FOR EACH ROW EXECUTE FUNCTION care_payout_place();

-- The payouts already recorded take where their people stand now (the same answer the figures gave
-- until now).
UPDATE care_payouts cp SET person_enterprise_id = p.enterprise_id, person_union_id = m.union_id
  FROM people p LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL
  WHERE p.id = cp.person_id;

-- A period's payouts, read by date with the columns a scope tests (index-only for every scope).
CREATE INDEX care_payouts_paid_on_idx ON care_payouts (paid_on) INCLUDE (campaign_id, kind, person_id, amount, union_id, person_union_id, person_enterprise_id);
CREATE INDEX care_payouts_person_union_idx ON care_payouts (person_union_id);
CREATE INDEX care_payouts_person_enterprise_idx ON care_payouts (person_enterprise_id);
