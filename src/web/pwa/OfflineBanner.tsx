/**
 * The portal's word on the network, above every public page: offline (what still works), requests
 * waiting in the outbox, and the codes of those sent once the phone is back online. It also runs the
 * sending (the outbox code loads only when something waits).
 */
import { Alert, Anchor } from "@mantine/core";
import { useNetwork } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { deviceKeys, listPending } from "./device.ts";

/**
 * When to try again while requests wait and the phone says it is online: the "online" event often comes
 * a moment before the network carries anything, so soon at first, then every half minute.
 */
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];

function useOutboxSender(online: boolean, waiting: number) {
  const qc = useQueryClient();
  const [sent, setSent] = useState<string[]>([]);
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (!online || waiting === 0) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (attempt: number) => {
      const r = await import("./outbox.ts").then((m) => m.flushOutbox()).catch(() => null);
      if (!live) return;
      if (r?.sent.length) setSent((s) => [...s, ...r.sent]);
      if (r?.refused) setRefused((n) => n + r.refused);
      void qc.invalidateQueries({ queryKey: ["device"] });
      // Nothing sent: still unreachable; the query's new count re-runs this effect when something was.
      if (!r?.sent.length) timer = setTimeout(() => void run(attempt + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
    };
    void run(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [online, waiting, qc]);
  return { sent, refused };
}

export function OfflineBanner() {
  const { t } = useTranslation("app");
  const { online } = useNetwork();
  // IndexedDB, not the network: the query runs offline too.
  const pending = useQuery({ queryKey: deviceKeys.pending, queryFn: listPending, networkMode: "always", staleTime: Number.POSITIVE_INFINITY });
  const waiting = (pending.data ?? []).filter((p) => !p.problem).length;
  const { sent, refused } = useOutboxSender(online, waiting);
  if (!online) {
    return (
      <Alert color="yellow" title={t("offline.title")} role="status" mb="md" data-testid="offline-banner">
        {t("offline.body")} {waiting > 0 ? t("offline.waiting", { count: waiting }) : null}
      </Alert>
    );
  }
  if (waiting > 0) {
    return (
      <Alert color="blue" role="status" mb="md" data-testid="offline-banner">
        {t("offline.sending", { count: waiting })}
      </Alert>
    );
  }
  if (sent.length > 0 || refused > 0) {
    return (
      <Alert color={refused ? "orange" : "green"} title={t("offline.sentTitle")} role="status" mb="md" data-testid="offline-banner">
        {sent.length > 0 ? t("offline.sent", { codes: sent.join(", ") }) : null} {refused ? t("offline.refused") : null}{" "}
        <Anchor component={Link} to="/yeu-cau-cua-toi" size="sm">
          {t("offline.openMine")}
        </Anchor>
      </Alert>
    );
  }
  return null;
}
