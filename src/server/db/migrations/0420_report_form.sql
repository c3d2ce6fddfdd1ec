-- The joint report's administrative form (Nghị định 30/2020/NĐ-CP) from each body's settings, not from
-- code: the abbreviation in the document symbol ("BDVTU" in "Số: …-BC/BDVTU-BQLKKT-LĐLĐTP") and the
-- signature block ("KT. TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN", one line each). Empty: derived from the name
-- and kind (reporting.service.ts), so a body renamed after a merger gets a new symbol by itself.
ALTER TABLE bodies ADD COLUMN doc_symbol text;
ALTER TABLE bodies ADD COLUMN sign_block text;

-- What seed 001 reports besides the unions' own figures, entered as coordination records: a Party
-- cell founded at an enterprise, a youth-union organisation founded, and Party admissions of
-- non-members (participants = people admitted, units = of whom workers of enterprises).
ALTER TABLE activities DROP CONSTRAINT activities_kind_check;
ALTER TABLE activities ADD CONSTRAINT activities_kind_check
  CHECK (kind IN ('training','propaganda','dialogue','cultural','job_fair','tet_market','supervision','party_cell','youth_org','party_admission'));

-- A target entered by hand whose figure the records can also give (collective-agreement coverage typed
-- in at 76,8% while the registry computes 38,6%): which metric computes it, and which of the two the
-- dashboard, the targets page, the report and its annex use. The other is shown beside it.
ALTER TABLE targets ADD COLUMN computed_metric text CHECK (computed_metric IS NULL OR computed_metric IN ('members_as_of','enterprises20_with_union_pct',
  'enterprises20_with_union','agreement_coverage_pct','new_members_in_year','new_unions_in_year','party_referrals_in_year','party_admissions_in_year',
  'trainings_participants_in_year'));
ALTER TABLE targets ADD COLUMN prefer text NOT NULL DEFAULT 'computed' CHECK (prefer IN ('computed','entered'));
-- The agreement-coverage targets entered by hand before this: the registry computes the same figure.
UPDATE targets SET computed_metric = 'agreement_coverage_pct'
 WHERE metric = 'manual' AND unit = 'percent' AND vn_fold(title) LIKE '%thoa uoc lao dong tap the%';
