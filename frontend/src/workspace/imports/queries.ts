// Bulk imports through the generated client: the mappings, the imports with their progress (polled while one
// runs), a dry run's preview of the first orders, starting and cancelling, the rejects.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap } from "../../shared/api/problem";

export type OrderImport = Schemas["ImportView"];
export type ImportMapping = Schemas["MappingView"];
export type Reject = Schemas["RejectView"];
export type PreviewOrder = Schemas["PreviewOrderView"];
export type ImportListQuery = QueryOf<"/api/v1/imports">;

const FINAL = new Set(["completed", "cancelled", "failed"]);
const POLL_MS = 1000;

export const MEDIA: Record<string, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jsonl: "application/x-ndjson",
};

export const importKeys = {
  all: ["imports"] as const,
  list: (query: ImportListQuery) => ["imports", "list", query] as const,
  one: (importId: string) => ["imports", "one", importId] as const,
  rejects: (importId: string, offset: number, limit: number) => ["imports", "rejects", importId, offset, limit] as const,
  mappings: ["imports", "mappings"] as const,
};

export function isFinal(state: string): boolean {
  return FINAL.has(state);
}

/** The media type to send a file as: the mapping's format, else the file's suffix. */
export function mediaOf(file: File, mapping: ImportMapping | undefined): string {
  if (mapping) return MEDIA[mapping.format];
  const suffix = file.name.toLowerCase().split(".").pop() ?? "";
  return MEDIA[suffix === "ndjson" ? "jsonl" : suffix] ?? "application/octet-stream";
}

export function rejectsFileUrl(importId: string): string {
  return `/api/v1/imports/${encodeURIComponent(importId)}/rejects/file`;
}

export function useMappings() {
  return useQuery({
    queryKey: importKeys.mappings,
    queryFn: async () => unwrap(await api.GET("/api/v1/imports/mappings")),
  });
}

export function useImports(query: ImportListQuery) {
  return useQuery({
    queryKey: importKeys.list(query),
    queryFn: async () => {
      const answer = await api.GET("/api/v1/imports", { params: { query } });
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    placeholderData: (previous) => previous,
    refetchInterval: (current) => (current.state.data?.items.some((i) => !isFinal(i.state)) ? POLL_MS : false),
  });
}

export function useImport(importId: string) {
  return useQuery({
    queryKey: importKeys.one(importId),
    queryFn: async () => unwrap(await api.GET("/api/v1/imports/{import_id}", { params: { path: { import_id: importId } } })),
    retry: false,
    refetchInterval: (current) => (current.state.data && !isFinal(current.state.data.state) ? POLL_MS : false),
  });
}

export function useRejects(importId: string, offset: number, limit: number, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.rejects(importId, offset, limit),
    queryFn: async () => {
      const answer = await api.GET("/api/v1/imports/{import_id}/rejects", {
        params: { path: { import_id: importId }, query: { offset, limit } },
      });
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    enabled,
    placeholderData: (previous) => previous,
  });
}

export interface ImportRequest {
  file: File;
  mapping?: ImportMapping;
  source?: string;
  dryRun?: boolean;
}

export function usePreview() {
  return useMutation({
    mutationFn: async ({ file, mapping }: ImportRequest) => unwrap(await api.POST("/api/v1/imports/preview", {
      params: { query: { mapping: mapping?.key, mappingVersion: mapping?.version, fileName: file.name, limit: 20 } },
      body: file as never,
      bodySerializer: (body: unknown) => body as Blob,
      headers: { "Content-Type": mediaOf(file, mapping) },
    })),
  });
}

export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, mapping, source, dryRun }: ImportRequest) => unwrap(await api.POST("/api/v1/imports", {
      params: { query: { mapping: mapping?.key, mappingVersion: mapping?.version, fileName: file.name,
        source: source || undefined, dryRun: dryRun ?? false } },
      body: file as never,
      bodySerializer: (body: unknown) => body as Blob,
      headers: { "Content-Type": mediaOf(file, mapping) },
    })),
    onSuccess: () => void client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

export function useCancelImport(importId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/imports/{import_id}/cancel", { params: { path: { import_id: importId } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: importKeys.all }),
  });
}
