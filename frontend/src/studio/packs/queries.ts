// Reads and writes of rule packs through the generated client: versions, the active pack (its ETag guards
// activate and rollback), the activation history, the server's pack diff, simulations, sample orders.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../shared/api/client";
import type { paths } from "../../shared/api/schema";
import { ApiError, unwrap, unwrapWithEtag } from "../../shared/api/problem";

export type PackView = Schemas["PackView"];
export type PackSimulation = Schemas["PackSimulationView"];
export type PackDiff = Schemas["PackDiffView"];
export type Activation = Schemas["ActivationView"];
export type ExampleOrder = Schemas["ExampleOrderView"];
export type ArtifactSummary = Schemas["ArtifactView"];

export const packKeys = {
  all: ["studio", "packs"] as const,
  list: () => ["studio", "packs", "list"] as const,
  version: (key: string, version: number) => ["studio", "packs", "version", key, version] as const,
  active: () => ["studio", "packs", "active"] as const,
  activations: () => ["studio", "packs", "activations"] as const,
  diff: (key: string, from: number, to: number) => ["studio", "packs", "diff", key, from, to] as const,
  examples: () => ["studio", "packs", "examples"] as const,
  artifacts: () => ["studio", "packs", "artifacts"] as const,
};

export function usePackVersions() {
  return useQuery({
    queryKey: packKeys.list(),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/packs", { params: { query: { limit: 1000, sort: "-version" } } })),
  });
}

export function usePack(key: string, version: number) {
  return useQuery({
    queryKey: packKeys.version(key, version),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/packs/{key}/{version}", { params: { path: { key, version } } })),
    enabled: Boolean(key) && version > 0,
  });
}

/** The active pack and its ETag (null data when none is active: a 404). */
export function useActivePack() {
  return useQuery({
    queryKey: packKeys.active(),
    queryFn: async () => {
      try {
        return unwrapWithEtag(await api.GET("/api/v1/studio/packs/active"));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useActivations() {
  return useQuery({
    queryKey: packKeys.activations(),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/packs/activations", { params: { query: { limit: 50 } } })),
  });
}

export function usePackDiff(key: string, from: number | undefined, to: number) {
  return useQuery({
    queryKey: packKeys.diff(key, from ?? 0, to),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/packs/{pack_key}/diff", {
      params: { path: { pack_key: key }, query: { from: from ?? 0, to } } })),
    enabled: from !== undefined && from !== to,
  });
}

export function useExampleOrders() {
  return useQuery({
    queryKey: packKeys.examples(),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/packs/examples")),
    staleTime: Infinity,
  });
}

/** Every artifact with its versions (for the pin selects and the kind of each pinned artifact). */
export function useArtifactIndex() {
  return useQuery({
    queryKey: packKeys.artifacts(),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts", { params: { query: { limit: 1000 } } })),
  });
}

type SimulateBody = NonNullable<paths["/api/v1/studio/packs/{pack_key}/{version}/simulate"]["post"]["requestBody"]>["content"]["application/json"];

export async function simulatePack(pack: { key: string; version: number }, order: Record<string, unknown>): Promise<PackSimulation> {
  return unwrap(await api.POST("/api/v1/studio/packs/{pack_key}/{version}/simulate", {
    params: { path: { pack_key: pack.key, version: pack.version } },
    // the OpenAPI body declares only productOrderItem (a list of objects); the order is any TMF622 ProductOrder
    body: order as unknown as SimulateBody,
  }));
}

function useInvalidatePacks() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: packKeys.all });
}

/** Activate a version; `etag` is the active pack's ETag when one is active (the server answers 412 when stale). */
export function useActivate() {
  const invalidate = useInvalidatePacks();
  return useMutation({
    mutationFn: async ({ key, version, etag }: { key: string; version: number; etag: string | null }) =>
      unwrapWithEtag(await api.POST("/api/v1/studio/packs/{key}/{version}/activate", {
        params: { path: { key, version }, header: etag ? { "If-Match": etag } : {} },
      })),
    onSettled: () => void invalidate(),
  });
}

export function useRollback() {
  const invalidate = useInvalidatePacks();
  return useMutation({
    mutationFn: async (etag: string) =>
      unwrapWithEtag(await api.POST("/api/v1/studio/packs/rollback", { params: { header: { "If-Match": etag } } })),
    onSettled: () => void invalidate(),
  });
}

/** Publish a pack version with exactly these pins and bindings (refused with every problem listed). */
export function usePublishPack() {
  const invalidate = useInvalidatePacks();
  return useMutation({
    mutationFn: async (pack: { key: string; title: string; pins: Record<string, number>; bindings: Record<string, unknown> }) =>
      unwrap(await api.POST("/api/v1/studio/packs", { body: pack })),
    onSuccess: () => void invalidate(),
  });
}

/** A stale activation decision: someone activated or rolled back since the page read the active pack. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 412 || error.status === 428);
}
