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

/** How often a waiting request is tried again while the phone says it is online but the server cannot be reached. */
const RETRY_MS = 30_000;

function useOutboxSender(online: boolean, waiting: number) {
  const qc = useQueryClient();
  const [sent, setSent] = useState<string[]>([]);
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (!online || waiting === 0) return;
    let live = true;
    const run = () =>
      import("./outbox.ts")
        .then((m) => m.flushOutbox())
        .then((r) => {
          if (!live) return;
          if (r.sent.length) setSent((s) => [...s, ...r.sent]);
          if (r.refused) setRefused((n) => n + r.refused);
          void qc.invalidateQueries({ queryKey: ["device"] });
        })
        .catch(() => undefined);
    void run();
    const timer = setInterval(run, RETRY_MS);
    return () => {
      live = false;
      clearInterval(timer);
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
