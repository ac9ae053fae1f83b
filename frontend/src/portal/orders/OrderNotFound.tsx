// An order this customer may not see, or that does not exist: the server answers 404 for both, and so does this
// page: nothing of the order (not even whether it exists) is shown.
import { Button, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { paths } from "../../shared/url/paths";

export function OrderNotFound() {
  return (
    <Stack maw={640} data-testid="order-not-found">
      <Title order={1} size="h2">Order not found</Title>
      <Text>We could not find this order in your account. Check the link, or open the order from your list of orders.</Text>
      <Button component={Link} to={paths.portalOrders()} variant="light" w="fit-content">Go to my orders</Button>
    </Stack>
  );
}
