import type { Database } from "#server/db/client.ts";
import { seedRegistry } from "#server/modules/registry/registry.seed.ts";
import { seedVoice } from "#server/modules/voice/voice.seed.ts";
import { seedRelations } from "#server/modules/relations/relations.seed.ts";
import { seedCoordination } from "#server/modules/coordination/coordination.seed.ts";
import { seedCare } from "#server/modules/care/care.seed.ts";
import type { Rng } from "./rng.ts";

/** What the core seed made, handed to each module's seeder so its data fits the same city. */
export interface SeedWorld {
  database: Database;
  rng: Rng;
  scale: "demo" | "city";
  /** The seed's "today" (ISO); module data is dated relative to it. */
  today: string;
  bodies: { federation: number; authority: number; mmc: number; zoneUnions: number[] };
  zones: { id: number; code: string; name: string; commune: string }[];
  enterprises: {
    id: number;
    zoneId: number;
    workforce: number;
    ownership: string;
    country: string | null;
    sector: string;
    unionId: number | null;
    status: string;
  }[];
  /** Demo account username → user id. */
  users: Record<string, number>;
  log: (line: string) => void;
}

/** A module's demo data; returns counts for the summary line. */
export type ModuleSeeder = (world: SeedWorld) => Promise<Record<string, number>>;

/** Every module's seeder, run in this order after the core city. A new module adds one line. */
export const seedModules: ModuleSeeder[] = [seedRegistry, seedVoice, seedRelations, seedCoordination, seedCare];
