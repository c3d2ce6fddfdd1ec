import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { normalizePhone } from "#shared/identifiers.ts";
import { cleanText, compareVietnameseNames, fold } from "#shared/text.ts";
import { likeEscape } from "./registry.common.ts";
import { nameFromWordStart, personVisible, shapePerson } from "./people.service.ts";

export interface SearchPerson {
  id: number;
  citizenId: string | null;
  legacyId: string | null;
  familyName: string;
  middleName: string;
  givenName: string;
  fullName: string;
  birthDate: string | null;
  phone: string | null;
  enterpriseName: string | null;
  unionName: string | null;
  rank: number;
}

/** How many name matches are weighed for exact diacritics when the query has them: enough for any real list, bounded for "Nguyễn". */
const EXACT_CANDIDATES = 300;

/**
 * People by name, from the start of a word, in LIMITed branches run one after the other until
 * enough rows are found: the start of the full name (btree prefix range: "nguyen" stops at the
 * LIMIT), then a phrase starting at a later word (words index: "van duc"), then — for one word only,
 * and only when those found too few — the start of any word ("huo" for "Hương"). A query without
 * diacritics takes the first `limit` matches; one with diacritics weighs up to EXACT_CANDIDATES of
 * them and puts the names written exactly so first.
 */
async function searchPeopleByName(database: Database, ctx: RequestContext, personCols: SQL, folded: string, lowered: string, limit: number) {
  const single = !folded.includes(" ");
  const prefix = `${likeEscape(folded)}%`;
  const cap = lowered === folded ? limit : Math.max(limit, EXACT_CANDIDATES);
  const visible = personVisible(ctx);
  const later = nameFromWordStart(folded);
  const exact = sql`CASE WHEN lower(c.full_name COLLATE "und-x-icu") LIKE ${`%${likeEscape(lowered)}%`} THEN 0 ELSE 1 END`;
  const scope = ctx.actor.scope;
  if (scope.kind === "union") {
    // A grassroots union's officer sees a few hundred people: start from them (members of the union,
    // workers of its enterprises), not from the city's "nguyen…" names, which the scope would thin
    // out one by one. The word-start match covers the start of the name too.
    return database.rows<SearchPerson>(
      sql`WITH s AS MATERIALIZED (
            SELECT m.person_id AS id FROM memberships m WHERE m.valid_to IS NULL AND ${unionScope(scope, sql`m.union_id`)}
            UNION SELECT p.id FROM people p WHERE ${enterpriseScope(scope, sql`p.enterprise_id`)}),
          c AS (SELECT p.id, p.full_name, p.name_fold FROM s JOIN people p ON p.id = s.id WHERE ${later}),
          r AS (SELECT c.id, ${exact} AS rank FROM c ORDER BY rank, c.name_fold NOT LIKE ${prefix}, c.name_fold LIMIT ${limit})
          SELECT ${personCols}, r.rank FROM r JOIN people p ON p.id = r.id`,
    );
  }
  const found = await database.rows<SearchPerson>(
    sql`WITH c AS (
          (SELECT p.id, p.full_name FROM people p WHERE p.name_fold LIKE ${prefix} AND ${visible} LIMIT ${cap})
          UNION ALL
          (SELECT p.id, p.full_name FROM people p
           WHERE ${single ? sql`string_to_array(p.name_fold, ' ') @> ARRAY[${folded}]::text[]` : later} AND p.name_fold NOT LIKE ${prefix} AND ${visible} LIMIT ${cap})
          LIMIT ${cap}),
        r AS (SELECT c.id, ${exact} AS rank FROM c ORDER BY rank LIMIT ${limit})
        SELECT ${personCols}, r.rank FROM r JOIN people p ON p.id = r.id`,
  );
  if (!single || found.length >= limit) return found;
  // One word that is neither the start of a name nor a whole word ("huo" while typing "Hương"): no
  // index answers it, so only when the indexed branches found too few, and stopping at the LIMIT.
  const more = await database.rows<SearchPerson>(
    sql`WITH c AS (SELECT p.id, p.full_name FROM people p
                   WHERE ${later} AND p.name_fold NOT LIKE ${prefix} AND NOT string_to_array(p.name_fold, ' ') @> ARRAY[${folded}]::text[] AND ${visible}
                   LIMIT ${limit - found.length})
        SELECT ${personCols}, ${exact} AS rank FROM c JOIN people p ON p.id = c.id`,
  );
  return [...found, ...more];
}

