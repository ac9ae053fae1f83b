// W11: order capture by an agent: choose the customer party, then the shared capture screen; on success the
// new order's detail.
import { useState } from "react";
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { captureKeys, fetchParties } from "../../shared/capture/api";
import { CaptureScreen } from "../../shared/capture/CaptureScreen";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";

export default function CapturePage() {
  const navigate = useNavigate();
  const [party, setParty] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const parties = useQuery({ queryKey: captureKeys.parties(debounced), queryFn: () => fetchParties(debounced),
    placeholderData: (previous) => previous });
  const picker = (
    <Select label="Customer" placeholder="Search by name or id" searchable clearable w={360} value={party}
      onChange={setParty} searchValue={search} onSearchChange={setSearch} filter={({ options }) => options}
      nothingFoundMessage={parties.isFetching ? "Searching…" : "No customer found"}
      data={(parties.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))} />
  );
  return (
    <>
      <PageHeader title="Order capture" description="Add offerings for a customer; every problem and the price show as you go." />
      <CaptureScreen party={party} partyPicker={picker} onCaptured={(id) => navigate(paths.order(id))} />
    </>
  );
}
