import { Button, Select, SimpleGrid } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { IconCamera, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, PageHeader, notifyError, notifySuccess } from "../../components/ui.tsx";
import { api, qs } from "../../lib/api.ts";
import { useCan } from "../../lib/auth.tsx";
import { vnMonth, vnYear } from "#shared/clock.ts";
import { TargetCard } from "./TargetCard.tsx";
import { TargetModal, ValueModal } from "./TargetModals.tsx";
import { type Target, useTargetEditor, useValueEntry } from "./targets.form.ts";

/** Targets with progress bars, the live figure against the target, and the pace projection. */
export function TargetsPage() {
  const { t } = useTranslation("coordination");
  const can = useCan();
  const thisYear = vnYear();
  const [year, setYear] = useState(String(thisYear));
  const { data, error, isLoading } = useQuery({ queryKey: ["targets", year], queryFn: () => api.get<Target[]>(`/api/coordination/targets${qs({ year })}`) });
  const editor = useTargetEditor(year);
  const entry = useValueEntry();
  const openTarget = editor.openTarget;
  const snapshot = useMutation({
    mutationFn: () => api.post<{ targets: number }>("/api/coordination/targets/snapshots", { month: vnMonth() }),
    onSuccess: (r) => notifySuccess(t("targets.snapshotDone", { n: r.targets })),
    onError: notifyError,
  });
  return (
    <>
      <PageHeader
        title={t("targets.title")}
        description={t("targets.hint")}
        actions={
          <>
            <Select
              aria-label={t("targets.year")}
              data={Array.from({ length: 5 }, (_, k) => String(thisYear - k))}
              value={year}
              onChange={(v) => v && setYear(v)}
              w={110}
              allowDeselect={false}
            />
            {can("coordination:write") ? (
              <>
                <Button variant="default" leftSection={<IconCamera size={16} />} loading={snapshot.isPending} onClick={() => snapshot.mutate()}>
                  {t("targets.snapshot")}
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => openTarget("new")}>
                  {t("targets.add")}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={error} />
      {isLoading ? <Loading /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {data?.map((g) => (
          <TargetCard key={g.id} g={g} writable={can("coordination:write")} onEdit={() => openTarget(g)} onEnter={() => entry.setEntering(g)} />
        ))}
      </SimpleGrid>
      <ValueModal entry={entry} />
      <TargetModal editor={editor} />
    </>
  );
}
