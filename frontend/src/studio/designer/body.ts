// The document's body as the designer's editors read and change it: every change is one draft.setDocument (undo step).
import { useCallback } from "react";
import type { ArtifactDraft } from "../shared/useArtifactDraft";
import type { EditorProblem } from "../shared/problems";

export function useBody<T>(draft: ArtifactDraft): [T, (change: (body: T) => T) => void] {
  const body = ((draft.document as Record<string, unknown> | null)?.body ?? {}) as T;
  const { setDocument } = draft;
  const change = useCallback((fn: (body: T) => T) => {
    setDocument((current) => {
      const document = (current ?? {}) as Record<string, unknown>;
      return { ...document, body: fn(document.body as T) } as typeof current;
    });
  }, [setDocument]);
  return [body, change];
}

/** Problems whose pointer is at or below `prefix`, re-rooted as an rjsf error schema. */
export function errorsUnder(problems: EditorProblem[], prefix: string): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  let any = false;
  for (const problem of problems) {
    if (problem.pointer !== prefix && !problem.pointer.startsWith(`${prefix}/`)) continue;
    any = true;
    const parts = problem.pointer.slice(prefix.length).split("/").filter(Boolean).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node = root;
    for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(problem.message);
  }
  return any ? root : undefined;
}

export function countUnder(problems: EditorProblem[], prefix: string): number {
  return problems.filter((p) => p.pointer === prefix || p.pointer.startsWith(`${prefix}/`)).length;
}
