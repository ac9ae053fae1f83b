// S8 composer: start from a pack version, change pins (each to one of the artifact's published versions), add
// or remove pins, see what changes against the base, publish the new pack version (the server validates it
// as a whole and lists every problem), then review / simulate / activate it on its page.
import { useEffect, useMemo, useState } from "react";
import { Alert, Badge, Button, Group, Loader, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { bindingsWithout, pinChanges, pinnableVersions, type Pins } from "./pins";
import { packPath } from "./paths";
import { PinsTable } from "./PinsTable";
import { useArtifactIndex, usePack, usePublishPack } from "./queries";

export default function ComposerPage() {
  const { key = "" } = useParams();
  const [search] = useSearchParams();
  const from = Number(search.get("from") ?? "0");
  const base = usePack(key, from);
  const artifacts = useArtifactIndex();
  const publish = usePublishPack();
  const navigate = useNavigate();
  const [pins, setPins] = useState<Pins | null>(null);
  const [title, setTitle] = useState("");
  const [adding, setAdding] = useState<string | null>(null);

  useEffect(() => {
    if (base.data && pins === null) {
      setPins({ ...base.data.pins });
      setTitle(base.data.title ?? key);
    }
  }, [base.data, pins, key]);

  const changes = useMemo(() => (base.data && pins ? pinChanges(base.data.pins, pins) : null), [base.data, pins]);
  const addable = (artifacts.data ?? []).filter((a) => pins && !(a.key in pins) && pinnableVersions(a.versions).length > 0);

  if (base.error) return <ErrorNotice error={base.error} />;
  if (!base.data || !pins || !changes) return <Loader aria-label="Loading the base pack" />;
  const bindings = bindingsWithout(base.data.bindings, Object.keys(changes.removed));

  const submit = () => publish.mutate({ key, title: title.trim() || key, pins, bindings }, {
    onSuccess: (created) => {
      notifications.show({ color: "green", title: "Pack version published", message: `${created.key} v${created.version}` });
      navigate(packPath(created.key, created.version, "review"));
    },
  });

  return (
    <>
      <PageHeader title={`New version of ${key}`} description={`Starting from v${from}. Only published artifact versions can be pinned.`} />
      <Stack gap="md">
        <TextInput label="Title" w={480} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <PinsTable pins={pins} bindings={base.data.bindings} artifacts={artifacts.data} base={base.data.pins}
          onChange={(artifact, version) => setPins({ ...pins, [artifact]: version })}
          onRemove={(artifact) => { const next = { ...pins }; delete next[artifact]; setPins(next); }} />
        <Group align="flex-end">
          <Select label="Add a pin" placeholder="Artifact" searchable w={320} value={adding}
            data={addable.map((a) => ({ value: a.key, label: `${a.key} (${a.kind})` }))} onChange={setAdding} />
          <Button variant="light" disabled={!adding} onClick={() => {
            const artifact = artifacts.data?.find((a) => a.key === adding);
            const newest = artifact ? pinnableVersions(artifact.versions)[0] : undefined;
            if (adding && newest) setPins({ ...pins, [adding]: newest });
            setAdding(null);
          }}>Add</Button>
        </Group>
        <Stack gap={4} aria-label="Changes against the base">
          <Title order={2} size="h4">Changes against v{from}</Title>
          {changes.empty ? <Text c="dimmed">No changes yet: pick another version of a pin, add or remove one.</Text> : (
            <>
              {changes.changed.map((c) => <Text key={c.key} size="sm"><Badge color="blue.9" mr={6}>re-pinned</Badge><code>{c.key}</code> v{c.from} → v{c.to}</Text>)}
              {Object.entries(changes.added).map(([k, v]) => <Text key={k} size="sm"><Badge color="teal.9" mr={6}>added</Badge><code>{k}</code> v{v}</Text>)}
              {Object.entries(changes.removed).map(([k, v]) => <Text key={k} size="sm"><Badge color="red.9" mr={6}>removed</Badge><code>{k}</code> v{v} (and the bindings naming it)</Text>)}
            </>
          )}
        </Stack>
        {publish.error && <ErrorNotice error={publish.error} title="Not published" />}
        {!changes.empty && <Alert color="blue">Publishing creates a new pack version; it runs orders only once activated.</Alert>}
        <Group>
          <Button onClick={submit} loading={publish.isPending} disabled={changes.empty}>Publish pack version</Button>
          <Button variant="subtle" onClick={() => navigate(packPath(key, from))}>Cancel</Button>
        </Group>
      </Stack>
    </>
  );
}
