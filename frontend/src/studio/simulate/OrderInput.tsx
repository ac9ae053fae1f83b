// The order to simulate: one of the demo sample orders, pasted TMF622 JSON, or (with a catalog) a form built
// from the offering's product specification. The JSON text is the one source; the form writes it.
import { useMemo, useState } from "react";
import { Group, NumberInput, Select, SegmentedControl, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useExampleOrders } from "../packs/queries";
import { characteristicsOf, offeringsOf, orderFromForm, parseOrder, typedValue } from "./why";

export interface OrderInputProps {
  text: string;
  onText: (text: string) => void;
  /** the catalog body of the chosen pack: enables the form */
  catalog?: unknown;
}

function OrderForm({ catalog, onText }: { catalog: unknown; onText: (text: string) => void }) {
  const offerings = useMemo(() => offeringsOf(catalog), [catalog]);
  const [offeringId, setOfferingId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [quantity, setQuantity] = useState(1);
  const [postcode, setPostcode] = useState("");
  const specs = useMemo(() => (offeringId ? characteristicsOf(catalog, offeringId) : []), [catalog, offeringId]);

  const write = (next: { offeringId?: string | null; values?: Record<string, string>; quantity?: number; postcode?: string }) => {
    const chosen = offerings.find((o) => o.id === (next.offeringId !== undefined ? next.offeringId : offeringId));
    if (!chosen) return;
    const nextSpecs = next.offeringId !== undefined ? characteristicsOf(catalog, chosen.id) : specs;
    const raw = next.values ?? values;
    const characteristics = Object.fromEntries(nextSpecs.filter((s) => raw[s.name] !== undefined && raw[s.name] !== "")
      .map((s) => [s.name, typedValue(s, raw[s.name])]));
    onText(JSON.stringify(orderFromForm({ offering: chosen, action: "add", quantity: next.quantity ?? quantity,
      postcode: next.postcode ?? postcode, characteristics, customerId: "cust-0042" }), null, 2));
  };

  return (
    <Stack gap="xs" aria-label="Order form">
      <Group align="flex-end">
        <Select label="Offering" placeholder="Choose an offering" searchable w={300} value={offeringId}
          data={offerings.map((o) => ({ value: o.id, label: `${o.name} (${o.id})` }))}
          onChange={(id) => { setOfferingId(id); setValues({}); write({ offeringId: id, values: {} }); }} />
        <NumberInput label="Quantity" min={1} w={110} value={quantity}
          onChange={(q) => { const n = Number(q) || 1; setQuantity(n); write({ quantity: n }); }} />
        <TextInput label="Installation postcode" w={180} value={postcode}
          onChange={(e) => { setPostcode(e.currentTarget.value); write({ postcode: e.currentTarget.value }); }} />
      </Group>
      {specs.length > 0 && (
        <Group align="flex-end">
          {specs.map((spec) => (
            <Select key={spec.name} label={spec.name} description={spec.description} w={200} clearable
              placeholder={spec.defaultValue !== undefined ? `default ${String(spec.defaultValue)}` : "not set"}
              data={spec.values.map((v) => String(v))} value={values[spec.name] ?? null}
              onChange={(value) => { const next = { ...values, [spec.name]: value ?? "" }; setValues(next); write({ values: next }); }} />
          ))}
        </Group>
      )}
    </Stack>
  );
}

export function OrderInput({ text, onText, catalog }: OrderInputProps) {
  const examples = useExampleOrders();
  const [mode, setMode] = useState<"json" | "form">("json");
  const [example, setExample] = useState<string | null>(null);
  const parsed = text.trim() ? parseOrder(text) : null;
  const chosen = examples.data?.find((e) => e.name === example);
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Select label="Sample order" placeholder="Pick a demo example" searchable w={320} value={example}
          data={(examples.data ?? []).map((e) => e.name)}
          onChange={(name) => {
            setExample(name);
            const found = examples.data?.find((e) => e.name === name);
            if (found) onText(JSON.stringify(found.order, null, 2));
          }} />
        {catalog !== undefined && (
          <SegmentedControl value={mode} onChange={(value) => setMode(value as "json" | "form")}
            data={[{ value: "json", label: "JSON" }, { value: "form", label: "Form" }]} aria-label="Enter the order as" />
        )}
      </Group>
      {chosen?.description && <Text size="sm" c="dimmed">{chosen.description}</Text>}
      {mode === "form" && catalog !== undefined && <OrderForm catalog={catalog} onText={onText} />}
      <Textarea label="ProductOrder (TMF622 JSON)" autosize minRows={6} maxRows={18} value={text}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
        error={parsed && "error" in parsed ? parsed.error : undefined}
        onChange={(e) => onText(e.currentTarget.value)} />
    </Stack>
  );
}
