-- People's full_name and name_fold were GENERATED columns: a city's first import (650,000 people)
-- spent ≈ 3,5 s of its `INSERT INTO people` computing them (regexp_replace, unaccent, NFC check),
-- on one core, while Node, which has already cleaned every name, could give them for next to nothing.
-- They become plain columns kept by a BEFORE trigger, so every write path (forms, care, seeds,
-- restores) still gets exactly the same values; the member import's bulk load supplies them itself
-- (src/server/modules/registry/import.names.ts, checked against this SQL by a test) and disables
-- the trigger for that one statement, inside its transaction, under the lock it already holds.
ALTER TABLE people ALTER COLUMN full_name DROP EXPRESSION;
ALTER TABLE people ALTER COLUMN name_fold DROP EXPRESSION;

-- The same expressions as the generated columns had.
CREATE FUNCTION people_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.full_name := btrim(regexp_replace(NEW.family_name || ' ' || NEW.middle_name || ' ' || NEW.given_name, '\s+', ' ', 'g'));
  NEW.name_fold := vn_fold(NEW.family_name || ' ' || NEW.middle_name || ' ' || NEW.given_name);
  RETURN NEW;
END
$$;

-- On UPDATE only when a name (or one of the two kept columns) is set: other updates keep the values.
CREATE TRIGGER people_names BEFORE INSERT OR UPDATE OF family_name, middle_name, given_name, full_name, name_fold ON people
  FOR EACH ROW EXECUTE FUNCTION people_names();

-- The import stages the two values beside the names it checked (NULL when Node leaves a name to SQL).
ALTER TABLE import_rows ADD COLUMN full_name text, ADD COLUMN name_fold text;
