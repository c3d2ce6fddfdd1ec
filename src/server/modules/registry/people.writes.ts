import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { auditMany } from "#server/modules/access/index.ts";
import { normalizePhone } from "#shared/identifiers.ts";
import { cleanText } from "#shared/text.ts";

/**
 * The registry's writes that other modules call (care's join approval and its payout import):
 * people and memberships are registry tables, so only these functions create or complete them —
 * with the registry's name cleaning and phone normalisation, and an audit row per change — inside
 * the caller's transaction, so the caller's change and the registry's stay one.
 */

export interface NewPerson {
  citizenId: string | null;
  /** A 9-digit identity-card number kept apart from the 12-digit citizen ID. */
  legacyId?: string | null;
  familyName: string;
  middleName: string;
  givenName: string;
  birthDate: string | null;
  gender?: "male" | "female" | null;
  phone?: string | null;
  enterpriseId: number | null;
}

/** Creates people in one statement (an import's thousands); their ids in the input's order. */
export async function registerPeople(database: Database, tx: Tx, ctx: RequestContext | null, people: NewPerson[], source: string): Promise<number[]> {
  if (!people.length) return [];
  const rows = people.map((p, i) => ({
    ord: i,
    citizen_id: p.citizenId,
    legacy_id: p.legacyId ?? null,
    family_name: cleanText(p.familyName),
    middle_name: cleanText(p.middleName),
    given_name: cleanText(p.givenName),
    birth_date: p.birthDate,
    gender: p.gender ?? null,
    phone: p.phone ? (normalizePhone(p.phone) ?? null) : null,
    enterprise_id: p.enterpriseId,
  }));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    // WITH ORDINALITY keeps the file's order; RETURNING follows the insert's order.
    const inserted = await database.rows<{ id: number }>(
      sql`INSERT INTO people (citizen_id, legacy_id, family_name, middle_name, given_name, birth_date, gender, phone, enterprise_id)
          SELECT citizen_id, legacy_id, family_name, middle_name, given_name, birth_date, gender, phone, enterprise_id
          FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
            AS x(ord int, citizen_id text, legacy_id text, family_name text, middle_name text, given_name text, birth_date date, gender text, phone text, enterprise_id int)
          ORDER BY ord
          RETURNING id`,
      tx,
    );
    ids.push(...inserted.map((r) => r.id));
  }
  await auditMany(
    database,
    tx,
    ctx,
    ids.map((id, i) => ({ action: "create", objectType: "person", objectId: id, after: rows[i], detail: { source } })),
  );
  return ids;
}

/** Fills what a person's record lacks (a phone) and moves them to the enterprise given; audited. */
export async function completePerson(
  database: Database,
  tx: Tx,
  ctx: RequestContext | null,
  personId: number,
  facts: { phone?: string | null; enterpriseId?: number | null },
  source: string,
): Promise<void> {
  const phone = facts.phone ? (normalizePhone(facts.phone) ?? null) : null;
  const [before] = await database.rows<{ phone: string | null; enterpriseId: number | null }>(
    sql`SELECT phone, enterprise_id AS "enterpriseId" FROM people WHERE id = ${personId} FOR UPDATE`,
    tx,
  );
  if (!before) return;
  const after = { phone: before.phone ?? phone, enterpriseId: facts.enterpriseId ?? before.enterpriseId };
  if (after.phone === before.phone && after.enterpriseId === before.enterpriseId) return;
  await database.rows(sql`UPDATE people SET phone = ${after.phone}, enterprise_id = ${after.enterpriseId}, updated_at = now() WHERE id = ${personId}`, tx);
  await auditMany(database, tx, ctx, [{ action: "update", objectType: "person", objectId: personId, before, after, detail: { source } }]);
}

/** Opens a membership interval (a join); the caller has checked that none is open. Audited. */
export async function openMembership(
  database: Database,
  tx: Tx,
  ctx: RequestContext | null,
  m: { personId: number; unionId: number; cardNo: string | null; validFrom: string },
  source: string,
): Promise<number> {
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason) VALUES (${m.personId}, ${m.unionId}, ${m.cardNo}, ${m.validFrom}, 'join') RETURNING id`,
    tx,
  );
  const id = row?.id ?? 0;
  await auditMany(database, tx, ctx, [{ action: "join", objectType: "membership", objectId: id, after: m, detail: { source } }]);
  return id;
}