/**
 * The one search box: people, enterprises and unions in the caller's scope, by name without
 * diacritics, citizen ID, phone or tax code. Names written with the same diacritics as the query
 * rank first ("Đức" before "Dục" for "đức"). People are matched from the start of a word and
 * fetched with LIMITed index scans, so a common name ("nguyen") stops early instead of ranking
 * hundreds of thousands of rows.
 */
export async function search(database: Database, ctx: RequestContext, rawQ: string, limit: number) {
  const q = cleanText(rawQ);
  const folded = fold(q);
  const digits = q.replace(/[\s.+-]/g, "");
  const isNumber = /^\d{3,13}$/.test(digits);
  // ICU's lower() lowers Đ, Ư, Ô… whatever the database's own collation (C on many servers).
  const lowered = q.toLocaleLowerCase("vi");
  const foldLike = `%${likeEscape(folded)}%`;
  const exactLike = `%${likeEscape(lowered)}%`;
  const s = ctx.actor.scope;

  let people: SearchPerson[] = [];
  if (ctx.actor.permissions.has("people:read") && s.kind !== "enterprise" && (isNumber || folded.length >= 2)) {
    const personCols = sql`p.id, p.citizen_id AS "citizenId", p.legacy_id AS "legacyId", p.family_name AS "familyName", p.middle_name AS "middleName",
      p.given_name AS "givenName", p.full_name AS "fullName", p.birth_date AS "birthDate", p.phone,
      (SELECT e.name FROM enterprises e WHERE e.id = p.enterprise_id) AS "enterpriseName",
      (SELECT u.name FROM memberships m JOIN unions u ON u.id = m.union_id WHERE m.person_id = p.id AND m.valid_to IS NULL) AS "unionName"`;
    if (isNumber) {
      const phone = normalizePhone(digits) ?? digits;
      people = await database.rows<SearchPerson>(
        sql`SELECT ${personCols}, 0 AS rank FROM people p
            WHERE (p.citizen_id LIKE ${`${digits}%`} OR p.legacy_id = ${digits} OR p.phone LIKE ${`${likeEscape(phone)}%`}) AND ${personVisible(ctx)}
            ORDER BY p.citizen_id LIMIT ${limit}`,
      );
    } else {
      people = await searchPeopleByName(database, ctx, personCols, folded, lowered, limit);
    }
    people.sort((a, b) => a.rank - b.rank || compareVietnameseNames(a, b) || a.id - b.id);
    people = people.map((p) => shapePerson(ctx, p));
  }

  const enterpriseMatch = isNumber ? sql`replace(e.tax_code, '-', '') LIKE ${`${digits}%`}` : sql`e.name_fold LIKE ${foldLike}`;
  const enterprises = await database.rows<{ id: number; taxCode: string; name: string; zoneName: string | null; workforceTotal: number; rank: number }>(
    sql`SELECT e.id, e.tax_code AS "taxCode", e.name, z.name AS "zoneName", e.workforce_total AS "workforceTotal",
               CASE WHEN lower(e.name COLLATE "und-x-icu") LIKE ${exactLike} THEN 0 ELSE 1 END AS rank
        FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        WHERE ${enterpriseMatch} AND ${enterpriseScope(s, sql`e.id`, sql`e.zone_id`)}
        ORDER BY rank, similarity(e.name_fold, ${folded}) DESC, e.name_fold LIMIT ${limit}`,
  );

  const unions =
    s.kind === "enterprise"
      ? []
      : await database.rows<{ id: number; code: string; name: string; rank: number }>(
          sql`SELECT u.id, u.code, u.name, CASE WHEN lower(u.name COLLATE "und-x-icu") LIKE ${exactLike} THEN 0 ELSE 1 END AS rank
              FROM unions u
              WHERE (u.name_fold LIKE ${foldLike} OR lower(u.code) = ${q.toLowerCase()}
                     ${isNumber ? sql`OR u.id IN (SELECT ue.union_id FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE replace(e.tax_code, '-', '') LIKE ${`${digits}%`})` : sql``})
                AND ${unionScope(s, sql`u.id`)}
              ORDER BY rank, similarity(u.name_fold, ${folded}) DESC, u.name_fold LIMIT ${limit}`,
        );
  return { people, enterprises, unions };
}
