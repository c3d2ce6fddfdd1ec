/** The parts of the worker's request form, each a group of fields a person sees together. */
import { Card, NativeSelect, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { OtherWorkplaceChoice, OtherWorkplaceName } from "../../components/workplace.tsx";
import { type AskForm, type EnterpriseOption, FILE_TYPES, MAX_FILES, kinds, topics } from "./ask.form.ts";

/** The problem under a field, by its path in the request body. */
type FieldError = (path: string) => string | undefined;

/** Consultation, complaint, petition or report; a question's description is shown to the employer by default, the rest not. */
export function KindChoice({ f }: { f: AskForm }) {
  const { t } = useTranslation("voice");
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500}>
        {t("public.kind")} <Required />
      </Text>
      <Stack gap={6} mt={4}>
        {kinds.map((k) => (
          <Tick
            key={k}
            type="radio"
            name="kind"
            checked={f.kind === k}
            onChange={() => {
              f.setKind(k);
              f.setDescriptionPrivate(k !== "consultation");
            }}
          >
            {t(`kind.${k}`)}
          </Tick>
        ))}
      </Stack>
    </fieldset>
  );
}

/** What the request is about: topic, enterprise (picked from suggestions or typed), title and description. */
export function AboutFields({ f, options, fieldError }: { f: AskForm; options: EnterpriseOption[]; fieldError: FieldError }) {
  const { t } = useTranslation("voice");
  return (
    <>
      <NativeSelect
        label={t("public.topic")}
        required
        value={f.topic}
        onChange={(e) => f.setTopic(e.currentTarget.value)}
        data={[{ value: "", label: t("public.topicPlaceholder"), disabled: true }, ...topics.map((x) => ({ value: x, label: t(`topic.${x}`) }))]}
        error={fieldError("topic")}
      />
      <Stack gap={6}>
        {f.otherWorkplace ? (
          <OtherWorkplaceName value={f.otherName} onChange={f.setOtherName} error={fieldError("enterpriseName")} />
        ) : (
          <>
            {/* A native datalist: the browser's own suggestion list costs no JavaScript on the phone. */}
            <TextInput
              label={t("public.enterprise")}
              placeholder={t("public.enterprisePlaceholder")}
              description={t("public.enterpriseFree")}
              value={f.enterpriseText}
              onChange={(e) => {
                f.setEnterpriseText(e.currentTarget.value);
              }}
              error={fieldError("enterpriseName") ?? fieldError("enterpriseId")}
              list="voice-enterprises"
              autoComplete="off"
              maxLength={300}
            />
            <datalist id="voice-enterprises">
              {options.map((o) => (
                <option key={o.id} value={o.name}>
                  {o.zone ?? ""}
                </option>
              ))}
            </datalist>
          </>
        )}
        <OtherWorkplaceChoice checked={f.otherWorkplace} onChange={f.setOtherWorkplace} />
      </Stack>
      <TextInput
        label={t("public.title")}
        required
        value={f.title}
        onChange={(e) => f.setTitle(e.currentTarget.value)}
        maxLength={200}
        error={fieldError("title")}
      />
      <Textarea
        label={t("public.description")}
        description={t("public.descriptionHint")}
        required
        autosize
        minRows={4}
        value={f.description}
        onChange={(e) => f.setDescription(e.currentTarget.value)}
        maxLength={8000}
        error={fieldError("description")}
      />
      <Tick checked={f.descriptionPrivate} onChange={f.setDescriptionPrivate}>
        {t("public.descriptionPrivate")}
      </Tick>
    </>
  );
}

