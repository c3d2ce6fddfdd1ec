-- Name search at city scale (issue 3). The trigram index on people.name_fold made every inserted
-- person cost ~15 GIN entries (a third of a city import's time) and still left "nguyen" (38% of
-- the city) slow. People type names from the start of a word — the family name, or the middle and
-- given names ("van duc") — so two cheaper indexes answer the search box:
--   * a btree prefix index: "nguyen van d…" is one range scan that stops at the LIMIT;
--   * a GIN index on the folded words (3–4 entries a person instead of ~15 trigrams): a phrase that
--     starts inside the name ("van duc") is found by its complete words, then checked with LIKE.
-- Enterprises and unions (a few thousand rows) keep their trigram indexes.
DROP INDEX IF EXISTS people_name_trgm;
CREATE INDEX people_name_prefix ON people (name_fold text_pattern_ops);
CREATE INDEX people_name_words ON people USING gin (string_to_array(name_fold, ' '));

-- The import classifies every staged row with one UPDATE; with room left on each page the new row
-- versions stay on the same page (HOT) and the staging indexes are not written again.
ALTER TABLE import_rows SET (fillfactor = 45);

-- vn_fold, same answer, cheaper. PostgreSQL cannot inline the SQL version (unaccent is only STABLE),
-- so every call ran the SQL-function executor; PL/pgSQL evaluates the one expression on its fast
-- path. And text is nearly always stored NFC already (cleanText): the NFC quick check costs a fifth
-- of normalize(). Every person inserted computes it once (the generated name_fold).
CREATE OR REPLACE FUNCTION vn_fold(input text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary,
    translate(CASE WHEN input IS NFC NORMALIZED THEN input ELSE normalize(input, NFC) END,
      U&'\0110\00D0\0111\00F0\200B\200C\200D\2060\FEFF', 'dddd'))),
    '\s+', ' ', 'g'));
END
$$;
