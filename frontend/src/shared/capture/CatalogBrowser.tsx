// The catalog: sellable offerings (searchable, paged by the server) with their list prices; "Add" puts one in
// the draft.
import { useState } from "react";
import { Button, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { DataList, type Column } from "../ui/DataList";
import { ErrorNotice } from "../ui/ErrorNotice";
import { captureKeys, fetchOfferings, type OfferingSummary } from "./api";
import { money } from "./draft";

function prices(offering: OfferingSummary): string {
  return offering.prices.filter((p) => !p.conditional || p.priceType !== "oneTime").slice(0, 2)
    .map((p) => `${money(p.amount, p.currency)}${p.priceType === "recurring" ? `/${p.period ?? "period"}` : p.priceType === "usage" ? `/${p.unit ?? "unit"}` : " once"}`)
    .join(", ") || "—";
}

export function CatalogBrowser({ onAdd, adding }: { onAdd: (offering: OfferingSummary) => void; adding?: string | null }) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(25);
  const listed = useQuery({ queryKey: captureKeys.offerings(debounced, page, size),
    queryFn: () => fetchOfferings(debounced, page, size) });

  const columns: Column<OfferingSummary>[] = [
    { key: "name", header: "Offering", width: "minmax(180px, 2fr)", render: (o) => (
      <Text size="sm" fw={600} lineClamp={1} title={o.description ?? undefined}>{o.name}</Text>
    ) },
    { key: "price", header: "List price", render: (o) => <Text size="sm" lineClamp={1}>{prices(o)}</Text>, width: "minmax(150px, 1fr)" },
    { key: "add", header: "Add", width: "90px", render: (o) => (
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} loading={adding === o.id}
        aria-label={`Add ${o.name}`} onClick={(event) => { event.stopPropagation(); onAdd(o); }}>Add</Button>
    ) },
  ];

  return (
    <Stack gap="xs">
      <TextInput label="Search the catalog" placeholder="fibre, voice, business…" leftSection={<IconSearch size={16} />}
        value={search} onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} />
      {listed.error && <ErrorNotice error={listed.error} />}
      <DataList label="Catalog offerings" columns={columns} rows={listed.data?.rows ?? []} rowKey={(o) => o.id}
        total={listed.data?.total ?? 0} page={page} pageSize={size} onPage={setPage}
        onPageSize={(next) => { setSize(next); setPage(1); }} height={320} loading={listed.isLoading}
        empty="No sellable offering matches." />
    </Stack>
  );
}
