import type { z } from "zod";
import type { meResponse } from "#shared/contract/access.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, setCsrfToken } from "./api.ts";

/** The signed-in user as GET /api/auth/me answers. */
export type Me = z.input<typeof meResponse>;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      try {
        const me = await api.get<Me>("/api/auth/me");
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the signed-in user holds a permission. */
export function useCan(): (permission: string) => boolean {
  const { data } = useMe();
  return (p) => Boolean(data?.permissions.includes(p));
}

export function useAuthActions() {
  const client = useQueryClient();
  return {
    async login(username: string, password: string) {
      const me = await api.post<Me>("/api/auth/login", { username, password });
      setCsrfToken(me.csrfToken);
      client.setQueryData(["me"], me);
      return me;
    },
    async logout(everywhere = false) {
      await api.post(`/api/auth/logout${everywhere ? "?everywhere=true" : ""}`);
      setCsrfToken(null);
      client.clear();
      client.setQueryData(["me"], null);
    },
  };
}
