-- The checklist in force before 2026. Version 1 (migration 0301) cites Decree 293/2025, the Trade Union
-- Law 2024, the Social Insurance Law 2024 and Decree 105/2026: an inspection dated 2024 was judged
-- against laws that did not yet apply. Version 0 carries the same questions with the legal bases in
-- force from 01/01/2021 (Labour Code 2019) to 31/12/2025; before 2021 no version exists and the app
-- says so instead of borrowing a later one.
INSERT INTO relations_checklists (code, version, title, effective_from)
VALUES ('KTGS', 0, 'Bộ nội dung kiểm tra, giám sát việc thực hiện pháp luật lao động tại doanh nghiệp (căn cứ pháp lý 2021–2025)', '2021-01-01');

INSERT INTO relations_checklist_items (checklist_id, ord, cluster, point_code, point, question, legal_basis, prefill, min_workforce)
SELECT c.id, v.ord, v.cluster, v.point_code, v.point, v.question, v.legal_basis, v.prefill, v.min_workforce
FROM relations_checklists c, (VALUES
  (1, 'Tiền lương', 'MW', 'Lương tối thiểu vùng', 'Mức lương thấp nhất trả cho người lao động làm công việc giản đơn trong điều kiện bình thường không thấp hơn mức lương tối thiểu vùng áp dụng tại thời điểm kiểm tra?', 'Điều 90, 91 Bộ luật Lao động 2019; Nghị định 90/2019/NĐ-CP (01/01/2020–30/06/2022); Nghị định 38/2022/NĐ-CP (01/07/2022–30/06/2024); Nghị định 74/2024/NĐ-CP (01/07/2024–31/12/2025)', 'minimum_wage', 0),
  (2, 'Tiền lương', 'PAYSCALE', 'Thang lương, bảng lương', 'Doanh nghiệp xây dựng thang lương, bảng lương, định mức lao động và công bố công khai tại nơi làm việc?', 'Điều 93 Bộ luật Lao động 2019', NULL, 0),
  (3, 'An toàn, vệ sinh lao động', 'OSH', 'Tổ chức công tác ATVSLĐ', 'Có người làm công tác an toàn, vệ sinh lao động hoặc bộ phận ATVSLĐ phù hợp quy mô, ngành nghề?', 'Điều 72 Luật An toàn, vệ sinh lao động 2015 (84/2015/QH13)', NULL, 0),
  (4, 'An toàn, vệ sinh lao động', 'OSH', 'Tổ chức công tác ATVSLĐ', 'Tổ chức khám sức khỏe định kỳ ít nhất 01 lần/năm cho người lao động?', 'Điều 21 Luật An toàn, vệ sinh lao động 2015', NULL, 0),
  (5, 'An toàn, vệ sinh lao động', 'OSH', 'Tổ chức công tác ATVSLĐ', 'Huấn luyện ATVSLĐ; khai báo, điều tra, thống kê tai nạn lao động theo quy định?', 'Điều 14, 34, 36 Luật An toàn, vệ sinh lao động 2015', NULL, 0),
  (6, 'Dân chủ ở cơ sở', 'DIALOGUE', 'Đối thoại tại nơi làm việc', 'Tổ chức đối thoại định kỳ tại nơi làm việc ít nhất 01 lần/năm, có biên bản?', 'Điều 63 Bộ luật Lao động 2019; Điều 37–41 Nghị định 145/2020/NĐ-CP', NULL, 0),
  (7, 'Dân chủ ở cơ sở', 'CONFERENCE', 'Hội nghị người lao động', 'Tổ chức Hội nghị người lao động hằng năm, phối hợp với tổ chức đại diện người lao động?', 'Điều 63 Bộ luật Lao động 2019; Chương V Nghị định 145/2020/NĐ-CP; từ 01/07/2023 Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15)', NULL, 0),
  (8, 'Dân chủ ở cơ sở', 'DEMOCRACY_RULES', 'Quy chế dân chủ ở cơ sở', 'Ban hành quy chế dân chủ ở cơ sở tại nơi làm việc và công khai cho người lao động?', 'Điều 48 Nghị định 145/2020/NĐ-CP; từ 01/07/2023 Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15)', NULL, 0),
  (9, 'Thỏa ước lao động tập thể', 'CBA', 'Thỏa ước lao động tập thể', 'Thỏa ước lao động tập thể còn hiệu lực (thời hạn 01–03 năm) hoặc đang thương lượng ký mới trong 90 ngày sau khi hết hạn?', 'Điều 75, 78, 83 Bộ luật Lao động 2019', NULL, 0),
  (10, 'Thỏa ước lao động tập thể', 'CBA', 'Thỏa ước lao động tập thể', 'Thỏa ước đã được gửi cơ quan chuyên môn về lao động cấp tỉnh trong 10 ngày kể từ ngày ký và công bố cho người lao động?', 'Điều 77 Bộ luật Lao động 2019', NULL, 0),
  (11, 'Nội quy lao động', 'WORK_RULES', 'Nội quy lao động', 'Có nội quy lao động bằng văn bản, đã đăng ký với cơ quan chuyên môn về lao động cấp tỉnh (doanh nghiệp sử dụng từ 10 người lao động)?', 'Điều 118, 119 Bộ luật Lao động 2019', NULL, 10),
  (12, 'Bảo hiểm xã hội', 'SI', 'Bảo hiểm xã hội bắt buộc', 'Tham gia đủ BHXH, BHYT, BHTN bắt buộc cho người lao động có hợp đồng từ 01 tháng trở lên, đúng mức lương làm căn cứ đóng?', 'Điều 2 Luật Bảo hiểm xã hội 2014 (58/2014/QH13); Luật Việc làm 2013 (38/2013/QH13)', NULL, 0),
  (13, 'Bảo hiểm xã hội', 'SI', 'Bảo hiểm xã hội bắt buộc', 'Không chậm đóng, trốn đóng BHXH (không có khoản nợ quá hạn)?', 'Điều 17, 122 Luật Bảo hiểm xã hội 2014 (58/2014/QH13)', NULL, 0),
  (14, 'Kinh phí công đoàn', 'UNION_FEE', 'Kinh phí công đoàn 2%', 'Đóng kinh phí công đoàn bằng 2% quỹ tiền lương làm căn cứ đóng BHXH, hằng tháng, kể cả khi chưa có công đoàn cơ sở?', 'Điều 26 Luật Công đoàn 2012 (12/2012/QH13); Điều 5, 6 Nghị định 191/2013/NĐ-CP; từ 01/07/2025 Điều 29 Luật Công đoàn 2024', NULL, 0)
) AS v(ord, cluster, point_code, point, question, legal_basis, prefill, min_workforce)
WHERE c.code = 'KTGS' AND c.version = 0;
