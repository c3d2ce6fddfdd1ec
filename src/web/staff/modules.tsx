import type { Icon } from "@tabler/icons-react";
import type { RouteObject } from "react-router";
import { adminModule } from "./admin/admin.module.tsx";
import { careModule } from "./care/care.module.tsx";
import { labourModule } from "./labour/labour.module.tsx";
import { coordinationModule } from "./coordination/coordination.module.tsx";
import { ehezaModule } from "./eheza/eheza.module.tsx";
import { enterpriseModule } from "./enterprise/enterprise.module.tsx";
import { privacyModule } from "./privacy/privacy.module.tsx";
import { reportsModule } from "./reports/reports.module.tsx";
import { voiceModule } from "./voice/voice.module.tsx";
import { relationsModule } from "./relations/relations.module.tsx";
import { registryModule } from "./registry/registry.module.tsx";

/** A navigation entry in the staff sidebar. */
export interface NavLinkDef {
  /** i18n key, e.g. "registry:nav.enterprises". */
  labelKey: string;
  /** Absolute path under /staff. */
  path: string;
  /** Shown only to users holding this permission (or any one of these). */
  permission?: string | string[];
  /** Shown only on one side: "enterprise" to enterprise accounts, "staff" to everyone else. */
  side?: "enterprise" | "staff";
  /** Shown only to the system administrator (what the server answers to no one else). */
  systemAdmin?: boolean;
}

/** Whether a signed-in user sees a link: its permission, and its side. */
export function linkVisible(l: NavLinkDef, me: { role?: string; permissions: string[]; scope: { kind: string } }): boolean {
  if (l.systemAdmin && me.role !== "system_admin") return false;
  if (l.side && (l.side === "enterprise") !== (me.scope.kind === "enterprise")) return false;
  return !l.permission || (Array.isArray(l.permission) ? l.permission : [l.permission]).some((x) => me.permissions.includes(x));
}

/**
 * One capability's pages in the staff workspace. The sidebar shows a group per module, titled by
 * the capability's name (DESIGN.md), with only the links the user may open.
 */
export interface StaffModule {
  key: "eheza" | "registry" | "requests" | "relations" | "labour" | "coordination" | "care" | "reports" | "privacy" | "admin" | "enterprise";
  /** i18n key of the group title, e.g. "nav.registry". */
  labelKey: string;
  icon: Icon;
  /** Sidebar order: registry 10, requests 20, relations 30, coordination 40, care 50, reports 60, admin 90. */
  order: number;
  links: NavLinkDef[];
  /** Routes relative to /staff (e.g. "registry/enterprises/:id"); use React.lazy for pages. */
  routes: RouteObject[];
}

/** Every staff module. A module adds one line. */
export const staffModules: StaffModule[] = [
  registryModule,
  voiceModule,
  relationsModule,
  coordinationModule,
  careModule,
  labourModule,
  reportsModule,
  privacyModule,
  adminModule,
  ehezaModule,
  enterpriseModule,
].sort((a, b) => a.order - b.order);
