// The auditor's reads through the generated client: the log and its verification, a rule version's usage and
// the orders on it, pack activations, an order's why, a version's DOT source. Nothing here writes.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type QueryOf, type Schemas } from "../shared/api/client";
import { totalCount, unwrap } from "../shared/api/problem";

export type AuditEvent = Schemas["AuditEventView"];
export type AuditCheck = Schemas["AuditCheckView"];
export type VersionUsage = Schemas["VersionUsageView"];
export type PinnedOrder = Schemas["PinnedOrderView"];
export type OrderWhy = Schemas["OrderWhyView"];
export type Provenance = Schemas["ProvenanceView"];
export type AuditQuery = QueryOf<"/api/v1/audit">;

export const auditKeys = {
  all: ["audit"] as const,
  log: (query: AuditQuery) => ["audit", "log", query] as const,
  verify: () => ["audit", "verify"] as const,
  artifacts: () => ["audit", "artifacts"] as const,
  artifact: (key: string) => ["audit", "artifact", key] as const,
  usage: (key: string, version: number) => ["audit", "usage", key, version] as const,
  orders: (key: string, version: number, offset: number, limit: number) => ["audit", "orders", key, version, offset, limit] as const,
  activations: (offset: number, limit: number) => ["audit", "activations", offset, limit] as const,
  why: (orderId: string) => ["audit", "why", orderId] as const,
  dot: (key: string, version: number) => ["audit", "dot", key, version] as const,
};

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.log(query),
    queryFn: async () => {
      const answer = await api.GET("/api/v1/audit", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: keepPreviousData,
  });
}

export async function verifyChain(): Promise<AuditCheck> {
  return unwrap(await api.GET("/api/v1/audit/verify"));
}

/** Every artifact with its versions (the rule browser's index). */
export function useArtifacts() {
  return useQuery({
    queryKey: auditKeys.artifacts(),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts", { params: { query: { limit: 1000 } } })),
  });
}

export function useArtifactVersions(key: string) {
  return useQuery({
    queryKey: auditKeys.artifact(key),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions", {
      params: { path: { key }, query: { limit: 1000, sort: "-version" } } })),
  });
}

export function useUsage(key: string, version: number | null) {
  return useQuery({
    queryKey: auditKeys.usage(key, version ?? 0),
    queryFn: async () => unwrap(await api.GET("/api/v1/audit/artifacts/{key}/versions/{version}/usage", {
      params: { path: { key, version: version ?? 0 } } })),
    enabled: version !== null,
  });
}

export function usePinnedOrders(key: string, version: number | null, offset: number, limit: number) {
  return useQuery({
    queryKey: auditKeys.orders(key, version ?? 0, offset, limit),
    queryFn: async () => {
      const answer = await api.GET("/api/v1/audit/artifacts/{key}/versions/{version}/orders", {
        params: { path: { key, version: version ?? 0 }, query: { offset, limit } } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    enabled: version !== null,
    placeholderData: keepPreviousData,
  });
}

export function useActivations(offset: number, limit: number) {
  return useQuery({
    queryKey: auditKeys.activations(offset, limit),
    queryFn: async () => {
      // one more than the page: the oldest row of the page is diffed against the activation before it
      const answer = await api.GET("/api/v1/studio/packs/activations", { params: { query: { offset, limit: limit + 1 } } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: keepPreviousData,
  });
}

export function useOrderWhy(orderId: string) {
  return useQuery({
    queryKey: auditKeys.why(orderId),
    queryFn: async () => unwrap(await api.GET("/api/v1/audit/orders/{order_id}/why", { params: { path: { order_id: orderId } } })),
  });
}

export function useDot(key: string, version: number) {
  return useQuery({
    queryKey: auditKeys.dot(key, version),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions/{version}/graph", {
      params: { path: { key, version }, query: { format: "dot" } }, parseAs: "text" })) as unknown as string,
    staleTime: Infinity,
  });
}

export type TraceEntry = Schemas["TraceEntryView"];

export function useTrace(orderId: string, offset: number, limit: number) {
  return useQuery({
    queryKey: [...auditKeys.why(orderId), "trace", offset, limit],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/orders/{order_id}/trace", { params: { path: { order_id: orderId }, query: { offset, limit } } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: keepPreviousData,
  });
}
