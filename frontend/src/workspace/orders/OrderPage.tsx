// W3: one order — the header (state, point of no return, revision, pack version, party, dates) and its tabs;
// the actions the caller's role may take (revise, cancel, supply missing information).
import { lazy, Suspense, type ReactNode } from "react";
import { Anchor, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useLiveRefresh } from "../../shared/stream/useLiveRefresh";
import { paths } from "../../shared/url/paths";
import { OrderActions } from "./OrderActions";
import { State, Tag } from "./Badges";
import { when } from "./format";
import { orderKeys, useOrder, type OrderView } from "./queries";
import ActivityTab from "./tabs/ActivityTab";
import DomainOrdersTab from "./tabs/DomainOrdersTab";
import FalloutsTab from "./tabs/FalloutsTab";
import ItemsTab from "./tabs/ItemsTab";
import JeopardyTab from "./tabs/JeopardyTab";
import PricesTab from "./tabs/PricesTab";
import RevisionsTab from "./tabs/RevisionsTab";
import TasksTab from "./tabs/TasksTab";
import TraceTab from "./tabs/TraceTab";

const OrderTimeline = lazy(() => import("../timeline/OrderTimeline"));
const OrchestrationView = lazy(() => import("./OrchestrationView"));

export const TABS = ["items", "prices", "domain-orders", "tasks", "orchestration", "timeline", "fallouts", "jeopardy", "activity",
  "trace", "revisions"] as const;
type Tab = (typeof TABS)[number];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <div>{children}</div>
    </Stack>
  );
}

function Header({ order }: { order: OrderView }) {
  const passed = order.pointOfNoReturn.length > 0;
  return (
    <Paper withBorder p="sm" mb="md" component="section" aria-label="Order summary">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="sm">
        <Field label="State"><Group gap={4}><State state={order.state} /><Text size="xs" c="dimmed">{order.stage}</Text></Group></Field>
        <Field label="Point of no return">
          {passed ? <Tag color="orange" title={`tasks ${order.pointOfNoReturn.join(", ")}`}>passed ({order.pointOfNoReturn.join(", ")})</Tag>
            : <Text size="sm">not passed</Text>}
        </Field>
        <Field label="Revision"><Text size="sm" data-field="revision">{order.revision}</Text></Field>
        <Field label="Pack version"><Text size="sm">{order.packKey ? `${order.packKey} v${order.packVersion}` : "—"}</Text></Field>
        <Field label="Party"><Text size="sm">{order.partyId ?? "—"}</Text></Field>
        <Field label="Priority"><Text size="sm">{order.priority ?? "—"}</Text></Field>
        <Field label="Order date"><Text size="sm">{when(order.orderDate)}</Text></Field>
        <Field label="Requested completion"><Text size="sm">{when(order.requestedCompletionDate) || "—"}</Text></Field>
        <Field label="Expected completion"><Text size="sm">{when(order.expectedCompletionDate) || "—"}</Text></Field>
        <Field label="Completed"><Text size="sm">{when(order.completionDate) || "—"}</Text></Field>
        <Field label="Items"><Text size="sm">{order.itemCount}</Text></Field>
        <Field label="External id"><Text size="sm">{order.externalId ?? "—"}</Text></Field>
      </SimpleGrid>
      {order.stateReason && <Text size="sm" mt="xs">Reason: {order.stateReason}</Text>}
    </Paper>
  );
}

function TabBody({ tab, order }: { tab: Tab; order: OrderView }) {
  switch (tab) {
    case "items": return <ItemsTab orderId={order.id} />;
    case "prices": return <PricesTab pricing={order.pricing} />;
    case "domain-orders": return <DomainOrdersTab orderId={order.id} domainOrders={order.domainOrders} />;
    case "tasks": return <TasksTab tasks={order.tasks} domainOrders={order.domainOrders} />;
    case "orchestration": return <OrchestrationView order={order} />;
    case "timeline": return <OrderTimeline orderId={order.id} />;
    case "fallouts": return <FalloutsTab orderId={order.id} open={order.falloutCount} />;
    case "jeopardy": return <JeopardyTab orderId={order.id} />;
    case "activity": return <ActivityTab orderId={order.id} />;
    case "trace": return <TraceTab orderId={order.id} />;
    case "revisions": return <RevisionsTab orderId={order.id} />;
  }
}

const LABELS: Record<Tab, string> = {
  items: "Items", prices: "Prices", "domain-orders": "Domain orders", tasks: "Tasks", orchestration: "Orchestration",
  timeline: "Timeline", fallouts: "Fallouts", jeopardy: "Jeopardy", activity: "Activity and notes", trace: "Trace", revisions: "Revisions",
};

export default function OrderPage() {
  const { orderId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const requested = search.get("tab") as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : "items";
  const order = useOrder(orderId);
  useLiveRefresh([`order:${orderId}`], [orderKeys.order(orderId)]);
  if (order.error) return <ErrorNotice error={order.error} />;
  if (!order.data) return <Loader role="status" aria-label="Loading the order" />;
  const o = order.data.data;
  const label = (t: Tab) => (t === "fallouts" ? `Fallouts (${o.falloutCount})` : t === "tasks" ? `Tasks (${o.tasks.length})` : LABELS[t]);
  return (
    <>
      <PageHeader title={`Order ${o.id}`}
        description={<Anchor component={Link} to={paths.orders()} size="sm">All orders</Anchor>}
        actions={<OrderActions order={o} etag={order.data.etag} />} />
      <Header order={o} />
      <Tabs value={tab} onChange={(value) => setSearch((s) => { const n = new URLSearchParams(s); n.set("tab", value ?? "items"); return n; }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="sm">
          {TABS.map((t) => <Tabs.Tab key={t} value={t}>{label(t)}</Tabs.Tab>)}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t} value={t}>
            {t === tab && <Suspense fallback={<Loader size="sm" role="status" aria-label="Loading" />}><TabBody tab={t} order={o} /></Suspense>}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
