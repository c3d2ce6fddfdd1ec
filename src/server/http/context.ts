import type { FastifyRequest } from "fastify";
import type { BodyKind, Permission, Role, Scope } from "#server/modules/access/index.ts";
import { AppError } from "./errors.ts";

/** The signed-in caller, resolved once per request from the session cookie or a bearer token. */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  bodyId: number;
  bodyKind: BodyKind;
  bodyName: string;
  bodyPath: string;
  locale: "vi" | "en";
  scope: Scope;
  permissions: Set<Permission>;
  via: "session" | "token";
  sessionHash: string | null;
  csrfToken: string | null;
}

/** What a service needs to know about who acts: for scoping and for the audit row. */
export interface RequestContext {
  actor: Actor;
  ip: string;
  requestId: string;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (public portal, login, health). */
    public?: boolean;
  }
}

/** The actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated");
  return request.actor;
}

/** The request context of a signed-in caller holding every permission named, or 401/403. */
export function contextOf(request: FastifyRequest, ...needed: Permission[]): RequestContext {
  const actor = requireActor(request);
  for (const p of needed) if (!actor.permissions.has(p)) throw new AppError("forbidden");
  return { actor, ip: request.ip, requestId: request.id };
}
