// W6 / W10 server calls: the task queue, one task and its actions, the approvals inbox and bulk decisions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap, unwrapWithEtag } from "../../shared/api/problem";

export type TaskRow = Schemas["TaskQueueRow"];
export type Task = Schemas["TaskView"];
export type Approval = Schemas["ApprovalView"];
export type DecisionOutcome = Schemas["DecisionOutcome"];
export type TaskQuery = QueryOf<"/api/v1/tasks">;

export const TASKS_KEY = ["workspace", "tasks"] as const;
export const APPROVALS_KEY = ["workspace", "approvals"] as const;

export function useTaskQueue(query: TaskQuery) {
  return useQuery({
    queryKey: [...TASKS_KEY, "queue", query],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/tasks", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: keepPreviousData,
  });
}

export function useTask(taskId: string) {
  return useQuery({
    queryKey: [...TASKS_KEY, "one", taskId],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/tasks/{task_id}", { params: { path: { task_id: taskId } } })),
    retry: false,
  });
}

export function useGroupMembers(group: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["workspace", "groups", group],
    queryFn: async () => unwrap(await api.GET("/api/v1/groups/{key}", { params: { path: { key: group! } } })).members,
    enabled: enabled && !!group,
    retry: false,
  });
}

type Action =
  | { kind: "claim" }
  | { kind: "complete"; output: Record<string, unknown> }
  | { kind: "note"; text: string }
  | { kind: "assign"; assignee: string }
  | { kind: "fallout"; type: string; reason: string; priority?: number };

/** A task action; with the ETag read, the server acts only on the task as the page shows it (412 otherwise).
 * The answer (the task and its new ETag) replaces the page's copy at once, so the next action sends the new ETag. */
export function useTaskAction(taskId: string, etag: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: Action): Promise<{ data: Task; etag: string } | null> => {
      const path = { task_id: taskId };
      const headers = etag ? { "If-Match": etag } : undefined;
      switch (action.kind) {
        case "claim":
          return unwrapWithEtag(await api.POST("/api/v1/tasks/{task_id}/claim", { params: { path }, headers }));
        case "complete":
          return unwrapWithEtag(await api.POST("/api/v1/tasks/{task_id}/complete", { params: { path }, headers, body: { output: action.output } }));
        case "note":
          return unwrapWithEtag(await api.POST("/api/v1/tasks/{task_id}/notes", { params: { path }, headers, body: { text: action.text } }));
        case "assign":
          return unwrapWithEtag(await api.POST("/api/v1/tasks/{task_id}/reassign", { params: { path }, headers, body: { group: null, assignee: action.assignee } }));
        case "fallout":
          unwrap(await api.POST("/api/v1/tasks/{task_id}/fallout", {
            params: { path }, body: { type: action.type, reason: action.reason, priority: action.priority ?? null },
          }));
          return null;
      }
    },
    onSuccess: (answer) => {
      if (answer) client.setQueryData([...TASKS_KEY, "one", taskId], answer);
      return client.invalidateQueries({ queryKey: TASKS_KEY });
    },
  });
}

export function useApprovals(query: QueryOf<"/api/v1/approvals">) {
  return useQuery({
    queryKey: [...APPROVALS_KEY, query],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/approvals", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: keepPreviousData,
  });
}

export function useDecideMany() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas["DecideMany"]) => unwrap(await api.POST("/api/v1/approvals/decide", { body })),
    onSettled: () => client.invalidateQueries({ queryKey: APPROVALS_KEY }),
  });
}
