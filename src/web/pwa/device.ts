/**
 * What the installed app keeps on the phone, in IndexedDB (idb-keyval): the worker's requests (code and
 * secret, so they never retype them) and the requests drafted offline, waiting for the network.
 * Nothing here leaves the phone except by the worker's own sending.
 */
import { createStore, get, update } from "idb-keyval";
import { now } from "#shared/clock.ts";

/** A request filed from this phone (or opened and kept on it): enough to open its status page. */
export interface SavedRequest {
  code: string;
  secret: string;
  kind: string;
  topic: string;
  savedAt: string;
}

/** A request drafted without network: the body as the server takes it (without the challenge) and its files. */
export interface PendingRequest {
  id: string;
  body: Record<string, unknown>;
  files: File[];
  kind: string;
  topic: string;
  createdAt: string;
  /** The last refusal by the server (a 4xx): shown to the worker, never retried on its own. */
  problem?: string;
}

const store = () => createStore("caunoi-app", "device");
const SAVED = "my-requests";
const PENDING = "outbox";

/** The worker's requests, newest first. */
export async function listSaved(): Promise<SavedRequest[]> {
  return ((await get<SavedRequest[]>(SAVED, store())) ?? []).slice().sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Keeps a request on the phone (again: its secret replaced, e.g. after a new one was sent). */
export async function saveRequest(r: Omit<SavedRequest, "savedAt">): Promise<void> {
  await update<SavedRequest[]>(SAVED, (list = []) => [...list.filter((x) => x.code !== r.code), { ...r, savedAt: now().toISOString() }], store());
}

export async function forgetRequest(code: string): Promise<void> {
  await update<SavedRequest[]>(SAVED, (list = []) => list.filter((x) => x.code !== code), store());
}

export async function listPending(): Promise<PendingRequest[]> {
  return (await get<PendingRequest[]>(PENDING, store())) ?? [];
}

export async function addPending(p: Omit<PendingRequest, "id" | "createdAt">): Promise<void> {
  const entry: PendingRequest = { ...p, id: crypto.randomUUID(), createdAt: now().toISOString() };
  await update<PendingRequest[]>(PENDING, (list = []) => [...list, entry], store());
}

export async function removePending(id: string): Promise<void> {
  await update<PendingRequest[]>(PENDING, (list = []) => list.filter((x) => x.id !== id), store());
}

export async function markPending(id: string, problem: string): Promise<void> {
  await update<PendingRequest[]>(PENDING, (list = []) => list.map((x) => (x.id === id ? { ...x, problem } : x)), store());
}

/** Query keys of what is on the phone, for TanStack Query. */
export const deviceKeys = { saved: ["device", "saved"] as const, pending: ["device", "pending"] as const };
