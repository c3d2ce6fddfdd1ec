-- Minimum wages as ONE dated source, every day since 01/01/2020 (shared/reference/domain-facts.md §1).
-- registry/wages.ts kept a second copy with only two decrees and no commune list; it is gone, and
-- labour reports, agreements, inspections, checklists, risk signals and Q&A read these tables.
--
-- Rates: Decree 90/2019/NĐ-CP (01/01/2020–30/06/2022, no hourly floor), Decree 38/2022/NĐ-CP
-- (01/07/2022–30/06/2024), Decree 74/2024/NĐ-CP (01/07/2024–31/12/2025), Decree 293/2025/NĐ-CP (from 01/01/2026).
--
-- Areas: each decree's appendix lists districts (quận/huyện/thị xã/thành phố) until the 01/07/2025
-- reorganisation, communes (phường/xã/đặc khu) after it. Hải Phòng and the former Hải Dương province:
--  * 90/2019 and 38/2022 (M — appendix text quoted in public repos citing thuvienphapluat.vn): Region I the
--    quận and huyện Thủy Nguyên, An Dương, An Lão, Vĩnh Bảo, Tiên Lãng, Cát Hải, Kiến Thụy; Region II the
--    remaining Hải Phòng huyện (Bạch Long Vĩ) and the city of Hải Dương; Region III Chí Linh (a city of the
--    province), Kinh Môn, Cẩm Giàng, Nam Sách, Kim Thành, Gia Lộc, Bình Giang, Tứ Kỳ; Region IV the rest
--    (Thanh Hà, Ninh Giang, Thanh Miện).
--  * 74/2024 (H for Region I, M for the others, three repos quoting the appendix): Region I as above plus the
--    city of Hải Dương; Region II Bạch Long Vĩ, Chí Linh, Kinh Môn, Cẩm Giàng, Bình Giang, Tứ Kỳ, Gia Lộc,
--    Nam Sách, Kim Thành; Region III Ninh Giang, Thanh Miện, Thanh Hà.
--  * 01/07/2025–31/12/2025: the new communes keep the region of the district they came from under
--    74/2024 (transitional rule of Decree 128/2025/NĐ-CP, M): old Hải Phòng's communes Region I,
--    Bạch Long Vĩ Region II, ex-Hải Dương communes by their former district.
--  * 293/2025 (H): every one of Hải Phòng's 114 communes is listed in Region I or II, so the "remaining
--    communes" Region III names none of them; no catch-all row is kept — a name that matches no listed
--    unit is "region unknown", never a guessed region.

-- Names are matched without their prefix and without diacritics or tone placement:
-- "Phường Thủy Nguyên" = "thuy nguyen" = "Thuỷ Nguyên"; "TP. Hải Dương" = "Hải Dương".
CREATE OR REPLACE FUNCTION vn_place_key(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(regexp_replace(vn_fold(input), '[.,;:]', ' ', 'g'),
    '^\s*((phuong|xa|dac khu|thi tran|quan|huyen|thanh pho|thi xa|tinh|tp|tx|tt|p|x|q|h)\s+)+', ''))
$$;