/** A petition signed by several workers, and how many signed. */
export function PetitionCard({ f, fieldError }: { f: AskForm; fieldError: FieldError }) {
  const { t } = useTranslation("voice");
  if (f.kind !== "petition") return null;
  return (
    <Card withBorder padding="sm">
      <Tick checked={f.collective} onChange={f.setCollective}>
        {t("public.collective")}
      </Tick>
      {f.collective ? (
        <TextInput
          mt="xs"
          type="number"
          inputMode="numeric"
          label={t("public.signatoryCount")}
          min={1}
          max={100000}
          value={String(f.signatoryCount)}
          onChange={(e) => f.setSignatoryCount(e.currentTarget.value)}
          error={fieldError("signatoryCount")}
        />
      ) : null}
    </Card>
  );
}

/** Who asks: anonymous, or a name with a phone and a citizen ID if the worker gives them. */
export function RequesterCard({ f, fieldError }: { f: AskForm; fieldError: FieldError }) {
  const { t } = useTranslation("voice");
  return (
    <Card withBorder padding="sm">
      <Tick checked={f.anonymous} onChange={f.setAnonymous}>
        <b>{t("public.anonymous")}</b>
      </Tick>
      {f.anonymous ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t("public.anonymousNote")}
        </Text>
      ) : (
        <Stack gap="xs" mt="xs">
          <TextInput
            label={t("public.fullName")}
            required
            value={f.fullName}
            onChange={(e) => f.setFullName(e.currentTarget.value)}
            maxLength={120}
            error={fieldError("requester.fullName")}
          />
          <TextInput
            label={t("public.phone")}
            type="tel"
            inputMode="tel"
            value={f.phone}
            onChange={(e) => f.setPhone(e.currentTarget.value)}
            maxLength={13}
            error={fieldError("requester.phone")}
          />
          <TextInput
            label={t("public.citizenId")}
            inputMode="numeric"
            value={f.citizenId}
            onChange={(e) => f.setCitizenId(e.currentTarget.value)}
            maxLength={12}
            error={fieldError("requester.citizenId")}
          />
        </Stack>
      )}
    </Card>
  );
}

/** Files sent with the request. The consent notice names attachments among the data collected, so the form offers them. */
export function FilesField({ f, fieldError }: { f: AskForm; fieldError: FieldError }) {
  const { t } = useTranslation("voice");
  return (
    <div>
      <Text size="sm" fw={500} component="label" htmlFor="voice-files">
        {t("public.attachOnForm")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("public.attachHint")}
      </Text>
      <input
        id="voice-files"
        type="file"
        multiple
        accept={FILE_TYPES.join(",")}
        aria-invalid={fieldError("files") ? true : undefined}
        aria-describedby={fieldError("files") ? "voice-files-error" : undefined}
        onChange={(e) => f.setFiles(Array.from(e.currentTarget.files ?? []).slice(0, MAX_FILES))}
        style={{ display: "block", marginTop: 6, maxWidth: "100%" }}
      />
      {f.files.map((file) => (
        <Text key={file.name} size="xs">
          {file.name} ({Math.ceil(file.size / 1024).toLocaleString("vi-VN")} KB)
        </Text>
      ))}
      {fieldError("files") ? (
        <Text id="voice-files-error" size="xs" c="red.8">
          {fieldError("files")}
        </Text>
      ) : null}
    </div>
  );
}

/** The asterisk Mantine puts after a required label, for labels Mantine does not draw. */
export function Required() {
  return (
    <span aria-hidden="true" style={{ color: "var(--mantine-color-error)" }}>
      *
    </span>
  );
}

/** A native checkbox or radio with its label: big enough to tap, and no component library code. */
export function Tick({
  checked,
  onChange,
  children,
  type = "checkbox",
  name,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  children: ReactNode;
  type?: "checkbox" | "radio";
  name?: string;
}) {
  return (
    <label style={{ display: "flex", gap: 10, alignItems: "flex-start", cursor: "pointer", fontSize: 14, lineHeight: 1.4 }}>
      <input
        type={type}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        style={{ width: 20, height: 20, margin: 0, flexShrink: 0 }}
      />
      <span>{children}</span>
    </label>
  );
}
