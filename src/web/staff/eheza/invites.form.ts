/** The zone authority's invitation of an enterprise's representative: the form, the code it returns, and revoking a pending one. */
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { notifyError } from "../../components/ui.tsx";
import { api } from "../../lib/api.ts";
import { applyProblem } from "../../lib/formProblems.ts";
import type { CreatedInvite } from "./shared.tsx";

/** The invitation for the enterprise picked (`created`: the code just issued, shown once). */
export function useEnterpriseInvite(enterpriseId: number | null) {
  const client = useQueryClient();
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { fullName: "", email: "" } });
  const refresh = () => void client.invalidateQueries({ queryKey: ["enterprise-accounts", enterpriseId] });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<CreatedInvite>("/api/accounts/invites", {
        enterpriseId,
        ...(v.fullName.trim() ? { fullName: v.fullName } : {}),
        ...(v.email.trim() ? { email: v.email } : {}),
      }),
    onSuccess: (res) => {
      setCreated(res);
      setError(null);
      form.reset();
      refresh();
    },
    onError: (err) => {
      applyProblem(form, err);
      setError(err);
    },
  });
  const revoke = useMutation({ mutationFn: (id: number) => api.delete(`/api/accounts/invites/${id}`), onSuccess: refresh, onError: notifyError });
  return { form, invite, error, created, setCreated, revoke };
}

export type EnterpriseInvite = ReturnType<typeof useEnterpriseInvite>;
