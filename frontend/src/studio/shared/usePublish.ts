// Publish a draft (the server validates, compiles and runs its tests; a refusal is a 422 whose pointers the
// editor marks) and open a new draft from a published version.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { toast } from "../../shared/ui/toast";
import { api } from "../../shared/api/client";
import { unwrapWithEtag } from "../../shared/api/problem";
import { studioKeys } from "./queries";

export function usePublish(key: string, version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (etag: string) =>
      unwrapWithEtag(await api.POST("/api/v1/studio/artifacts/{key}/versions/{version}/publish", {
        params: { path: { key, version }, header: { "If-Match": etag } },
      })),
    onSuccess: (published) => {
      client.setQueryData(studioKeys.version(key, version), published);
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      void client.invalidateQueries({ queryKey: studioKeys.artifact(key) });
      toast({ color: "green", title: "Published", message: `${key} version ${version} is published.` });
    },
  });
}

export type Publish = ReturnType<typeof usePublish>;

export function useNewDraft(key: string) {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => unwrapWithEtag(await api.POST("/api/v1/studio/artifacts/{key}/drafts", { params: { path: { key } } })),
    onSuccess: (draft) => {
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      void client.invalidateQueries({ queryKey: studioKeys.artifact(key) });
      navigate(editorPath(key, draft.data.version));
    },
  });
}

export function editorPath(key: string, version: number): string {
  return `/studio/artifacts/${encodeURIComponent(key)}/versions/${version}`;
}
