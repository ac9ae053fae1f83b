// Small pieces the order tabs share.
import { Code, Table } from "@mantine/core";
import type { ReactNode } from "react";

export function KeyValues({ rows, label }: { rows: Array<[string, ReactNode]>; label: string }) {
  return (
    <Table withRowBorders={false} w="auto" aria-label={label}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}><Table.Th scope="row" pr="md" fw={500}>{name}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A JSON value as compact, wrapped text. */
export function Json({ value }: { value: unknown }) {
  return <Code block style={{ whiteSpace: "pre-wrap", maxHeight: 240, overflow: "auto" }}>{JSON.stringify(value, null, 2)}</Code>;
}
