// P4: the customer's products: state, offering, characteristics, contract end and monthly price; each can be
// modified, suspended, resumed or disconnected after seeing the server's preview of the change.
import { useState } from "react";
import { Button, Group, Select, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { captureKeys, fetchProducts, type Product } from "../../shared/capture/api";
import { money } from "../../shared/capture/draft";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { useListParams } from "../../shared/url/useListParams";
import { ChangeDialog, type ChangeAction } from "./ChangeDialog";

const STATES = ["active", "suspended", "pendingActive", "pendingTerminate", "terminated"];
const ACTIONS: { action: ChangeAction; label: string }[] = [
  { action: "modify", label: "Modify" }, { action: "suspend", label: "Suspend" },
  { action: "resume", label: "Resume" }, { action: "disconnect", label: "Disconnect" },
];

function characteristics(product: Product): string {
  return Object.entries(product.characteristics).map(([name, value]) => `${name}: ${String(value)}`).join(", ");
}

export default function ProductsPage() {
  const { params, update } = useListParams(50);
  const status = params.filters.status ?? null;
  const query = { status: status ?? undefined, offset: (params.page - 1) * params.pageSize, limit: params.pageSize };
  const listed = useQuery({ queryKey: captureKeys.products(query), queryFn: () => fetchProducts(query) });
  const client = useQueryClient();
  const [changing, setChanging] = useState<{ product: Product; action: ChangeAction } | null>(null);

  const columns: Column<Product>[] = [
    { key: "name", header: "Product", width: "minmax(160px, 1fr)", render: (p) => <Text size="sm" fw={600}>{p.name}</Text> },
    { key: "status", header: "State", width: "130px", render: (p) => <StateBadge state={p.status} variant="dot" /> },
    { key: "characteristics", header: "Configuration", width: "minmax(180px, 2fr)",
      render: (p) => <Text size="sm" lineClamp={1} title={characteristics(p)}>{characteristics(p)}</Text> },
    { key: "contract", header: "Contract end", width: "130px",
      render: (p) => <Text size="sm">{p.contract ? p.contract.endDate.slice(0, 10) : "—"}</Text> },
    { key: "price", header: "Monthly", width: "120px", render: (p) => <Text size="sm">{money(p.monthlyPrice, p.currency)}</Text> },
    { key: "actions", header: "Change", width: "minmax(330px, 2fr)", render: (p) => (
      <Group gap={4} wrap="nowrap">
        {ACTIONS.map(({ action, label }) => (
          <Button key={action} size="compact-xs" variant="light" color={action === "disconnect" ? "red" : undefined}
            aria-label={`${label} ${p.name} (${p.id})`} onClick={() => setChanging({ product: p, action })}>{label}</Button>
        ))}
      </Group>
    ) },
  ];

  return (
    <>
      <PageHeader title="My products" description="Your products and contracts. Every change shows its price before you confirm." />
      <Group mb="sm">
        <Select label="State" placeholder="All states" clearable w={220} value={status}
          data={STATES.map((s) => ({ value: s, label: s.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() }))}
          onChange={(value) => update({ filters: { status: value }, page: 1 })} />
      </Group>
      {listed.error && <ErrorNotice error={listed.error} />}
      <DataList label="My products" columns={columns} rows={listed.data?.rows ?? []} rowKey={(p) => p.id}
        total={listed.data?.total ?? 0} page={params.page} pageSize={params.pageSize}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize, page: 1 })}
        loading={listed.isLoading} empty="You have no products yet." rowHeight={44} />
      {changing && <ChangeDialog product={changing.product} action={changing.action} onClose={() => { setChanging(null); void client.invalidateQueries({ queryKey: ["capture", "products"] }); }} />}
    </>
  );
}
