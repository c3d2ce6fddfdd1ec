import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * The footer of a form in a modal: "Hủy" closes it, "Lưu" submits the form and spins while the
 * request runs (cancel waits meanwhile, so a closed form never reports a save later).
 */
export function FormModalFooter({ onCancel, saving }: { onCancel: () => void; saving: boolean }) {
  const { t } = useTranslation("common");
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={saving}>
        {t("action.cancel")}
      </Button>
      <Button type="submit" loading={saving}>
        {t("action.save")}
      </Button>
    </Group>
  );
}
