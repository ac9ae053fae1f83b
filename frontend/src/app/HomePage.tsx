import { Card, SimpleGrid, Text, ThemeIcon, Group } from "@mantine/core";
import { Link } from "react-router";
import { useMe } from "../shared/auth/session";
import { roleLabel } from "../shared/auth/roles";
import { PageHeader } from "../shared/ui/PageHeader";
import WorkTiles from "../workspace/home/WorkTiles";
import { navFor } from "./nav";

/** What the signed-in role can do, as tiles into each area it may use. */
export default function HomePage() {
  const { data: me } = useMe();
  if (!me) return null;
  const entries = navFor(me.permissions).filter((entry) => entry.to !== "/");
  return (
    <>
      <PageHeader title={`Welcome, ${me.username}`} description={`Signed in as ${roleLabel(me.role)}.`} />
      <WorkTiles />
      {entries.length === 0 ? (
        <Text>Your role has no screens in this version of Ordo yet; its work is available through the API.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {entries.map((entry) => (
            <Card key={entry.to} withBorder component={Link} to={entry.to} padding="lg">
              <Group gap="sm" mb="xs">
                <ThemeIcon variant="light"><entry.icon size={18} /></ThemeIcon>
                <Text fw={700}>{entry.label}</Text>
              </Group>
              <Text size="sm" c="dimmed">{entry.description}</Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
