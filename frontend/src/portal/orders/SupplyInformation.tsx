// What the order waits for from the customer, and a form to supply it: each missing product characteristic gets a
// field; the server checks the values (a 422 is shown with what it names) and the order goes on.
import { useState } from "react";
import { Alert, Button, Group, List, Stack, TextInput } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { toast } from "../../shared/ui/toast";
import { useSupplyInformation, type Tracking } from "./queries";

type Missing = Tracking["missingInformation"][number];

const keyOf = (m: Missing) => `${m.itemId ?? ""}/${m.characteristic ?? m.field}`;

export function SupplyInformation({ order }: { order: Tracking }) {
  const supply = useSupplyInformation(order.id);
  const [values, setValues] = useState<Record<string, string>>({});
  const fillable = order.missingInformation.filter((m) => m.characteristic && m.itemId);
  const other = order.missingInformation.filter((m) => !(m.characteristic && m.itemId));
  const complete = fillable.length > 0 && fillable.every((m) => (values[keyOf(m)] ?? "").trim());

  const submit = () => supply.mutate(fillable.map((m) => ({ itemId: m.itemId!, characteristic: m.characteristic!, value: values[keyOf(m)].trim() })), {
    onSuccess: () => {
      toast({ color: "green", title: "Information sent", message: "Thank you: your order goes on." });
      setValues({});
    },
  });

  return (
    <Alert color="yellow" icon={<IconInfoCircle />} title="We need more information" data-testid="missing-information">
      <Stack gap="sm">
        {fillable.map((m) => (
          <TextInput key={keyOf(m)} label={`${m.description} (item ${m.itemId})`} required value={values[keyOf(m)] ?? ""}
            onChange={(event) => { const value = event.currentTarget.value; setValues((current) => ({ ...current, [keyOf(m)]: value })); }} />
        ))}
        {other.length > 0 && (
          <List size="sm">
            {other.map((m) => <List.Item key={keyOf(m)}>{m.description}{m.itemId ? ` (item ${m.itemId})` : ""}: raise an issue to tell us</List.Item>)}
          </List>
        )}
        {supply.error && <ErrorNotice error={supply.error} title="The information was not taken" />}
        {fillable.length > 0 && (
          <Group justify="flex-end">
            <Button onClick={submit} loading={supply.isPending} disabled={!complete}>Send the information</Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
