import type { ArtifactDraft } from "../shared/useArtifactDraft";
import type { EditorProblem } from "../shared/problems";
import type { KindView } from "../shared/queries";

/** What every kind's editor gets: the draft (document, setDocument, undo…), its kind and the problems to mark. */
export interface EditorProps {
  draft: ArtifactDraft;
  kind: KindView | undefined;
  problems: EditorProblem[];
  /** The problem last chosen in the problems list (a new object each time): the editor shows where it points. */
  focus?: { problem: EditorProblem } | null;
}
