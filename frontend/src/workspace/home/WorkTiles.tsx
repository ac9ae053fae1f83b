// W1: the signed-in person's work at a glance — a count per list the role may read (from the server, which counts
// exactly what each list shows), each tile opening that list filtered. Customers get none (the portal has its own).
import { Card, Group, SimpleGrid, Skeleton, Text, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { tilesOf } from "./tiles";

export default function WorkTiles() {
  const workspace = useCan("domainOrder.read");
  const summary = useQuery({
    queryKey: ["workspace", "summary"],
    queryFn: async () => unwrap(await api.GET("/api/v1/workspace/summary")),
    enabled: workspace,
    refetchInterval: 60_000,
  });
  if (!workspace) return null;
  if (summary.error) return <ErrorNotice error={summary.error} title="Your work counts could not be loaded" />;
  if (summary.isPending) return <Skeleton h={90} mb="lg" aria-label="Loading your work counts" />;
  const tiles = tilesOf(summary.data);
  if (tiles.length === 0) return null;
  return (
    <nav aria-label="Your work">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} mb="lg">
        {tiles.map((tile) => (
          <Card key={tile.key} withBorder component={Link} to={tile.to} padding="md" data-testid={`tile-${tile.key}`}>
            <Group justify="space-between" align="baseline" wrap="nowrap">
              <Text size="sm" fw={600}>{tile.label}<VisuallyHidden>: </VisuallyHidden></Text>
              <Text size="xl" fw={700} c={tile.urgent && tile.count > 0 ? "red.8" : undefined} data-testid="tile-count">{tile.count}</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </nav>
  );
}
