// Who is signed in: GET /api/v1/auth/me through react-query. The session is the server's cookie; its CSRF
// token is handed to the API client so every change carries it. Permissions come from the server's role
// matrix and are only used to show or hide what the server would refuse anyway.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, holdRequests, setCsrfToken, type Schemas } from "../api/client";
import { unwrap } from "../api/problem";
import { streamHub } from "../stream/hub";

export type Me = Schemas["MeView"];
export const ME_KEY = ["auth", "me"] as const;

/** GET /auth/session answers 200 signed in or out, so a signed-out browser logs no failed request. */
async function fetchMe(): Promise<Me | null> {
  const state = unwrap(await api.GET("/api/v1/auth/session"));
  setCsrfToken(state.user?.csrfToken ?? null);
  return state.user ?? null;
}

/** The signed-in user (null when nobody is), loaded once and shared by every screen. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Whether the signed-in user's role holds `permission`. */
export function useCan(permission: string): boolean {
  const { data } = useMe();
  return Boolean(data?.permissions.includes(permission));
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) =>
      unwrap(await api.POST("/api/v1/auth/login", { body: credentials })),
    onSuccess: (me) => {
      holdRequests(false);
      setCsrfToken(me.csrfToken ?? null);
      client.setQueryData(ME_KEY, me);
    },
  });
}

/** Sign out of this browser, or (``everywhere``) end every session of the user on the server. From then until
 * the next sign-in the client sends only /api/v1/auth/ requests: the page being left cannot meet a 401. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      // no live event or refetch may reach the server while it ends the session (it would meet a 401)
      holdRequests(true);
      streamHub.reset();
      await client.cancelQueries();
      if (everywhere) {
        unwrap(await api.DELETE("/api/v1/auth/sessions"));
      } else {
        await api.POST("/api/v1/auth/logout");
      }
    },
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}
