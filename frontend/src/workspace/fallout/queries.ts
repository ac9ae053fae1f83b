// Server reads and actions of the fallout screens (W7, W8) and the jeopardy board (W9), through the typed client.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap, unwrapWithEtag } from "../../shared/api/problem";

export type Fallout = Schemas["FalloutView"];
export type FalloutRecord = Schemas["FalloutRecordView"];
export type BoardRow = Schemas["JeopardyBoardRow"];
export type Alert = Schemas["JeopardyAlertView"];
export type System = Schemas["SystemView"];
export type FalloutQuery = QueryOf<"/api/v1/fallout">;
export type BoardQuery = QueryOf<"/api/v1/jeopardy">;
export type AlertQuery = QueryOf<"/api/v1/jeopardy/alerts">;

export const FALLOUT_KEY = ["fallout"] as const;
export const JEOPARDY_KEY = ["jeopardy"] as const;
export const SYSTEMS_KEY = ["systems"] as const;

export function useFalloutList(query: FalloutQuery) {
  return useQuery({
    queryKey: [...FALLOUT_KEY, "list", query],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/fallout", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: (previous) => previous,
    refetchInterval: 30_000, // no live topic carries fallout changes: the queue looks again now and then
  });
}

export function useFalloutRecord(id: string) {
  return useQuery({
    queryKey: [...FALLOUT_KEY, "record", id],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/fallout/{record_id}", { params: { path: { record_id: id } } })).data,
    retry: false,
  });
}

export function useFalloutSummary() {
  return useQuery({
    queryKey: [...FALLOUT_KEY, "summary"],
    queryFn: async () => unwrap(await api.GET("/api/v1/fallout/summary")),
    refetchInterval: 30_000,
  });
}

export function useSystems() {
  return useQuery({
    queryKey: SYSTEMS_KEY,
    queryFn: async () => unwrap(await api.GET("/api/v1/systems", { params: { query: { limit: 1000 } } })),
  });
}

export function useMarkUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (system: string) =>
      unwrap(await api.POST("/api/v1/systems/{system}/up", { params: { path: { system } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: SYSTEMS_KEY }),
  });
}

export function useBulkRetry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => unwrap(await api.POST("/api/v1/fallout/retry", { body: { ids, type: null, assignmentGroup: null } })),
    onSettled: () => client.invalidateQueries({ queryKey: FALLOUT_KEY }),
  });
}

type Path = { params: { path: { record_id: string } } };

/** Every action on one record: what the server answers is the record after it. */
export function useRecordAction(id: string) {
  const client = useQueryClient();
  const path: Path = { params: { path: { record_id: id } } };
  return useMutation({
    mutationFn: async (action: RecordAction): Promise<FalloutRecord> => {
      switch (action.kind) {
        case "retry":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/retry", path));
        case "fix":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/fix", { ...path, body: action.body }));
        case "force-complete":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/force-complete", { ...path, body: { reason: action.reason } }));
        case "fail-item":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/fail-item", { ...path, body: { reason: action.reason } }));
        case "cancel-order":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/cancel-order", { ...path, body: { reason: action.reason } }));
        case "reassign":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/reassign", { ...path, body: action.body }));
        case "note":
          return unwrap(await api.POST("/api/v1/fallout/{record_id}/notes", { ...path, body: { text: action.text } }));
      }
    },
    onSuccess: (record) => {
      client.setQueryData([...FALLOUT_KEY, "record", id], record);
      void client.invalidateQueries({ queryKey: [...FALLOUT_KEY, "list"] });
      void client.invalidateQueries({ queryKey: [...FALLOUT_KEY, "summary"] });
    },
  });
}

export type RecordAction =
  | { kind: "retry" }
  | { kind: "fix"; body: Schemas["FalloutFix"] }
  | { kind: "force-complete" | "fail-item" | "cancel-order"; reason: string }
  | { kind: "reassign"; body: Schemas["FalloutReassign"] }
  | { kind: "note"; text: string };

export function useGroups(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ["groups"],
    queryFn: async () => unwrap(await api.GET("/api/v1/groups", { params: { query: { limit: 1000 } } })),
    retry: false,
  });
}

export function useBoard(query: BoardQuery) {
  return useQuery({
    queryKey: [...JEOPARDY_KEY, "board", query],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/jeopardy", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length), unassessed: Number(answer.response.headers.get("X-Unassessed-Count") ?? 0) };
    },
    placeholderData: (previous) => previous,
  });
}

export function useAlerts(query: AlertQuery) {
  return useQuery({
    queryKey: [...JEOPARDY_KEY, "alerts", query],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/jeopardy/alerts", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: (previous) => previous,
  });
}

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, comment }: { id: string; comment?: string }) =>
      unwrap(await api.POST("/api/v1/jeopardy/alerts/{alert_id}/acknowledge", { params: { path: { alert_id: id } }, body: { comment: comment || null } })),
    onSuccess: () => client.invalidateQueries({ queryKey: JEOPARDY_KEY }),
  });
}
