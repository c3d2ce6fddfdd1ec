/** What other modules may use from access: its door (docs/ARCHITECTURE.md). */
export { PERSON_OUT_OF_SCOPE, enterpriseScope, personScope, unionScope } from "./access.policy.ts";
export type { BodyKind, Permission, Role, Scope } from "./access.policy.ts";
export { audit, auditMany } from "./audit.service.ts";
export type { AuditEntry } from "./audit.service.ts";
export { insertBody } from "./bodies.service.ts";
export { endEnterpriseAccounts, ownRights } from "./enterprise-accounts.service.ts";
// A queued job acts as the user who asked for it (an import runs with its uploader's scope).
export { actorForUser, systemActor } from "./auth.service.ts";
