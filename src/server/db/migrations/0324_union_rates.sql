-- Union dues (đoàn phí, paid by members) and the union fee (kinh phí công đoàn, paid by employers) as
-- dated settings with their source, and the base salary their cap refers to (domain-facts.md §1.4, §2.1).
-- The 0.5% dues rate comes from the Confederation's Decision 61/QĐ-TLĐ, not from the 2024 Trade Union
-- Law (which leaves dues to the Confederation's Charter, Art. 29(1)(a)). An administrator may add a row
-- when a new decision takes effect; rows are never overwritten, so past months keep their rate.
INSERT INTO settings (key, value) VALUES ('reference.union_rates', '[
  {"kind": "union_dues", "rate": 0.01, "capShareOfBaseSalary": 0.1, "effectiveFrom": "2017-01-01", "effectiveTo": "2025-06-30",
   "source": "Quyết định 1908/QĐ-TLĐ năm 2016 của Tổng Liên đoàn Lao động Việt Nam: 1% tiền lương làm căn cứ đóng BHXH, tối đa 10% mức lương cơ sở"},
  {"kind": "union_dues", "rate": 0.005, "capShareOfBaseSalary": 0.1, "effectiveFrom": "2025-07-01", "effectiveTo": null,
   "source": "Quyết định 61/QĐ-TLĐ của Tổng Liên đoàn Lao động Việt Nam (đoàn viên tại doanh nghiệp ngoài nhà nước): 0,5% tiền lương làm căn cứ đóng BHXH, tối đa 10% mức lương cơ sở; Điều 29 khoản 1 điểm a Luật Công đoàn 2024 giao Điều lệ Công đoàn quy định"},
  {"kind": "union_fee", "rate": 0.02, "capShareOfBaseSalary": null, "effectiveFrom": "2013-01-01", "effectiveTo": "2025-06-30",
   "source": "Điều 26 Luật Công đoàn 2012 (12/2012/QH13); Nghị định 191/2013/NĐ-CP: 2% quỹ tiền lương làm căn cứ đóng BHXH"},
  {"kind": "union_fee", "rate": 0.02, "capShareOfBaseSalary": null, "effectiveFrom": "2025-07-01", "effectiveTo": null,
   "source": "Điều 29 khoản 1 điểm b Luật Công đoàn 2024 (50/2024/QH15): 2% quỹ tiền lương làm căn cứ đóng BHXH, kể cả doanh nghiệp chưa có công đoàn cơ sở; thời hạn đóng theo Nghị định 105/2026/NĐ-CP từ 16/05/2026"},
  {"kind": "base_salary", "amount": 1490000, "effectiveFrom": "2019-07-01", "effectiveTo": "2023-06-30", "source": "Nghị định 38/2019/NĐ-CP"},
  {"kind": "base_salary", "amount": 1800000, "effectiveFrom": "2023-07-01", "effectiveTo": "2024-06-30", "source": "Nghị định 24/2023/NĐ-CP"},
  {"kind": "base_salary", "amount": 2340000, "effectiveFrom": "2024-07-01", "effectiveTo": "2026-06-30", "source": "Nghị định 73/2024/NĐ-CP"},
  {"kind": "base_salary", "amount": 2530000, "effectiveFrom": "2026-07-01", "effectiveTo": null, "source": "Nghị định 161/2026/NĐ-CP"}
]'::jsonb) ON CONFLICT (key) DO NOTHING;
