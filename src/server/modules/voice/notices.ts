/**
 * What voice tells whom, in the event's own transaction (issue #21): the worker (through notify, to the
 * contact left for notices) and the officers' bell. The texts carry the code, never the content.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { noticeOfficers, noticeWorker, type WorkerEvent } from "#server/modules/notify/index.ts";
import { addDays } from "#shared/clock.ts";

export async function tellWorker(database: Database, tx: Tx, requestId: number, code: string, event: WorkerEvent) {
  await noticeWorker(database, tx, { requestId, code, event, seq: randomUUID() });
}

export async function tellAssignee(tx: Tx, requestId: number, code: string, userId: number) {
  await noticeOfficers(tx, { kind: "assigned", requestId, code, key: `assigned:${requestId}:${randomUUID()}`, to: { userId } });
}

/** A request transferred in: the new body's officers see it as new. */
export async function tellNewBody(tx: Tx, requestId: number, code: string, bodyId: number) {
  await noticeOfficers(tx, { kind: "new_request", requestId, code, key: `new_request:${requestId}:${randomUUID()}`, to: { bodyId } });
}

/** A drafted answer waits for review: the heads of the body, not the drafter. */
export async function tellReviewers(tx: Tx, requestId: number, code: string, bodyId: number, drafter: number) {
  await noticeOfficers(tx, { kind: "review", requestId, code, key: `review:${requestId}:${randomUUID()}`, to: { bodyId, heads: true, except: drafter } });
}

/** Escalated overdue requests: the heads of their bodies. */
export async function tellHeads(tx: Tx, rows: { id: number; code: string; bodyId: number; deadline: string }[]) {
  for (const r of rows)
    await noticeOfficers(tx, {
      kind: "escalated",
      requestId: r.id,
      code: r.code,
      key: `escalated:${r.id}:${r.deadline}`,
      to: { bodyId: r.bodyId, heads: true },
    });
}

/**
 * The daily sweep: open requests due tomorrow or overdue go to the bell of the assigned officer (else
 * the body's officers), once per request and deadline (keyed), so it may run on every server, often.
 */
export async function sweepDeadlineNotices(database: Database, today: string) {
  const rows = await database.rows<{ id: number; code: string; bodyId: number; assignee: number | null; deadline: string }>(
    sql`SELECT id, code, responsible_body_id AS "bodyId", assigned_user_id AS assignee, deadline::text AS deadline
        FROM voice_requests WHERE status IN ('received','assigned','in_progress') AND deadline <= ${addDays(today, 1)}`,
  );
  let n = 0;
  await database.db.transaction(async (tx) => {
    for (const r of rows) {
      const kind = r.deadline < today ? "overdue" : r.deadline === today ? null : "due_tomorrow";
      if (!kind) continue;
      n += await noticeOfficers(tx, {
        kind,
        requestId: r.id,
        code: r.code,
        key: `${kind}:${r.id}:${r.deadline}`,
        to: r.assignee ? { userId: r.assignee } : { bodyId: r.bodyId },
      });
    }
  });
  return n;
}
