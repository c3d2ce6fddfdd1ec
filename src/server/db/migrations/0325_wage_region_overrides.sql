-- When no decree lists a workplace's place ("region unknown"), an officer sets the region for the
-- enterprise from a date, with the reason (e.g. the commune's name in the decree's appendix). The
-- decree's list always wins where it knows the place; the officer's region only fills the gap.
CREATE TABLE relations_wage_region_overrides (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  region smallint NOT NULL CHECK (region BETWEEN 1 AND 4),
  effective_from date NOT NULL,
  reason text NOT NULL,
  set_by integer REFERENCES users(id),
  set_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, effective_from)
);

-- The region of an enterprise's workplace on a date: the decree's list, else the officer's latest
-- setting in force on that date, else NULL (unknown).
CREATE OR REPLACE FUNCTION enterprise_wage_region(p_enterprise integer, p_commune text, p_on date) RETURNS smallint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(
    CASE WHEN p_commune IS NULL THEN NULL ELSE min_wage_region(app_province(), p_commune, p_on) END,
    (SELECT o.region FROM relations_wage_region_overrides o
      WHERE o.enterprise_id = p_enterprise AND o.effective_from <= p_on ORDER BY o.effective_from DESC LIMIT 1))
$$;
