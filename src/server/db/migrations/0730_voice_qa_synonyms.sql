-- Everyday words for the legal Q&A search (issue 18, item 7): a worker types "tăng ca" and the entries say
-- "làm thêm giờ". Each row is one group of words that mean the same thing; a query containing one of them
-- also finds entries with any other. Administrators edit the list (staff page "Từ đồng nghĩa"); the
-- voice module owns it, like the Q&A itself. Numbered after every migration already applied (the runner
-- refuses one that sorts before), not in voice's 02xx range.

-- The folded twin of a list of words: vn_fold is IMMUTABLE, so this is too, and a generated column may use it.
CREATE OR REPLACE FUNCTION vn_fold_all(xs text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(vn_fold(x) ORDER BY i), '{}') FROM unnest(xs) WITH ORDINALITY AS t(x, i)
$$;

CREATE TABLE voice_qa_synonyms (
  id serial PRIMARY KEY,
  -- As the administrator typed them, with diacritics; shown on the staff page and to the worker.
  terms text[] NOT NULL,
  -- What the search compares: derived, so it cannot drift from the words shown.
  terms_fold text[] GENERATED ALWAYS AS (vn_fold_all(terms)) STORED,
  updated_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A group of one word expands nothing.
  CHECK (cardinality(terms) >= 2)
);
-- The search looks up every phrase of the query at once (`terms_fold && ARRAY[…]`): one index probe per
-- search instead of reading the whole list.
CREATE INDEX voice_qa_synonyms_fold_idx ON voice_qa_synonyms USING gin (terms_fold);

-- A starter list from what workers write on the hotline and the portal; administrators change it.
-- Words shorter than three letters are left out: the search matches inside words, and "OT" would
-- match "một".
INSERT INTO voice_qa_synonyms (terms) VALUES
  (ARRAY['làm thêm giờ', 'tăng ca', 'làm ngoài giờ', 'làm thêm']),
  (ARRAY['sa thải', 'đuổi việc', 'chấm dứt hợp đồng', 'cho thôi việc', 'cho nghỉ việc', 'mất việc']),
  (ARRAY['thai sản', 'bầu', 'mang thai', 'có thai', 'sinh con', 'nghỉ đẻ', 'có bầu']),
  (ARRAY['bảo hiểm xã hội', 'BHXH', 'sổ bảo hiểm']),
  (ARRAY['nợ lương', 'chậm lương', 'trả lương chậm', 'treo lương', 'không trả lương', 'giam lương']),
  (ARRAY['trợ cấp thôi việc', 'tiền thôi việc', 'trợ cấp mất việc']),
  (ARRAY['tai nạn lao động', 'tai nạn khi làm việc', 'bị thương khi làm', 'TNLĐ']),
  (ARRAY['hợp đồng lao động', 'HĐLĐ', 'giấy hợp đồng']),
  (ARRAY['nghỉ hằng năm', 'nghỉ phép', 'phép năm', 'ngày phép', 'nghỉ hàng năm']),
  (ARRAY['thử việc', 'học việc', 'làm thử']),
  (ARRAY['lương tối thiểu', 'lương tối thiểu vùng', 'lương sàn', 'lương cơ bản']),
  (ARRAY['đình công', 'ngừng việc tập thể', 'lãn công']),
  (ARRAY['quấy rối tình dục', 'quấy rối', 'sàm sỡ', 'gạ gẫm']),
  (ARRAY['ốm đau', 'nghỉ ốm', 'bị ốm', 'nghỉ bệnh']),
  (ARRAY['an toàn vệ sinh lao động', 'bảo hộ lao động', 'đồ bảo hộ', 'an toàn lao động']),
  (ARRAY['khấu trừ lương', 'trừ lương', 'phạt tiền', 'cắt lương']),
  (ARRAY['thời giờ làm việc', 'giờ làm', 'ca làm việc', 'làm ca']);
