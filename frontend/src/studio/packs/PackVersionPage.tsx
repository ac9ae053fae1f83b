// S8: one pack version — its pins by stage with lint, review of changes against the active pack, simulation of
// a sample order through the active pack and this one side by side, activate, and compose a new version from it.
import { Badge, Button, Group, Loader, Stack, Tabs, Text } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useKindOf } from "../simulate/SimulatePage";
import { ActivateButton, RollbackButton } from "./ActivationControls";
import { PackDiffPanel } from "./PackDiffPanel";
import { composerPath } from "./paths";
import { PinsTable } from "./PinsTable";
import { useActivations, useActivePack, useArtifactIndex, usePack } from "./queries";
import { SideBySide } from "./SideBySide";

const TABS = ["pins", "review", "simulate"] as const;

export default function PackVersionPage() {
  const { key = "", version = "0" } = useParams();
  const number = Number(version);
  const pack = usePack(key, number);
  const active = useActivePack();
  const artifacts = useArtifactIndex();
  const activations = useActivations();
  const kindOf = useKindOf();
  const canCompose = useCan("studio.publish");
  const canSimulate = useCan("studio.simulate");
  const [search, setSearch] = useSearchParams();
  const tab = TABS.find((t) => t === search.get("tab")) ?? "pins";

  if (pack.error) return <ErrorNotice error={pack.error} />;
  if (!pack.data) return <Loader aria-label="Loading the pack" />;
  const data = pack.data;
  const activePack = active.data?.data;
  const isActive = activePack?.key === data.key && activePack.version === data.version;

  return (
    <>
      <PageHeader
        title={<Group gap="xs">{data.key} v{data.version}{isActive && <Badge color="teal.9">active</Badge>}</Group>}
        description={`${data.title ?? ""} — published by ${data.createdBy ?? "unknown"} on ${new Date(data.createdAt).toLocaleString()}`}
        actions={canCompose && <Button component={Link} to={composerPath(data.key, data.version)} variant="light">New version from this</Button>} />
      <Stack gap="xs" mb="md">
        <Group gap="sm" wrap="wrap">
          <Text size="sm">Active now: <b data-testid="active-now">{activePack ? `${activePack.key} v${activePack.version}` : "none"}</b></Text>
          <ActivateButton packKey={data.key} version={data.version} />
          {isActive && <RollbackButton />}
          {(() => {
            const current = activations.data?.find((a) => a.current);
            return current && <Text size="sm" c="dimmed">activated by {current.actor ?? "unknown"} on {new Date(current.activatedAt).toLocaleString()}</Text>;
          })()}
        </Group>
      </Stack>
      <Tabs value={tab} onChange={(value) => setSearch((previous) => { previous.set("tab", value ?? "pins"); return previous; }, { replace: true })}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="pins">Pins ({Object.keys(data.pins).length})</Tabs.Tab>
          <Tabs.Tab value="review">Review changes</Tabs.Tab>
          {canSimulate && <Tabs.Tab value="simulate">Simulate old vs new</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="pins">
          {artifacts.error && <ErrorNotice error={artifacts.error} />}
          <PinsTable pins={data.pins} bindings={data.bindings} artifacts={artifacts.data} base={isActive ? undefined : activePack?.pins} />
        </Tabs.Panel>
        <Tabs.Panel value="review">
          {tab === "review" && <PackDiffPanel packKey={data.key} from={activePack?.key === data.key ? activePack.version : undefined} to={data.version} />}
        </Tabs.Panel>
        {canSimulate && (
          <Tabs.Panel value="simulate">
            {tab === "simulate" && <SideBySide before={isActive ? undefined : activePack} after={data} kindOf={kindOf} />}
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
