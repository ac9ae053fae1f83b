// The catalog's writes: create an artifact, duplicate one, discard a draft (each through the generated client).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { notifications } from "@mantine/notifications";
import { api } from "../../shared/api/client";
import { unwrap, unwrapWithEtag } from "../../shared/api/problem";
import { loadVersion, studioKeys } from "../shared/queries";
import { editorPath } from "../shared/usePublish";

/** True when an artifact with this key exists (POST /artifacts with a known key would add a version to it).
 *  Asked through the list's `q` filter, which answers 200 either way (a 404 would be a console error). */
export async function keyTaken(key: string): Promise<boolean> {
  const found = unwrap(await api.GET("/api/v1/studio/artifacts", { params: { query: { q: key, limit: 1000 } } }));
  return found.some((artifact) => artifact.key === key);
}

/** POST a new artifact's first draft (built by `build`, which may read a version) and open it in the editor. */
export function useCreateArtifact() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (build: () => Promise<Record<string, unknown>>) => {
      const document = await build();
      const key = String(document.key);
      if (await keyTaken(key)) throw new Error(`An artifact with key ${key} exists already: choose another key.`);
      return unwrapWithEtag(await api.POST("/api/v1/studio/artifacts", { body: document as never }));
    },
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      notifications.show({ color: "green", title: "Created", message: `${created.data.key} version ${created.data.version} is a draft.` });
      navigate(editorPath(created.data.key, created.data.version));
    },
  });
}

/** Discard a draft: read its current ETag, then DELETE with If-Match (a save meanwhile answers 412). */
export function useDiscardDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, version }: { key: string; version: number }) => {
      const { etag } = await loadVersion(key, version);
      const answer = await api.DELETE("/api/v1/studio/artifacts/{key}/versions/{version}", {
        params: { path: { key, version } }, headers: { "If-Match": etag },
      });
      unwrap(answer);
      return { key, version };
    },
    onSuccess: ({ key, version }) => {
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      client.removeQueries({ queryKey: studioKeys.version(key, version) });
      void client.invalidateQueries({ queryKey: studioKeys.artifact(key) });
      notifications.show({ color: "gray", title: "Draft discarded", message: `${key} version ${version} is gone.` });
    },
  });
}
