import { useMemo } from "react";
import { Alert, Button, Group, Text } from "@mantine/core";
import { IconGitMerge } from "@tabler/icons-react";
import { create } from "jsondiffpatch";
import * as htmlFormatter from "jsondiffpatch/formatters/html";
import "jsondiffpatch/formatters/styles/html.css";
import classes from "./StaleBanner.module.css";
import type { ArtifactDraft } from "./useArtifactDraft";

const differ = create({
  objectHash: (item: object, index?: number) => {
    const entry = item as Record<string, unknown>;
    return String(entry.id ?? entry.key ?? entry.name ?? `#${index}`);
  },
});

/** A save that met a newer version on the server: what differs between theirs and mine, and a choice. */
export function StaleBanner({ draft }: { draft: ArtifactDraft }) {
  const stale = draft.stale;
  const html = useMemo(() => {
    if (!stale || !draft.document) return "";
    const delta = differ.diff(stale.theirs.document, draft.document);
    return delta ? htmlFormatter.format(delta, stale.theirs.document) ?? "" : "";
  }, [stale, draft.document]);
  if (!stale) return null;
  return (
    <Alert color="yellow" icon={<IconGitMerge />} title="Someone saved this draft while you were editing" role="status" mb="sm" data-testid="stale-banner">
      <Text size="sm">
        Your save was not applied: the server has revision {stale.theirs.revision}
        {stale.theirs.createdBy ? ` (created by ${stale.theirs.createdBy})` : ""}. Below, what your copy changes against theirs
        (green is yours, red is theirs). Nothing is overwritten until you choose.
      </Text>
      <div className={classes.diff} tabIndex={0} role="region" aria-label="Differences between theirs and mine">
        {html ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <Text size="sm">No difference in content.</Text>}
      </div>
      <Group gap="xs">
        <Button size="xs" onClick={draft.keepMine} loading={draft.saving}>Save mine over theirs</Button>
        <Button size="xs" variant="default" onClick={draft.takeTheirs}>Discard mine, take theirs</Button>
      </Group>
    </Alert>
  );
}

/** Unsaved work found in this browser from an earlier visit (a crash or a closed tab). */
export function RecoveredBanner({ draft }: { draft: ArtifactDraft }) {
  const copy = draft.recovered;
  if (!copy) return null;
  return (
    <Alert color="blue" title="Unsaved changes found" mb="sm" role="status" data-testid="recovered-banner">
      <Text size="sm">
        This browser kept changes to this draft from {new Date(copy.savedAt).toLocaleString()} that were never saved
        (they were made on revision {copy.basedOnRevision}).
      </Text>
      <Group gap="xs" mt="xs">
        <Button size="xs" onClick={draft.restoreRecovered}>Restore them</Button>
        <Button size="xs" variant="default" onClick={draft.discardRecovered}>Discard them</Button>
      </Group>
    </Alert>
  );
}
