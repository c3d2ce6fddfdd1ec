-- Registry core: zones, enterprises, grassroots unions, people, memberships.
-- Enterprises and grassroots unions are bodies too (same id), so scoping by the body tree applies.

CREATE TABLE zones (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('industrial_zone','economic_zone','industrial_cluster')),
  commune text NOT NULL,
  -- The zone union that covers this zone: officers of that union see the zone's enterprises.
  zone_union_id integer REFERENCES bodies(id),
  area_ha numeric,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprises (
  id integer PRIMARY KEY REFERENCES bodies(id),
  tax_code text NOT NULL UNIQUE,
  name text NOT NULL,
  name_fold text GENERATED ALWAYS AS (vn_fold(name)) STORED,
  ownership text NOT NULL CHECK (ownership IN ('fdi','domestic_private','state','cooperative')),
  investor_country text,
  zone_id integer REFERENCES zones(id),
  sector text NOT NULL,
  address text,
  commune text,
  workforce_total integer NOT NULL DEFAULT 0 CHECK (workforce_total >= 0),
  workforce_women integer NOT NULL DEFAULT 0 CHECK (workforce_women >= 0),
  workforce_migrants integer NOT NULL DEFAULT 0 CHECK (workforce_migrants >= 0),
  workforce_foreigners integer NOT NULL DEFAULT 0 CHECK (workforce_foreigners >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','dissolved','bankrupt','absconded')),
  has_party_org boolean NOT NULL DEFAULT false,
  established_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_zone_idx ON enterprises (zone_id);
-- Trigram index: name search without diacritics ("cong ty may" finds "Công ty May").
CREATE INDEX enterprises_name_trgm ON enterprises USING gin (name_fold gin_trgm_ops);

CREATE TABLE unions (
  id integer PRIMARY KEY REFERENCES bodies(id),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  name_fold text GENERATED ALWAYS AS (vn_fold(name)) STORED,
  founded_on date,
  chair_name text,
  dissolved_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unions_name_trgm ON unions USING gin (name_fold gin_trgm_ops);

-- A grassroots union may cover several enterprises (a multi-enterprise union); an enterprise has at most one.
CREATE TABLE union_enterprises (
  union_id integer NOT NULL REFERENCES unions(id),
  enterprise_id integer NOT NULL UNIQUE REFERENCES enterprises(id),
  PRIMARY KEY (union_id, enterprise_id)
);

CREATE TABLE people (
  id serial PRIMARY KEY,
  citizen_id text UNIQUE CHECK (citizen_id ~ '^[0-9]{12}$'),
  legacy_id text CHECK (legacy_id ~ '^[0-9]{9}$'),
  family_name text NOT NULL DEFAULT '',
  middle_name text NOT NULL DEFAULT '',
  given_name text NOT NULL,
  full_name text GENERATED ALWAYS AS (btrim(regexp_replace(family_name || ' ' || middle_name || ' ' || given_name, '\s+', ' ', 'g'))) STORED,
  name_fold text GENERATED ALWAYS AS (vn_fold(family_name || ' ' || middle_name || ' ' || given_name)) STORED,
  birth_date date,
  gender text CHECK (gender IN ('male','female')),
  ethnicity text,
  phone text,
  hometown text,
  enterprise_id integer REFERENCES enterprises(id),
  hardship boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_name_trgm ON people USING gin (name_fold gin_trgm_ops);
CREATE INDEX people_phone_idx ON people (phone);
CREATE INDEX people_enterprise_idx ON people (enterprise_id);

-- Memberships are intervals, never overwritten: the yearly report counts members as of 31/12,
-- and a transfer must not make a worker vanish from last year's figures.
CREATE TABLE memberships (
  id serial PRIMARY KEY,
  person_id integer NOT NULL REFERENCES people(id),
  union_id integer NOT NULL REFERENCES unions(id),
  card_no text,
  valid_from date NOT NULL,
  valid_to date,
  start_reason text NOT NULL DEFAULT 'join' CHECK (start_reason IN ('join','transfer','rejoin','import')),
  end_reason text CHECK (end_reason IN ('transfer','left','dismissed','deceased','retired','union_dissolved','other')),
  end_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- At most one open membership per person, enforced by the database.
CREATE UNIQUE INDEX memberships_one_open ON memberships (person_id) WHERE valid_to IS NULL;
CREATE INDEX memberships_person_idx ON memberships (person_id, valid_from);
-- "Members of a union as of a date" scans a union's intervals.
CREATE INDEX memberships_union_idx ON memberships (union_id, valid_from, valid_to);
