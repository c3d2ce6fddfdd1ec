/** Who filed a request: read only with `voice:identity`, every look audited. */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { fromRequests } from "./reads.service.ts";
import { refuseEnterprise, requestScope } from "./requests.shared.ts";

/** Who filed the request: only with `voice:identity`, and every look is audited. */
export async function getIdentity(database: Database, ctx: RequestContext, id: number, purpose: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const [r] = await database.rows<{ id: number; anonymous: boolean }>(
      sql`SELECT r.id, r.anonymous ${fromRequests} WHERE r.id = ${id} AND ${requestScope(ctx)}`,
      tx,
    );
    if (!r) throw notFound();
    const [q] = await database.rows<{
      personId: number | null;
      fullName: string;
      phone: string | null;
      citizenId: string | null;
      email: string | null;
      address: string | null;
    }>(
      sql`SELECT person_id AS "personId", full_name AS "fullName", phone, citizen_id AS "citizenId", email, address FROM voice_requesters WHERE request_id = ${id}`,
      tx,
    );
    const signatories = await database.rows<{ fullName: string; citizenId: string | null; phone: string | null }>(
      sql`SELECT full_name AS "fullName", citizen_id AS "citizenId", phone FROM voice_signatories WHERE request_id = ${id} ORDER BY id`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "voice_identity_read",
      objectType: "voice_request",
      objectId: id,
      detail: { purpose, signatories: signatories.length },
    });
    return { requestId: id, anonymous: r.anonymous, requester: q ?? null, signatories };
  });
}
