-- Registry, second part: minimum-wage regions, lookup indexes for the one search box,
-- collective agreements, enterprises' half-yearly labor reports, import jobs.

-- The regional minimum wage follows the commune the zone lies in (Decree 293/2025, appendix for
-- Hải Phòng): a generated column so a renamed commune re-derives its region. Folded names, so
-- "Thuỷ Nguyên" and "Thủy Nguyên" agree. Communes not listed as I or II are region III.
ALTER TABLE zones ADD COLUMN wage_region smallint GENERATED ALWAYS AS (
  CASE
    WHEN vn_fold(commune) IN ('thuy nguyen','thien huong','hoa binh','nam trieu','bach dang','luu kiem','le ich moc','hong bang','hong an',
      'ngo quyen','gia vien','le chan','an bien','hai an','dong hai','kien an','phu lien','nam do son','do son','hung dao','duong kinh',
      'an duong','an hai','an phong','hai duong','le thanh nghi','viet hoa','thanh dong','nam dong','tan hung','thach khoi','tu minh',
      'ai quoc','chu van an','chi linh','tran hung dao','nguyen trai','tran nhan tong','le dai hanh','kinh mon','nguyen dai nang',
      'tran lieu','bac an phu','pham su manh','nhi chieu','an hung','an khanh','an quang','an truong','an lao','kien thuy','kien minh',
      'kien hai','kien hung','nghi duong','quyet thang','tien lang','tan minh','tien minh','chan hung','hung thang','vinh bao',
      'nguyen binh khiem','vinh am','vinh hai','vinh hoa','vinh thuan','vinh thinh','viet khe','nam an phu','nam sach','thai tan',
      'hop tien','tran phu','an phu','cam giang','tue tinh','mao dien','ke sat','binh giang','duong an','thuong hong','gia loc',
      'yet kieu','gia phuc','truong tan','tu ky','tan ky','dai son','chi minh','lac phuong','nguyen giap','nguyen luong bang','phu thai',
      'lai khe','an thanh','kim thanh','cat hai') THEN 1
    WHEN vn_fold(commune) IN ('thanh ha','ha tay','ha bac','ha nam','ha dong','ninh giang','vinh lai','khuc thua du','tan an','hong chau',
      'thanh mien','bac thanh mien','nam thanh mien','hai hung','bach long vi') THEN 2
    ELSE 3
  END) STORED;

-- The search box matches citizen IDs, phones and tax codes by prefix ("0312" while typing):
-- text_pattern_ops makes `LIKE '0312%'` an index range scan whatever the database collation.
CREATE INDEX people_citizen_prefix ON people (citizen_id text_pattern_ops);
CREATE INDEX people_phone_prefix ON people (phone text_pattern_ops);
-- The prefix index answers phone equality too: the plain one only slowed every insert (imports).
DROP INDEX people_phone_idx;
CREATE INDEX enterprises_tax_prefix ON enterprises (tax_code text_pattern_ops);
-- Members as of a date per union reads every interval of the union; the import and transfers look
-- up the open interval of a person (memberships_one_open already covers that).
-- Unions are also found by code in imports ("Công đoàn cơ sở" column may hold the code).
CREATE INDEX unions_code_fold ON unions (lower(code));
-- The legacy 9-digit ID (CMND) is still how some older records are found.
CREATE INDEX people_legacy_idx ON people (legacy_id) WHERE legacy_id IS NOT NULL;

-- Collective agreements (thỏa ước lao động tập thể): one enterprise's, or a multi-enterprise one.
CREATE TABLE agreements (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('enterprise','multi_enterprise')),
  -- The grassroots union that signed on the workers' side (null for a sector/multi-enterprise one signed above).
  union_id integer REFERENCES unions(id),
  title text NOT NULL,
  signed_on date NOT NULL,
  effective_from date NOT NULL,
  effective_to date NOT NULL,
  -- Share of workers who approved it, in percent; the law wants more than half (a warning otherwise).
  approval_share numeric(5,2) CHECK (approval_share BETWEEN 0 AND 100),
  lowest_wage integer CHECK (lowest_wage >= 0),
  meal_allowance integer CHECK (meal_allowance >= 0),
  tet_bonus integer CHECK (tet_bonus >= 0),
  grade text CHECK (grade IN ('A','B','C','D')),
  note text,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- An agreement lasts 1 to 3 years (Labor Code art. 78).
  CHECK (effective_to > effective_from AND effective_to <= effective_from + interval '3 years' + interval '1 day')
);
-- "Expiring within 90 days" and "valid on a date" scan by end date.
CREATE INDEX agreements_effective_idx ON agreements (effective_to, effective_from);
CREATE INDEX agreements_union_idx ON agreements (union_id);

