// W5 as a full page: the order's timeline with a link back to the order.
import { Anchor } from "@mantine/core";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import OrderTimeline from "../timeline/OrderTimeline";

export default function OrderTimelinePage() {
  const { orderId = "" } = useParams();
  return (
    <>
      <PageHeader title="Order timeline" description={<>Order <Anchor component={Link} underline="always" to={paths.order(orderId)}>{orderId}</Anchor>: planned and actual work, dependencies and the critical path.</>} />
      <OrderTimeline orderId={orderId} />
    </>
  );
}
