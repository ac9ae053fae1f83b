// The studio's reads and writes of artifacts, packs and kinds through the generated client.
import { useQuery } from "@tanstack/react-query";
import { api, type Schemas } from "../../shared/api/client";
import { unwrap, unwrapWithEtag } from "../../shared/api/problem";

export type VersionView = Schemas["VersionView"];
export type ArtifactDocument = VersionView["document"];
export type KindView = Schemas["KindView"];

export const studioKeys = {
  all: ["studio"] as const,
  artifacts: () => ["studio", "artifacts"] as const,
  artifact: (key: string) => ["studio", "artifact", key] as const,
  version: (key: string, version: number) => ["studio", "artifact", key, "version", version] as const,
  lint: (key: string, version: number) => ["studio", "artifact", key, "lint", version] as const,
  kinds: () => ["studio", "kinds"] as const,
  packs: () => ["studio", "packs"] as const,
};

export async function loadVersion(key: string, version: number) {
  return unwrapWithEtag(await api.GET("/api/v1/studio/artifacts/{key}/versions/{version}", { params: { path: { key, version } } }));
}

export function useVersion(key: string, version: number) {
  return useQuery({ queryKey: studioKeys.version(key, version), queryFn: () => loadVersion(key, version) });
}

export function useKinds() {
  return useQuery({
    queryKey: studioKeys.kinds(),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/kinds")),
    staleTime: Infinity,
  });
}

export function useKind(name: string | undefined): KindView | undefined {
  const { data } = useKinds();
  return data?.kinds.find((kind) => kind.name === name);
}

export function useLint(key: string, version: number, enabled = true) {
  return useQuery({
    queryKey: studioKeys.lint(key, version),
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions/{version}/lint", { params: { path: { key, version } } })),
    enabled,
  });
}