CREATE TABLE agreement_enterprises (
  agreement_id integer NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  PRIMARY KEY (agreement_id, enterprise_id)
);
-- An enterprise's agreements (detail page, coverage) come from this side.
CREATE INDEX agreement_enterprises_ent_idx ON agreement_enterprises (enterprise_id);

-- Enterprises' half-yearly labor reports. Every filing is kept: a correction is a new row, the
-- latest filing of a period is the current one, the earlier ones are its history.
CREATE TABLE labor_reports (
  id serial PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises(id),
  -- "2025-H1" / "2025-H2"
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-H[12]$'),
  workforce integer NOT NULL CHECK (workforce >= 0),
  women integer CHECK (women >= 0),
  hires integer NOT NULL DEFAULT 0 CHECK (hires >= 0),
  leavers integer NOT NULL DEFAULT 0 CHECK (leavers >= 0),
  average_wage integer CHECK (average_wage >= 0),
  lowest_wage integer CHECK (lowest_wage >= 0),
  insured integer CHECK (insured >= 0),
  note text,
  filed_by integer REFERENCES users(id),
  filed_by_body integer REFERENCES bodies(id),
  filed_at timestamptz NOT NULL DEFAULT now()
);
-- The current report of a period is the latest filing: (enterprise, period, filed_at desc).
CREATE INDEX labor_reports_ent_period_idx ON labor_reports (enterprise_id, period, filed_at DESC);
CREATE INDEX labor_reports_period_idx ON labor_reports (period);

-- Import jobs: the page polls processed/total while a long import runs; the result stays for review.
CREATE TABLE import_jobs (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('members','enterprises','unions')),
  dry_run boolean NOT NULL,
  file_name text,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed')),
  processed integer NOT NULL DEFAULT 0,
  result jsonb,
  error text,
  user_id integer REFERENCES users(id),
  body_id integer REFERENCES bodies(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX import_jobs_user_idx ON import_jobs (user_id, id DESC);

-- Staging for imports: rows are parsed and checked in batches into this table (outside the final
-- transaction, so a long import does not hold the database), then applied set-based in one
-- transaction (INSERT…SELECT / UPDATE…FROM). A killed import leaves rows here, never half in the
-- registry; the next import of the same kind clears stale stages. UNLOGGED: it is scratch space.
CREATE UNLOGGED TABLE import_rows (
  job_id integer NOT NULL,
  row_no integer NOT NULL,
  citizen_id text,
  family_name text NOT NULL DEFAULT '',
  middle_name text NOT NULL DEFAULT '',
  given_name text NOT NULL DEFAULT '',
  birth_date date,
  gender text,
  ethnicity text,
  hometown text,
  phone text,
  legacy_id text,
  tax_code text,
  union_ref text,
  joined_on date,
  moved_on date,
  card_no text,
  union_id integer,
  enterprise_id integer,
  person_id integer,
  action text,
  changed boolean,
  PRIMARY KEY (job_id, row_no)
);
-- Matching staged rows to people by citizen ID, and finding duplicates within a file.
CREATE INDEX import_rows_cid_idx ON import_rows (job_id, citizen_id);

CREATE UNLOGGED TABLE import_errors (
  job_id integer NOT NULL,
  row_no integer NOT NULL,
  col text,
  code text NOT NULL,
  message text NOT NULL
);
CREATE INDEX import_errors_job_idx ON import_errors (job_id, row_no);

-- Imports name unions by their name; equality on the folded name finds it without a scan.
CREATE INDEX unions_name_fold_eq ON unions (name_fold);
