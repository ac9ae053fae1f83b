// S9: the simulator ("why") — an order (a form from the pack's catalog, a demo example, or JSON) through a
// chosen pack version; every stage's result with links to the row or node that produced it; the projected plan.
import { useMemo, useState } from "react";
import { Button, Group, Select, Stack } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { loadVersion, studioKeys } from "../shared/queries";
import { simulatePack, useActivePack, useArtifactIndex, usePackVersions, type PackView } from "../packs/queries";
import { parsePackRef } from "../packs/pins";
import { OrderInput } from "./OrderInput";
import { SimulationResult } from "./SimulationResult";
import { parseOrder } from "./why";

export function useKindOf() {
  const index = useArtifactIndex();
  return useMemo(() => {
    const kinds = new Map((index.data ?? []).map((a) => [a.key, a.kind]));
    return (artifact: string) => kinds.get(artifact);
  }, [index.data]);
}

function useCatalogOf(pack: PackView | undefined) {
  const key = typeof pack?.bindings.catalog === "string" ? pack.bindings.catalog : "";
  const version = key ? pack?.pins[key] ?? 0 : 0;
  const loaded = useQuery({ queryKey: studioKeys.version(key, version), queryFn: () => loadVersion(key, version),
    enabled: Boolean(key && version) });
  return key && version ? (loaded.data?.data.document as { body?: unknown } | undefined)?.body : undefined;
}

export default function SimulatePage() {
  const [search, setSearch] = useSearchParams();
  const versions = usePackVersions();
  const active = useActivePack();
  const kindOf = useKindOf();
  const [text, setText] = useState("");
  const chosenRef = search.get("pack") ?? (active.data ? `${active.data.data.key}@${active.data.data.version}` : null);
  const chosen = versions.data?.find((p) => `${p.key}@${p.version}` === chosenRef);
  const catalog = useCatalogOf(chosen);
  const run = useMutation({
    mutationFn: async () => {
      const parsed = parseOrder(text);
      const ref = chosenRef ? parsePackRef(chosenRef) : null;
      if ("error" in parsed || !ref) throw new Error("error" in parsed ? parsed.error : "choose a pack");
      return simulatePack(ref, parsed.order);
    },
  });
  const parsed = text.trim() ? parseOrder(text) : null;

  return (
    <>
      <PageHeader title="Simulator" description="Run an order through a pack version (nothing is written) and see why each result came out." />
      <Stack gap="md">
        <Group align="flex-end">
          <Select label="Pack version" w={320} value={chosenRef} allowDeselect={false}
            data={(versions.data ?? []).map((p) => ({ value: `${p.key}@${p.version}`,
              label: `${p.key} v${p.version}${p.active ? " (active)" : ""}${p.title ? ` — ${p.title}` : ""}` }))}
            onChange={(value) => value && setSearch((previous) => { previous.set("pack", value); return previous; }, { replace: true })} />
        </Group>
        <OrderInput text={text} onText={setText} catalog={catalog} />
        <Group>
          <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!parsed || "error" in parsed || !chosenRef}>Simulate</Button>
        </Group>
        {run.error && <ErrorNotice error={run.error} title="Not simulated" />}
        {run.data && <SimulationResult result={run.data} kindOf={kindOf} versionOf={(artifact) => chosen?.pins[artifact]} />}
      </Stack>
    </>
  );
}