-- A province named as it was before the 01/07/2025 merger (Resolution 202/2025/QH15) → the province it
-- is part of now. Only the merger this city's data covers is listed.
CREATE OR REPLACE FUNCTION vn_province_now(province_key text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE province_key WHEN 'hai duong' THEN 'hai phong' ELSE province_key END
$$;

ALTER TABLE relations_min_wage_rates ALTER COLUMN hourly DROP NOT NULL;
ALTER TABLE relations_min_wage_rates ADD COLUMN source text NOT NULL DEFAULT '';

UPDATE relations_min_wage_rates SET source = 'Nghị định 74/2024/NĐ-CP ngày 30/06/2024 quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục' WHERE decree = '74/2024/NĐ-CP';
UPDATE relations_min_wage_rates SET source = 'Nghị định 293/2025/NĐ-CP ngày 10/11/2025 quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục (xaydungchinhsach.chinhphu.vn)' WHERE decree = '293/2025/NĐ-CP';

INSERT INTO relations_min_wage_rates (decree, region, monthly, hourly, effective_from, effective_to, source) VALUES
  ('90/2019/NĐ-CP', 1, 4420000, NULL, '2020-01-01', '2022-06-30', 'Nghị định 90/2019/NĐ-CP ngày 15/11/2019 quy định mức lương tối thiểu vùng đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('90/2019/NĐ-CP', 2, 3920000, NULL, '2020-01-01', '2022-06-30', 'Nghị định 90/2019/NĐ-CP ngày 15/11/2019 quy định mức lương tối thiểu vùng đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('90/2019/NĐ-CP', 3, 3430000, NULL, '2020-01-01', '2022-06-30', 'Nghị định 90/2019/NĐ-CP ngày 15/11/2019 quy định mức lương tối thiểu vùng đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('90/2019/NĐ-CP', 4, 3070000, NULL, '2020-01-01', '2022-06-30', 'Nghị định 90/2019/NĐ-CP ngày 15/11/2019 quy định mức lương tối thiểu vùng đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('38/2022/NĐ-CP', 1, 4680000, 22500, '2022-07-01', '2024-06-30', 'Nghị định 38/2022/NĐ-CP ngày 12/06/2022 quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('38/2022/NĐ-CP', 2, 4160000, 20000, '2022-07-01', '2024-06-30', 'Nghị định 38/2022/NĐ-CP ngày 12/06/2022 quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('38/2022/NĐ-CP', 3, 3640000, 17500, '2022-07-01', '2024-06-30', 'Nghị định 38/2022/NĐ-CP ngày 12/06/2022 quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục'),
  ('38/2022/NĐ-CP', 4, 3250000, 15600, '2022-07-01', '2024-06-30', 'Nghị định 38/2022/NĐ-CP ngày 12/06/2022 quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động, Điều 3 và Phụ lục');

-- The area lists: the province as the decree named it, the unit (without its prefix) and its kind.
DELETE FROM relations_min_wage_communes;
ALTER TABLE relations_min_wage_communes ADD COLUMN unit_kind text NOT NULL DEFAULT 'commune' CHECK (unit_kind IN ('district','commune'));
ALTER TABLE relations_min_wage_communes ADD COLUMN basis text NOT NULL DEFAULT '';
ALTER TABLE relations_min_wage_communes ADD COLUMN place_key text GENERATED ALWAYS AS (vn_place_key(commune)) STORED;
ALTER TABLE relations_min_wage_communes ADD COLUMN province_key text GENERATED ALWAYS AS (vn_place_key(province)) STORED;
-- Lookup by unit name and date; the old folded-name index is replaced.
DROP INDEX IF EXISTS relations_min_wage_communes_fold_idx;
CREATE INDEX relations_min_wage_communes_key_idx ON relations_min_wage_communes (place_key, effective_from);

INSERT INTO relations_min_wage_communes (province, commune, region, decree, effective_from, effective_to, unit_kind, basis) VALUES
  ('Hải Phòng', 'Hồng Bàng', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Ngô Quyền', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Lê Chân', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Hải An', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Kiến An', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Đồ Sơn', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Dương Kinh', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Thủy Nguyên', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'An Dương', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'An Lão', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Vĩnh Bảo', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Tiên Lãng', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Cát Hải', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Kiến Thụy', 1, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Bạch Long Vĩ', 2, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Hải Dương', 2, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Chí Linh', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Kinh Môn', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Cẩm Giàng', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Nam Sách', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Kim Thành', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Gia Lộc', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Bình Giang', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Tứ Kỳ', 3, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Thanh Hà', 4, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Ninh Giang', 4, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Thanh Miện', 4, '90/2019/NĐ-CP', '2020-01-01', '2022-06-30', 'district', 'Phụ lục Nghị định 90/2019/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Hồng Bàng', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Ngô Quyền', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Lê Chân', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Hải An', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Kiến An', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Đồ Sơn', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Dương Kinh', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Thủy Nguyên', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'An Dương', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'An Lão', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Vĩnh Bảo', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Tiên Lãng', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Cát Hải', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Kiến Thụy', 1, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Bạch Long Vĩ', 2, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Hải Dương', 2, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Chí Linh', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Kinh Môn', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Cẩm Giàng', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Nam Sách', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Kim Thành', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Gia Lộc', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Bình Giang', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Tứ Kỳ', 3, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Thanh Hà', 4, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Ninh Giang', 4, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Thanh Miện', 4, '38/2022/NĐ-CP', '2022-07-01', '2024-06-30', 'district', 'Phụ lục Nghị định 38/2022/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Hồng Bàng', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Ngô Quyền', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Lê Chân', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Hải An', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Kiến An', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Đồ Sơn', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Dương Kinh', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Thủy Nguyên', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'An Dương', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'An Lão', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Vĩnh Bảo', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Tiên Lãng', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Cát Hải', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Kiến Thụy', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Bạch Long Vĩ', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Hải Dương', 1, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Chí Linh', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Kinh Môn', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Cẩm Giàng', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Nam Sách', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Kim Thành', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Gia Lộc', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Bình Giang', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Tứ Kỳ', 2, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Thanh Hà', 3, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Ninh Giang', 3, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Dương', 'Thanh Miện', 3, '74/2024/NĐ-CP', '2024-07-01', '2025-06-30', 'district', 'Phụ lục Nghị định 74/2024/NĐ-CP (địa bàn cấp huyện)'),
  ('Hải Phòng', 'Thuỷ Nguyên', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thiên Hương', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hoà Bình', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nam Triệu', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Bạch Đằng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lưu Kiếm', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lê Ích Mộc', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hồng Bàng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hồng An', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Ngô Quyền', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Gia Viên', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lê Chân', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Biên', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hải An', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Đông Hải', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kiến An', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Phù Liễn', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nam Đồ Sơn', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Đồ Sơn', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hưng Đạo', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Dương Kinh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Dương', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Hải', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Phong', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hải Dương', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lê Thanh Nghị', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Việt Hoà', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thành Đông', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nam Đồng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tân Hưng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thạch Khôi', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tứ Minh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Ái Quốc', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Chu Văn An', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Chí Linh', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Trần Hưng Đạo', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nguyễn Trãi', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Trần Nhân Tông', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lê Đại Hành', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kinh Môn', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nguyễn Đại Năng', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Trần Liễu', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Bắc An Phụ', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Phạm Sư Mạnh', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nhị Chiểu', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Hưng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Khánh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Quang', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Trường', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Lão', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kiến Thuỵ', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kiến Minh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kiến Hải', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kiến Hưng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nghi Dương', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Quyết Thắng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tiên Lãng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tân Minh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tiên Minh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Chấn Hưng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hùng Thắng', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Bảo', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nguyễn Bỉnh Khiêm', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Am', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Hải', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Hoà', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Thuận', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Thịnh', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Việt Khê', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nam An Phụ', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nam Sách', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thái Tân', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hợp Tiến', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Trần Phú', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Phú', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Cẩm Giang', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Cẩm Giàng', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tuệ Tĩnh', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Mao Điền', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kẻ Sặt', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Bình Giang', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Đường An', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thượng Hồng', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Gia Lộc', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Yết Kiêu', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Gia Phúc', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Trường Tân', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tứ Kỳ', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tân Kỳ', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Đại Sơn', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Chí Minh', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lạc Phượng', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nguyên Giáp', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nguyễn Lương Bằng', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Phú Thái', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Lai Khê', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'An Thành', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Kim Thành', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Cát Hải', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thanh Hà', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hà Tây', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hà Bắc', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hà Nam', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hà Đông', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Ninh Giang', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Vĩnh Lại', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Khúc Thừa Dụ', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Tân An', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hồng Châu', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thanh Miện', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Bắc Thanh Miện', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Nam Thanh Miện', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Hải Hưng', 3, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Bạch Long Vĩ', 2, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', '*', 1, '74/2024/NĐ-CP', '2025-07-01', '2025-12-31', 'commune', 'Phụ lục Nghị định 74/2024/NĐ-CP theo địa bàn cấp huyện trước sắp xếp (Nghị định 128/2025/NĐ-CP)'),
  ('Hải Phòng', 'Thuỷ Nguyên', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thiên Hương', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hoà Bình', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nam Triệu', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Bạch Đằng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lưu Kiếm', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lê Ích Mộc', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hồng Bàng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hồng An', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Ngô Quyền', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Gia Viên', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lê Chân', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Biên', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hải An', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Đông Hải', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kiến An', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Phù Liễn', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nam Đồ Sơn', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Đồ Sơn', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hưng Đạo', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Dương Kinh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Dương', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Hải', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Phong', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hải Dương', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lê Thanh Nghị', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Việt Hoà', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thành Đông', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nam Đồng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tân Hưng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thạch Khôi', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tứ Minh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Ái Quốc', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Chu Văn An', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Chí Linh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Trần Hưng Đạo', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nguyễn Trãi', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Trần Nhân Tông', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lê Đại Hành', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kinh Môn', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nguyễn Đại Năng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Trần Liễu', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Bắc An Phụ', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Phạm Sư Mạnh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nhị Chiểu', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Hưng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Khánh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Quang', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Trường', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Lão', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kiến Thuỵ', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kiến Minh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kiến Hải', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kiến Hưng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nghi Dương', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Quyết Thắng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tiên Lãng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tân Minh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tiên Minh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Chấn Hưng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hùng Thắng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Bảo', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nguyễn Bỉnh Khiêm', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Am', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Hải', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Hoà', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Thuận', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Thịnh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Việt Khê', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nam An Phụ', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nam Sách', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thái Tân', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hợp Tiến', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Trần Phú', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Phú', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Cẩm Giang', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Cẩm Giàng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tuệ Tĩnh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Mao Điền', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kẻ Sặt', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Bình Giang', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Đường An', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thượng Hồng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Gia Lộc', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Yết Kiêu', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Gia Phúc', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Trường Tân', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tứ Kỳ', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tân Kỳ', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Đại Sơn', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Chí Minh', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lạc Phượng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nguyên Giáp', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nguyễn Lương Bằng', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Phú Thái', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Lai Khê', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'An Thành', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Kim Thành', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Cát Hải', 1, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thanh Hà', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hà Tây', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hà Bắc', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hà Nam', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hà Đông', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Ninh Giang', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Vĩnh Lại', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Khúc Thừa Dụ', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Tân An', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hồng Châu', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Thanh Miện', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Bắc Thanh Miện', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Nam Thanh Miện', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Hải Hưng', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', 'Bạch Long Vĩ', 2, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP'),
  ('Hải Phòng', '*', 3, '293/2025/NĐ-CP', '2026-01-01', NULL, 'commune', 'Phụ lục Nghị định 293/2025/NĐ-CP');


-- The region of a place on a date: every listed unit whose name and province match and whose dates
-- cover the day. The province may be written as it is now ("Hải Phòng" for an old Hải Dương district)
-- or, for units after the merger, as it was ("Hải Dương" for a commune of today's Hải Phòng). Two
-- matches that disagree give NULL: an ambiguous place is not guessed either.
CREATE OR REPLACE FUNCTION min_wage_region(p_province text, p_commune text, p_on date) RETURNS smallint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN count(DISTINCT c.region) = 1 THEN min(c.region) END::smallint
  FROM relations_min_wage_communes c
  WHERE c.place_key = vn_place_key(p_commune)
    AND (vn_place_key(p_province) IN (c.province_key, vn_province_now(c.province_key))
         OR (c.effective_from >= DATE '2025-07-01' AND vn_province_now(vn_place_key(p_province)) = c.province_key))
    AND c.effective_from <= p_on AND (c.effective_to IS NULL OR c.effective_to >= p_on)
$$;

-- The monthly minimum of a region on a date (NULL before 2020 or for an unknown region).
CREATE OR REPLACE FUNCTION min_wage_monthly(p_region smallint, p_on date) RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT r.monthly FROM relations_min_wage_rates r
  WHERE r.region = p_region AND r.effective_from <= p_on AND (r.effective_to IS NULL OR r.effective_to >= p_on)
$$;

-- The province the platform serves, for enterprises (whose records name a commune, not a province).
-- An admin may change the 'reference.province' setting; Hải Phòng is the demo city.
CREATE OR REPLACE FUNCTION app_province() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce((SELECT value #>> '{}' FROM settings WHERE key = 'reference.province'), 'Hải Phòng')
$$;

-- zones.wage_region was a third copy of the Decree-293 list (and put every unknown commune in Region III):
-- the region now comes from min_wage_region() for the date asked.
ALTER TABLE zones DROP COLUMN wage_region;
