// One artifact version in its kind's editor, inside the common frame: toolbar, banners, problems.
import { Suspense, useEffect, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { Loader } from "@mantine/core";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { useArtifactDraft } from "../shared/useArtifactDraft";
import { studioKeys, useKind, useLint } from "../shared/queries";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "../../shared/ui/toast";
import { POLL_EVENT } from "../../shared/stream/hub";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { usePublish } from "../shared/usePublish";
import { problemsOf, type EditorProblem } from "../shared/problems";
import { DraftToolbar } from "../shared/DraftToolbar";
import { RecoveredBanner, StaleBanner } from "../shared/StaleBanner";
import { ProblemsPanel } from "./ProblemsPanel";
import { editorFor } from "./registry";
import { pointerOfId } from "./target";

export default function EditorPage() {
  const { key = "", version = "0" } = useParams();
  const number = Number(version);
  const draft = useArtifactDraft(key, number);
  const client = useQueryClient();
  const kind = useKind(draft.server?.kind);
  const lint = useLint(key, number, Boolean(draft.server));
  const publish = usePublish(key, number);
  const [focus, setFocus] = useState<{ problem: EditorProblem } | null>(null);
  const [search] = useSearchParams();
  const target = search.get("row") ?? search.get("node");
  const loadedDocument = draft.server?.document;
  useEffect(() => {
    const pointer = target && loadedDocument ? pointerOfId(loadedDocument, target) : null;
    if (pointer) setFocus({ problem: { pointer, message: `linked: ${target}`, severity: "info", source: "lint" } });
  }, [target, loadedDocument]);
  useLiveRefresh(key ? [`artifact:${key}`] : [], [studioKeys.lint(key, number)], (event) => {
    if (!draft.dirty) void client.invalidateQueries({ queryKey: studioKeys.version(key, number) });
    else if (event.type !== POLL_EVENT) toast({ id: `changed-${key}`, color: "yellow", title: "Changed on the server",
      message: "Someone else changed this artifact. Saving will show you the difference first." });
  });
  const problems = useMemo(() => problemsOf(lint.data?.findings, draft.saveError, publish.error),
    [lint.data, draft.saveError, publish.error]);

  if (draft.loaded.error) return <ErrorNotice error={draft.loaded.error} />;
  if (!draft.server || !draft.document) return <Loader aria-label="Loading artifact" />;
  const Editor = editorFor(draft.server.kind);
  return (
    <div>
      <DraftToolbar draft={draft} publish={publish} />
      <StaleBanner draft={draft} />
      <RecoveredBanner draft={draft} />
      {draft.saveError && !draft.stale && <ErrorNotice error={draft.saveError} title="Not saved" />}
      <Suspense fallback={<Loader aria-label="Loading editor" />}>
        <Editor draft={draft} kind={kind} problems={problems} focus={focus} />
      </Suspense>
      <ProblemsPanel problems={problems} onSelect={(problem) => setFocus({ problem })} />
    </div>
  );
}
