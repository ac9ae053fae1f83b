// Reads and writes of order notes and customers' issues through the generated client, shared by the portal's
// tracking page, the staff order detail's notes tab and the order desk's issue queue.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap } from "../../shared/api/problem";

export type Issue = Schemas["IssueView"];
export type Note = Schemas["NoteView"];
export type IssueKind = Issue["kind"];
export type IssueQuery = QueryOf<"/api/v1/issues">;

export const issueKeys = {
  all: ["issues"] as const,
  list: (query: IssueQuery) => ["issues", "list", query] as const,
  one: (issueId: string) => ["issues", "one", issueId] as const,
  notes: (orderId: string) => ["notes", orderId] as const,
};

export const KIND_LABELS: Record<IssueKind, string> = {
  question: "Question",
  problem: "Problem",
  changeRequest: "Change request",
};

export function useIssues(query: IssueQuery) {
  return useQuery({
    queryKey: issueKeys.list(query),
    queryFn: async () => {
      const answer = await api.GET("/api/v1/issues", { params: { query } });
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    placeholderData: (previous) => previous,
  });
}

export function useIssue(issueId: string) {
  return useQuery({
    queryKey: issueKeys.one(issueId),
    queryFn: async () => unwrap(await api.GET("/api/v1/issues/{issue_id}", { params: { path: { issue_id: issueId } } })),
    retry: false,
  });
}

export function useAnswerIssue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ issueId, answer, close }: { issueId: string; answer: string; close: boolean }) =>
      unwrap(await api.POST("/api/v1/issues/{issue_id}/answer", { params: { path: { issue_id: issueId } }, body: { answer, close } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: issueKeys.all }),
  });
}

export function useNotes(orderId: string) {
  return useQuery({
    queryKey: issueKeys.notes(orderId),
    queryFn: async () => unwrap(await api.GET("/api/v1/orders/{order_id}/notes", {
      params: { path: { order_id: orderId }, query: { limit: 1000, sort: "-createdAt" } },
    })),
  });
}

export function useAddNote(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (note: { text: string; customerVisible: boolean }) =>
      unwrap(await api.POST("/api/v1/orders/{order_id}/notes", { params: { path: { order_id: orderId } }, body: note })),
    onSuccess: () => void client.invalidateQueries({ queryKey: issueKeys.notes(orderId) }),
  });
}
