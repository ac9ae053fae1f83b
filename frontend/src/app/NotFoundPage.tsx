import { Button, Stack, Text, Title } from "@mantine/core";
import { Link, isRouteErrorResponse, useRouteError } from "react-router";
import { ErrorNotice } from "../shared/ui/ErrorNotice";

export default function NotFoundPage() {
  return (
    <Stack p="md" maw={600}>
      <Title order={1} size="h2">Page not found</Title>
      <Text>There is no page at this address. It may have moved, or the link is wrong.</Text>
      <Button component={Link} to="/" variant="light" w="fit-content">Go home</Button>
    </Stack>
  );
}

/** Shown when a page fails to load or render (a chunk missing after a deploy, a bug): never a blank page. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Stack p="md" maw={720}>
      <ErrorNotice error={error} title="This page failed" />
      <Button onClick={() => window.location.reload()} variant="light" w="fit-content">Reload</Button>
    </Stack>
  );
}
