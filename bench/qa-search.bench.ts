/**
 * The public Q&A search with everyday words (issue 18, item 7): how long a search takes on a large
 * Q&A, with a query a synonym group expands ("tăng ca" → any of four phrases) and without one.
 * Prints numbers; it asserts nothing.
 *
 *   npx tsx bench/qa-search.bench.ts                      # embedded PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/qa-search.bench.ts
 */
import { sql } from "drizzle-orm";
import { searchQa } from "#server/modules/voice/qa.service.ts";
import { freshDatabase } from "../test/support/db.ts";

const ENTRIES = Number(process.env.QA_ENTRIES ?? 20_000);
const RUNS = 40;

// Realistic sentences, so the trigram index has the same kind of text to sort through as the real Q&A.
const subjects = ["Công ty", "Doanh nghiệp", "Chủ xưởng", "Người sử dụng lao động", "Quản đốc"];
const topics = [
  "làm thêm giờ vào ngày nghỉ hằng tuần",
  "trả lương chậm ba tháng liền",
  "đơn phương chấm dứt hợp đồng khi đang nghỉ ốm",
  "không đóng bảo hiểm xã hội cho công nhân",
  "khấu trừ lương vì đi muộn",
  "bắt ký hợp đồng thử việc hai lần",
  "không cho nghỉ phép năm",
  "không trang bị đồ bảo hộ lao động",
];
const sentence = (i: number) =>
  `${subjects[i % subjects.length]} ở khu công nghiệp số ${i} ${topics[i % topics.length]} thì người lao động cần làm gì? (mục ${i})`;

async function main() {
  const { database, drop } = await freshDatabase();
  const t0 = performance.now();
  const rows = Array.from({ length: ENTRIES }, (_, i) => ({ q: sentence(i), a: `Trả lời cho mục ${i}: ${topics[(i * 7) % topics.length]} là trái luật.` }));
  for (let i = 0; i < rows.length; i += 5000) {
    await database.rows(
      sql`INSERT INTO voice_qa (question, answer, citations, tags, valid_from, published_at)
          SELECT x.q, x.a, ARRAY['Điều 98 Bộ luật Lao động 2019'], ARRAY['other'], '2021-01-01', now()
          FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb) AS x(q text, a text)`,
    );
  }
  await database.rows(sql`ANALYZE voice_qa`);
  console.log(`${ENTRIES} published entries in ${Math.round(performance.now() - t0)} ms (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`);

  const queries = ["tăng ca", "làm thêm giờ", "đuổi việc công ty", "bau", "cắt lương đi muộn", "khong co tu nay"];
  const run = async (label: string) => {
    console.log(label);
    for (const q of queries) {
      const times: number[] = [];
      let total = 0;
      for (let r = 0; r < RUNS; r++) {
        const s = performance.now();
        total = (await searchQa(database, q, { limit: 10, offset: 0 })).total;
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      const at = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(1);
      console.log(`  "${q}": ${total} found; median ${at(0.5)} ms, p95 ${at(0.95)} ms`);
    }
  };
  await run("with the starter synonyms:");
  // The same searches as before synonyms existed: every word must appear.
  await database.rows(sql`DELETE FROM voice_qa_synonyms`);
  await run("without synonyms (the search as it was):");
  await drop();
}

await main();
