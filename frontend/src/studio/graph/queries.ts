// The graph editors' reads: the newest published version of the artifact (for the changed-since-publish
// badges) and the jeopardy levels of the newest published jeopardy rules (for the plan's thresholds).
import { useQuery } from "@tanstack/react-query";
import { api } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";
import { studioKeys } from "../shared/queries";
import type { Json } from "./model";
import type { JeopardyLevel } from "./plan";

async function newestPublished(key: string): Promise<{ version: number; document: Json } | null> {
  const versions = unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions", {
    params: { path: { key }, query: { status: "published", sort: "-version", limit: 1 } },
  }));
  const newest = versions[0];
  if (!newest) return null;
  const view = unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions/{version}", {
    params: { path: { key, version: newest.version } },
  }));
  return { version: newest.version, document: view.document as Json };
}

export function usePublishedDocument(key: string) {
  return useQuery({ queryKey: [...studioKeys.artifact(key), "published"], queryFn: () => newestPublished(key), enabled: Boolean(key) });
}

export function useJeopardyLevels(enabled: boolean) {
  return useQuery({
    queryKey: [...studioKeys.all, "jeopardy-levels"],
    enabled,
    staleTime: 60_000,
    queryFn: async (): Promise<JeopardyLevel[]> => {
      const artifacts = unwrap(await api.GET("/api/v1/studio/artifacts", { params: { query: { kind: "jeopardy_rules", limit: 1 } } }));
      const first = artifacts[0];
      if (!first) return [];
      const published = await newestPublished(first.key);
      const levels = (published?.document.body as Json | undefined)?.levels;
      return Array.isArray(levels) ? (levels as JeopardyLevel[]) : [];
    },
  });
}
