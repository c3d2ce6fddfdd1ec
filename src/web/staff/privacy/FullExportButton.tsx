import { Button, Modal, Stack, Text, Textarea } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError } from "../../components/ui.tsx";
import { download } from "../../lib/api.ts";

/**
 * "Xuất đầy đủ số định danh": an export with full citizen IDs and phones asks its purpose first; the
 * server writes the purpose to the audit log (issue #15.5). The plain export stays masked.
 */
export function FullExportButton({ href, filename }: { href: string; filename: string }) {
  const { t } = useTranslation("privacy");
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState("");
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      const sep = href.includes("?") ? "&" : "?";
      await download(`${href}${sep}identifiers=full&purpose=${encodeURIComponent(purpose.trim())}`, filename);
      setOpen(false);
      setPurpose("");
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" color="orange" leftSection={<IconDownload size={16} />} onClick={() => setOpen(true)}>
        {t("export.full")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("export.full")}>
        <Stack>
          <Text size="sm">{t("export.why")}</Text>
          <Textarea label={t("export.purpose")} autosize minRows={2} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
          <Button onClick={go} loading={busy} disabled={purpose.trim().length < 10}>
            {t("export.go")}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
