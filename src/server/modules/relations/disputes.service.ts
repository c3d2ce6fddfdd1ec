import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { deadlineKinds } from "#server/modules/reference/index.ts";
import { addWorkingDays, holidays } from "#server/modules/voice/index.ts";
import { addDays, vnToday } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";
import { getIncident } from "./incidents.service.ts";

/**
 * A labour-dispute case (an incident of kind dispute_rights or dispute_interests) and its statutory
 * steps under the Labour Code 2019: mediation by a labour mediator, finished within 5 working days
 * of the request (Art. 188); if it fails, is not held in time or is not complied with, the labour
 * arbitration council (panel within 7 working days, decision within 30 days, Art. 189) or — for a
 * rights dispute — the court; for an interest dispute, arbitration or a strike with 5 working days'
 * notice (Art. 196–202). Deadlines count working days on the holiday calendar (Tết included).
 */
export type DisputeStep = "mediation" | "arbitration" | "court" | "strike";
export type StepOutcome = "agreed" | "failed" | "not_held" | "not_complied" | "decided" | "withdrawn";

const basisOf = (key: string) => deadlineKinds.find((k) => k.key === key)?.basis ?? "";
export const stepLabels: Record<DisputeStep, string> = {
  mediation: "Hòa giải viên lao động hòa giải",
  arbitration: "Hội đồng trọng tài lao động giải quyết",
  court: "Tòa án giải quyết",
  strike: "Đình công (sau khi báo trước)",
};

interface StepRow {
  id: number;
  step: DisputeStep;
  startedOn: string;
  endedOn: string | null;
  outcome: StepOutcome | null;
  note: string;
}

async function stepsOf(database: Database, incidentId: number) {
  return database.rows<StepRow>(
    sql`SELECT id, step, started_on::text AS "startedOn", ended_on::text AS "endedOn", outcome, note
        FROM relations_dispute_steps WHERE incident_id = ${incidentId} ORDER BY started_on, id`,
  );
}

/** The case's steps with their statutory deadlines, and what may come next. */
export async function disputeCase(database: Database, ctx: RequestContext, incidentId: number) {
  const incident = await getIncident(database, ctx, incidentId);
  if (incident.kind !== "dispute_rights" && incident.kind !== "dispute_interests") {
    throw new AppError("validation_failed", "Sự việc không phải tranh chấp lao động", {
      errors: [{ pointer: "/params/id", message: "Chỉ tranh chấp lao động (về quyền hoặc về lợi ích) mới có các bước giải quyết theo luật" }],
    });
  }
  const days = await holidays(database);
  const today = vnToday();
  const steps = (await stepsOf(database, incidentId)).map((s) => {
    const deadlines: { key: string; label: string; due: string; basis: string }[] = [];
    if (s.step === "mediation") {
      deadlines.push({ key: "dispute.mediation", label: "Kết thúc hòa giải", due: addWorkingDays(s.startedOn, 5, days), basis: basisOf("dispute.mediation") });
    } else if (s.step === "arbitration") {
      const panel = addWorkingDays(s.startedOn, 7, days);
      deadlines.push({ key: "dispute.arbitration_panel", label: "Thành lập Ban trọng tài", due: panel, basis: basisOf("dispute.arbitration_panel") });
      deadlines.push({ key: "dispute.arbitration_decision", label: "Ra quyết định", due: addDays(panel, 30), basis: basisOf("dispute.arbitration_decision") });
    } else if (s.step === "strike") {
      deadlines.push({
        key: "dispute.strike_notice",
        label: "Ngày sớm nhất được bắt đầu đình công",
        due: addWorkingDays(s.startedOn, 5, days),
        basis: basisOf("dispute.strike_notice"),
      });
    }
    const open = s.endedOn === null;
    return { ...s, label: stepLabels[s.step], deadlines, overdue: open && deadlines.some((d) => d.due < today) };
  });
  return { incidentId, kind: incident.kind, steps, next: nextSteps(incident.kind, steps, today) };
}

