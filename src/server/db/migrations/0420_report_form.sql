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
