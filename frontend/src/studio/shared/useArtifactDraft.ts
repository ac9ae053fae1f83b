// Editing one artifact version: the document with undo / redo, a dirty marker, a local copy against crashes,
// a warning before leaving, save with If-Match, and a stale save (412 / 409) kept as "theirs" for a banner
// that shows the difference — never an overwrite. Every editor of the studio works through this hook.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../shared/api/client";
import { ApiError, unwrapWithEtag } from "../../shared/api/problem";
import { useHistory } from "../../shared/draft/useHistory";
import { sameJson } from "../../shared/draft/json";
import { dropLocalCopy, readLocalCopy, writeLocalCopy, type LocalCopy } from "../../shared/draft/localCopy";
import { useLeaveGuard } from "../../shared/draft/useLeaveGuard";
import { loadVersion, studioKeys, useVersion, type ArtifactDocument, type VersionView } from "./queries";

export interface Stale {
  theirs: VersionView;
  etag: string;
}

export function useArtifactDraft(key: string, version: number) {
  const client = useQueryClient();
  const loaded = useVersion(key, version);
  const server = loaded.data?.data;
  const etag = loaded.data?.etag ?? "";
  const history = useHistory<ArtifactDocument | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const [recovered, setRecovered] = useState<LocalCopy<ArtifactDocument> | null>(null);
  const copyId = `${key}@${version}`;
  const { reset } = history;

  // A newer revision from the server replaces the document only when nothing is unsaved: unsaved work is
  // never dropped by a refetch (a save then meets the newer revision and shows the stale banner).
  const base = useRef<ArtifactDocument | null>(null);
  const latestDocument = useRef<ArtifactDocument | null>(null);
  latestDocument.current = history.value;
  useEffect(() => {
    if (!server) return;
    const unsaved = base.current !== null && latestDocument.current !== null && !sameJson(latestDocument.current, base.current);
    base.current = server.document;
    if (unsaved) return;
    reset(server.document);
    const copy = readLocalCopy<ArtifactDocument>(copyId);
    if (copy && server.status === "draft" && !sameJson(copy.document, server.document)) setRecovered(copy);
    // only when another version or revision arrives from the server
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [server?.key, server?.version, server?.revision, server?.status]);

  const document = history.value;
  const editable = server?.status === "draft";
  const dirty = Boolean(server && document && editable && !sameJson(document, server.document));

  useEffect(() => {
    if (!dirty || !server || !document) return;
    const timer = setTimeout(() => writeLocalCopy(copyId, { basedOnRevision: server.revision, savedAt: new Date().toISOString(), document }), 400);
    return () => clearTimeout(timer);
  }, [dirty, document, server, copyId]);

  useLeaveGuard(dirty);

  const save = useMutation({
    mutationFn: async ({ body, ifMatch }: { body: ArtifactDocument; ifMatch: string }) =>
      unwrapWithEtag(await api.PUT("/api/v1/studio/artifacts/{key}/versions/{version}", {
        params: { path: { key, version }, header: { "If-Match": ifMatch } },
        body: body as never,
      })),
    onSuccess: (saved) => {
      client.setQueryData(studioKeys.version(key, version), saved);
      void client.invalidateQueries({ queryKey: studioKeys.lint(key, version) });
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      dropLocalCopy(copyId);
      setStale(null);
    },
    onError: async (error) => {
      if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
        const fresh = await loadVersion(key, version).catch(() => null);
        if (fresh) setStale({ theirs: fresh.data, etag: fresh.etag });
      }
    },
  });

  const saveDraft = useCallback(() => {
    if (document) save.mutate({ body: document, ifMatch: etag });
  }, [document, etag, save]);

  /** After a stale save: keep my document and save it over theirs (the user saw the difference). */
  const keepMine = useCallback(() => {
    if (document && stale) save.mutate({ body: document, ifMatch: stale.etag });
  }, [document, stale, save]);

  /** After a stale save: drop my changes and take the version now on the server. */
  const takeTheirs = useCallback(() => {
    if (!stale) return;
    base.current = stale.theirs.document;
    latestDocument.current = stale.theirs.document;
    reset(stale.theirs.document);
    client.setQueryData(studioKeys.version(key, version), { data: stale.theirs, etag: stale.etag });
    dropLocalCopy(copyId);
    setStale(null);
  }, [stale, client, key, version, reset, copyId]);

  const restoreRecovered = useCallback(() => {
    if (recovered) history.set(recovered.document);
    setRecovered(null);
  }, [recovered, history]);

  const discardRecovered = useCallback(() => {
    dropLocalCopy(copyId);
    setRecovered(null);
  }, [copyId]);

  const discardChanges = useCallback(() => {
    if (server) {
      latestDocument.current = server.document;
      reset(server.document);
    }
    dropLocalCopy(copyId);
  }, [server, reset, copyId]);

  return useMemo(() => ({
    loaded, server, etag, document, editable, dirty, stale, recovered,
    setDocument: history.set, undo: history.undo, redo: history.redo, canUndo: history.canUndo, canRedo: history.canRedo,
    saveDraft, saving: save.isPending, saveError: save.error, keepMine, takeTheirs, restoreRecovered, discardRecovered, discardChanges,
  }), [loaded, server, etag, document, editable, dirty, stale, recovered, history, saveDraft, save.isPending, save.error,
    keepMine, takeTheirs, restoreRecovered, discardRecovered, discardChanges]);
}

export type ArtifactDraft = ReturnType<typeof useArtifactDraft>;
