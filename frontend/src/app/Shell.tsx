// The frame of every signed-in page: header with the user menu and theme switch, navigation by role, content.
import { Suspense } from "react";
import { AppShell, Avatar, Burger, Group, Loader, Menu, NavLink, ScrollArea, Text, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDevicesOff, IconLogout, IconMoon, IconSun } from "@tabler/icons-react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useMe, useSignOut } from "../shared/auth/session";
import { roleLabel } from "../shared/auth/roles";
import { navFor, type NavEntry } from "./nav";

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const { data: me } = useMe();
  const entries = navFor(me?.permissions ?? []);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text component={Link} to="/" fw={800} size="lg">Ordo</Text>
          </Group>
          <Group gap="xs">
            <ThemeSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          <NavGroups entries={entries} onNavigate={close} />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader aria-label="Loading page" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function NavGroups({ entries, onNavigate }: { entries: NavEntry[]; onNavigate: () => void }) {
  const location = useLocation();
  const areas = [...new Set(entries.map((e) => e.area))];
  const active = (to: string) => (to === "/" ? location.pathname === "/" : location.pathname === to || (to !== "/studio" && location.pathname.startsWith(`${to}/`))
    || (to === "/studio" && location.pathname.startsWith("/studio/artifacts")) || (to === "/studio" && location.pathname === "/studio"));
  return (
    <nav>
      {areas.map((area) => (
        <div key={area}>
          {area !== "Home" && <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={4} px="xs">{area}</Text>}
          {entries.filter((e) => e.area === area).map((entry) => (
            <NavLink key={entry.to} component={Link} to={entry.to} label={entry.label} leftSection={<entry.icon size={18} />}
              active={active(entry.to)} onClick={onNavigate} />
          ))}
        </div>
      ))}
    </nav>
  );
}

function ThemeSwitch() {
  const { setColorScheme } = useMantineColorScheme();
  const dark = useComputedColorScheme("light") === "dark"; // "auto" follows the system: show what is on screen
  return (
    <UnstyledButton onClick={() => setColorScheme(dark ? "light" : "dark")} aria-label={dark ? "Use the light theme" : "Use the dark theme"} p={6}>
      {dark ? <IconSun size={20} /> : <IconMoon size={20} />}
    </UnstyledButton>
  );
}

function UserMenu() {
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" title="User menu">
          <Group gap={6}>
            <Avatar size="sm" radius="xl" color="blue">{me.username.slice(0, 2).toUpperCase()}</Avatar>
            <div>
              <Text size="sm" fw={600} lh={1.1}>{me.username}</Text>
              <Text size="xs" c="dimmed" lh={1.1}>{roleLabel(me.role)}</Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{roleLabel(me.role)}{me.party ? ` · party ${me.party}` : ""}</Menu.Label>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate({}, { onSettled: () => navigate("/sign-in") })}>
          Sign out
        </Menu.Item>
        <Menu.Item leftSection={<IconDevicesOff size={16} />} title="End your sessions in every browser and device"
          onClick={() => signOut.mutate({ everywhere: true }, { onSettled: () => navigate("/sign-in") })}>
          Sign out everywhere
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
