import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { invalidate } from "#server/db/invalidation.ts";
import type { RequestContext } from "#server/http/context.ts";
import { notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { statutoryHolidays } from "#shared/lunar.ts";
import { COMPUTED_YEARS, type VoiceSettings, holidays, invalidateVoiceCache, voiceSettings } from "./calendar.ts";

/** The holiday calendar and the module's settings, edited by administrators. */

/** The edited days, and for a year nobody edited, the statutory days computed from the lunar calendar. */
export async function listHolidays(database: Database, year?: number) {
  await holidays(database);
  const edited = await database.rows<{ day: string; name: string }>(
    sql`SELECT day::text AS day, name FROM voice_holidays ${year ? sql`WHERE extract(year FROM day) = ${year}` : sql``} ORDER BY day`,
  );
  if (year === undefined || edited.length > 0 || year < COMPUTED_YEARS.from || year > COMPUTED_YEARS.to) return edited;
  return statutoryHolidays(year).map((h) => ({ day: h.day, name: `${h.name} (tính theo âm lịch, Điều 112 Bộ luật Lao động 2019)` }));
}

export async function putHoliday(database: Database, ctx: RequestContext, day: string, name: string) {
  await holidays(database);
  await database.db.transaction(async (tx) => {
    const [before] = await database.rows<{ name: string }>(sql`SELECT name FROM voice_holidays WHERE day = ${day}`, tx);
    await database.rows(
      sql`INSERT INTO voice_holidays (day, name, updated_by) VALUES (${day}, ${name}, ${ctx.actor.userId})
          ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      tx,
    );
    await audit(database, tx, ctx, { action: "voice_holiday_put", objectType: "voice_holiday", objectId: day, before: before ?? null, after: { name } });
  });
  invalidate(database, "voice-settings");
}

export async function deleteHoliday(database: Database, ctx: RequestContext, day: string) {
  await holidays(database);
  await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ name: string }>(sql`DELETE FROM voice_holidays WHERE day = ${day} RETURNING name`, tx);
    if (!row) throw notFound();
    await audit(database, tx, ctx, { action: "voice_holiday_delete", objectType: "voice_holiday", objectId: day, before: row });
  });
  invalidate(database, "voice-settings");
}

export async function getSettings(database: Database): Promise<VoiceSettings> {
  invalidateVoiceCache(database);
  return voiceSettings(database);
}

export async function putSettings(database: Database, ctx: RequestContext, input: Partial<VoiceSettings>) {
  const before = await getSettings(database);
  await database.db.transaction(async (tx) => {
    const put = async (key: string, value: unknown) =>
      database.rows(
        sql`INSERT INTO settings (key, value, updated_by) VALUES (${key}, ${JSON.stringify(value)}::jsonb, ${ctx.actor.userId})
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        tx,
      );
    if (input.deadlines) await put("voice.deadlines", input.deadlines);
    if (input.legalBasis) await put("voice.legal_basis", input.legalBasis);
    if (input.reopenDays !== undefined) await put("voice.reopen_days", input.reopenDays);
    if (input.dueSoonDays !== undefined) await put("voice.due_soon_days", input.dueSoonDays);
    if (input.routing) await put("voice.routing", input.routing);
    await audit(database, tx, ctx, { action: "voice_settings_put", objectType: "settings", objectId: "voice", before, after: input });
  });
  // Deadlines and routing change on every server at once, not when each one's cache runs out.
  invalidate(database, "voice-settings");
  return getSettings(database);
}
