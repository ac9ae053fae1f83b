// S8: rule packs — the active pack (who activated it when, roll back), every pack version, the activation history.
import { Anchor, Badge, Card, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { RollbackButton } from "./ActivationControls";
import { packPath } from "./paths";
import { useActivations, useActivePack, usePackVersions } from "./queries";

function when(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleString() : "";
}

export default function PacksPage() {
  const versions = usePackVersions();
  const active = useActivePack();
  const activations = useActivations();
  const current = activations.data?.find((a) => a.current);

  return (
    <>
      <PageHeader title="Rule packs" description="Pack versions pin published artifact versions; the active one runs new orders." />
      <Card withBorder mb="md" aria-label="Active pack">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">Active pack</Text>
            {active.isPending ? <Loader size="sm" /> : active.data ? (
              <>
                <Title order={2} size="h3" data-testid="active-pack">
                  <Anchor component={Link} to={packPath(active.data.data.key, active.data.data.version)}>
                    {active.data.data.key} v{active.data.data.version}
                  </Anchor>
                </Title>
                <Text size="sm">{active.data.data.title}</Text>
                {current && <Text size="sm" c="dimmed">activated by {current.actor ?? "unknown"} on {when(current.activatedAt)}</Text>}
              </>
            ) : <Text>No pack is active.</Text>}
          </Stack>
          <Stack gap="xs" align="flex-end" maw={420}><RollbackButton /></Stack>
        </Group>
      </Card>
      {active.error && <ErrorNotice error={active.error} />}

      <Title order={2} size="h4" mb="xs">Versions</Title>
      {versions.error && <ErrorNotice error={versions.error} />}
      <Table striped highlightOnHover mb="lg" aria-label="Pack versions">
        <Table.Thead>
          <Table.Tr><Table.Th>Pack</Table.Th><Table.Th>Title</Table.Th><Table.Th>State</Table.Th><Table.Th>Pins</Table.Th>
            <Table.Th>Published by</Table.Th><Table.Th>Published</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(versions.data ?? []).map((pack) => (
            <Table.Tr key={`${pack.key}@${pack.version}`}>
              <Table.Td><Anchor component={Link} to={packPath(pack.key, pack.version)}>{pack.key} v{pack.version}</Anchor></Table.Td>
              <Table.Td>{pack.title}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="light">{pack.status}</Badge>
                  {pack.active && <Badge color="teal.9">active</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>{Object.keys(pack.pins).length}</Table.Td>
              <Table.Td>{pack.createdBy}</Table.Td>
              <Table.Td>{when(pack.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={2} size="h4" mb="xs">Activation history</Title>
      {activations.error && <ErrorNotice error={activations.error} />}
      <Table aria-label="Activation history">
        <Table.Thead><Table.Tr><Table.Th>Pack</Table.Th><Table.Th>By</Table.Th><Table.Th>When</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(activations.data ?? []).map((a, index) => (
            <Table.Tr key={`${a.pack}-${a.activatedAt}-${index}`}>
              <Table.Td><Anchor component={Link} to={packPath(a.key, a.version)}>{a.key} v{a.version}</Anchor></Table.Td>
              <Table.Td>{a.actor}</Table.Td>
              <Table.Td>{when(a.activatedAt)}</Table.Td>
              <Table.Td>{a.current && <Badge color="teal.9">current</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
