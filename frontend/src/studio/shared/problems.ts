// The problems an editor marks: lint findings of the saved version, plus what a save or a publish was refused
// for (422 pointers). Each has a JSON pointer into the document, so an editor can mark the cell or node.
import { ApiError } from "../../shared/api/problem";

export interface EditorProblem {
  pointer: string;
  message: string;
  severity: "error" | "warning" | "info";
  source: "lint" | "save" | "publish";
}

export interface LintFinding {
  pointer?: string | null;
  message: string;
  severity?: string | null;
}

export function problemsOf(findings: LintFinding[] | undefined, saveError: unknown, publishError: unknown): EditorProblem[] {
  const found: EditorProblem[] = (findings ?? []).map((finding) => ({
    pointer: finding.pointer ?? "",
    message: finding.message,
    severity: finding.severity === "warning" ? "warning" : finding.severity === "info" ? "info" : "error",
    source: "lint",
  }));
  for (const [error, source] of [[saveError, "save"], [publishError, "publish"]] as const) {
    if (!(error instanceof ApiError)) continue;
    for (const [pointer, messages] of Object.entries(error.byPointer)) {
      for (const message of messages) found.push({ pointer: documentPointer(pointer), message, severity: "error", source });
    }
  }
  return found;
}

/** A request-body pointer ("/body/rules/0" or "/rules/0") as a pointer into the document. */
function documentPointer(pointer: string): string {
  return pointer;
}