function nextSteps(
  kind: string,
  steps: { step: DisputeStep; endedOn: string | null; outcome: StepOutcome | null; deadlines: { due: string }[] }[],
  today: string,
) {
  const mediation = steps.find((s) => s.step === "mediation");
  if (!mediation) return ["mediation"] as DisputeStep[];
  if (mediation.outcome === "agreed") return [] as DisputeStep[];
  // Mediation failed, was not held within 5 working days, or its agreement was not complied with.
  const mediationOver =
    mediation.outcome === "failed" ||
    mediation.outcome === "not_held" ||
    mediation.outcome === "not_complied" ||
    (mediation.endedOn === null && (mediation.deadlines[0]?.due ?? today) < today);
  if (!mediationOver) return [] as DisputeStep[];
  const taken = new Set(steps.map((s) => s.step));
  const options: DisputeStep[] = kind === "dispute_rights" ? ["arbitration", "court"] : ["arbitration", "strike"];
  return options.filter((o) => !taken.has(o));
}

/** Records a step of the case; refuses a step the law does not allow yet, naming why. */
export async function recordDisputeStep(
  database: Database,
  ctx: RequestContext,
  incidentId: number,
  input: { step: DisputeStep; startedOn: string; endedOn?: string | null | undefined; outcome?: StepOutcome | null | undefined; note?: string | undefined },
) {
  const before = await disputeCase(database, ctx, incidentId);
  const existing = before.steps.find((s) => s.step === input.step);
  const refuse = (pointer: string, message: string) => new AppError("validation_failed", message, { errors: [{ pointer, message }] });
  if (input.startedOn > vnToday()) throw refuse("/body/startedOn", `Ngày bắt đầu không được sau hôm nay (${formatDate(vnToday())})`);
  if (input.endedOn && input.endedOn < input.startedOn) throw refuse("/body/endedOn", "Ngày kết thúc không được trước ngày bắt đầu");
  if (!existing) {
    if (input.step === "court" && before.kind === "dispute_interests") {
      throw refuse(
        "/body/step",
        "Tranh chấp lao động tập thể về lợi ích không đưa ra Tòa án: sau hòa giải là Hội đồng trọng tài lao động hoặc đình công (Điều 196–199 Bộ luật Lao động 2019)",
      );
    }
    if (input.step === "strike" && before.kind === "dispute_rights") {
      throw refuse(
        "/body/step",
        "Tranh chấp về quyền không được giải quyết bằng đình công: sau hòa giải là Hội đồng trọng tài lao động hoặc Tòa án (Điều 188–195 Bộ luật Lao động 2019)",
      );
    }
    if (!before.next.includes(input.step)) {
      const mediation = before.steps.find((s) => s.step === "mediation");
      throw refuse(
        "/body/step",
        input.step === "mediation"
          ? "Bước hòa giải đã được ghi nhận"
          : mediation
            ? `Chỉ chuyển sang bước này khi hòa giải không thành, không được tổ chức trong 05 ngày làm việc (hạn ${formatDate(mediation.deadlines[0]?.due ?? "")}) hoặc một bên không thực hiện biên bản hòa giải thành (Điều 188 Bộ luật Lao động 2019)`
            : "Tranh chấp phải qua hòa giải viên lao động trước (Điều 188 Bộ luật Lao động 2019)",
      );
    }
  }
  await database.db.transaction(async (tx) => {
    await database.rows(
      sql`INSERT INTO relations_dispute_steps (incident_id, step, started_on, ended_on, outcome, note, created_by)
          VALUES (${incidentId}, ${input.step}, ${input.startedOn}, ${input.endedOn ?? null}, ${input.outcome ?? null}, ${input.note ?? ""}, ${ctx.actor.userId})
          ON CONFLICT (incident_id, step) DO UPDATE SET started_on = EXCLUDED.started_on, ended_on = EXCLUDED.ended_on, outcome = EXCLUDED.outcome, note = EXCLUDED.note`,
      tx,
    );
    await audit(database, tx, ctx, { action: "dispute_step", objectType: "relations_incident", objectId: incidentId, before: existing ?? null, after: input });
  });
  return disputeCase(database, ctx, incidentId);
}
