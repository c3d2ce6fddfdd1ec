import { useEffect, useState } from "react";
import type { z } from "zod";
import type { callSchema } from "#shared/contract/hotline.ts";

export type Call = z.input<typeof callSchema>;

/**
 * The calls the server pushes while the officer has the workspace open (server-sent events): the
 * newest first, until dismissed. EventSource reconnects by itself after a network drop.
 */
export function useCallStream(enabled: boolean): { calls: Call[]; dismiss: (id: number) => void } {
  const [calls, setCalls] = useState<Call[]>([]);
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/voice/calls/stream", { withCredentials: true });
    const onCall = (e: MessageEvent<string>) => {
      const call = JSON.parse(e.data) as Call;
      setCalls((xs) => [call, ...xs.filter((x) => x.id !== call.id)].slice(0, 3));
    };
    source.addEventListener("call", onCall);
    return () => {
      source.removeEventListener("call", onCall);
      source.close();
    };
  }, [enabled]);
  return { calls, dismiss: (id) => setCalls((xs) => xs.filter((x) => x.id !== id)) };
}
