import { Alert, Button, Stack, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { Link } from "react-router";
import type { Me } from "../auth/session";
import { roleLabel } from "../auth/roles";

/** A route the role may not use: says which permission it needs and who the user is, never a blank page. */
export function Forbidden({ me, permission }: { me: Me; permission: string }) {
  return (
    <Stack maw={640} p="md">
      <Alert color="orange" icon={<IconLock />} title="You may not open this page" role="alert">
        <Text>
          You are signed in as <b>{me.username}</b> ({roleLabel(me.role)}). This page needs the permission{" "}
          <code>{permission}</code>, which your role does not hold. Ask a process admin if you need it.
        </Text>
      </Alert>
      <Button component={Link} to="/" variant="light" w="fit-content">Go to your home page</Button>
    </Stack>
  );
}
