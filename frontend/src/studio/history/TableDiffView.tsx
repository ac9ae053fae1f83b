// A decision table diff as one grid: rows by rule id, cells by column; green added, red removed, blue changed
// (the old value struck through beside the new one).
import { Group, Table, Text } from "@mantine/core";
import { shortJson, type CellState, type TableGrid } from "./historyLogic";
import { Tag } from "./Tag";
import classes from "./diff.module.css";

const ROW_LABEL: Record<string, string> = { added: "added", removed: "removed", changed: "changed", moved: "moved", same: "" };

export function TableDiffView({ grid }: { grid: TableGrid }) {
  const hasAnnotations = grid.rows.some((r) => r.annotation);
  return (
    <div className={classes.scroll}>
      <Table withTableBorder withColumnBorders striped={false} aria-label="Rule changes" className={classes.grid}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            {grid.columns.map((column, index) => (
              <Table.Th key={`${column.side}-${column.name}-${index}`} className={classes[column.state]} data-state={column.state}>
                <Text size="xs" c="dimmed">{column.side}</Text>{column.name}
              </Table.Th>
            ))}
            {hasAnnotations && <Table.Th>Annotation</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map((row) => (
            <Table.Tr key={`${row.state}-${row.id}`} data-rule={row.id} data-state={row.state} className={row.state === "added" || row.state === "removed" ? classes[row.state] : undefined}>
              <Table.Td>
                <Group gap={4} wrap="nowrap"><code>{row.id}</code>{ROW_LABEL[row.state] && <Tag size="xs" color={COLOUR[row.state]}>{ROW_LABEL[row.state]}</Tag>}</Group>
              </Table.Td>
              {row.cells.map((cell, index) => (
                <Table.Td key={index} className={classes[cell.state]} data-state={cell.state}>
                  <Cell state={cell.state} value={cell.value} old={cell.old} />
                </Table.Td>
              ))}
              {hasAnnotations && (
                <Table.Td className={row.annotation?.changed ? classes.changed : undefined}>
                  {row.annotation && <Cell state={row.annotation.changed ? "changed" : "same"} value={row.annotation.value} old={row.annotation.old} />}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

const COLOUR: Record<string, string> = { added: "green", removed: "red", changed: "blue", moved: "grape" };

function Cell({ state, value, old }: { state: CellState; value: unknown; old?: unknown }) {
  if (state === "changed" && old !== undefined) {
    return <><del className={classes.old} aria-label={`was ${shortJson(old, 60)}`}>{shortJson(old, 60)}</del> → <span>{shortJson(value, 60)}</span></>;
  }
  return <span>{shortJson(value, 60)}</span>;
}
