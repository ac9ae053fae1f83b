// The grid's columns from the table's column specs: the rule number (frozen), then the input band ("When"),
// the output band ("Then") and the annotations, as column groups. Built only when the columns change.
import type { ColumnOrColumnGroup, RenderEditCellProps } from "react-data-grid";
import { CellInput, CellView, ColumnHeader, HitPolicyCorner, RuleNumber } from "./cells";
import type { DefaultRow, GridRow } from "./gridState";
import type { GridColumn, TableAdapter } from "./model";

export const NUMBER_KEY = "#";

export type { DefaultRow };

export function buildColumns(adapter: TableAdapter, specs: GridColumn[], editable: boolean): ColumnOrColumnGroup<GridRow, DefaultRow>[] {
  const data = specs.map((column, col) => ({
    key: column.key,
    name: column.name,
    width: column.side === "annotation" ? 220 : adapter.kind === "pricing_matrix" ? 150 : 160,
    minWidth: 60,
    resizable: true,
    frozen: column.side === "input" && col === 0 ? true : undefined,
    editable,
    cellClass: column.side === "output" && column.index === 0 ? "ordo-first-output" : undefined,
    headerCellClass: `ordo-band-${column.side}${column.side === "output" && column.index === 0 ? " ordo-first-output" : ""}`,
    renderHeaderCell: () => <ColumnHeader column={column} />,
    renderCell: ({ row }: { row: GridRow }) => <CellView adapter={adapter} row={row} column={column} col={col} />,
    renderEditCell: (props: RenderEditCellProps<GridRow, DefaultRow>) => <CellInput adapter={adapter} column={column} props={props} />,
    renderSummaryCell: ({ row }: { row: DefaultRow }) => <span className="ordo-cell-text">{row.defaults[column.key] ?? ""}</span>,
    editorOptions: { closeOnExternalRowChange: false },
  }));
  const number: ColumnOrColumnGroup<GridRow, DefaultRow> = {
    key: NUMBER_KEY,
    name: "#",
    width: 52,
    frozen: true,
    resizable: false,
    cellClass: "ordo-rule-number",
    renderHeaderCell: () => <HitPolicyCorner />,
    renderCell: ({ row }) => <RuleNumber row={row} />,
    renderSummaryCell: () => <span title="Used when no rule matches">default</span>,
  };
  const inputs = data.filter((_, i) => specs[i].side === "input");
  const outputs = data.filter((_, i) => specs[i].side === "output");
  const notes = data.filter((_, i) => specs[i].side === "annotation");
  const matrix = adapter.kind === "pricing_matrix";
  const groups: ColumnOrColumnGroup<GridRow, DefaultRow>[] = [number];
  if (inputs.length) groups.push({ name: matrix ? "Dimensions" : "When (inputs)", headerCellClass: "ordo-band-input", children: inputs });
  groups.push({ name: matrix ? "Price" : "Then (outputs)", headerCellClass: "ordo-band-output", children: outputs });
  if (notes.length) groups.push({ name: "Annotations", headerCellClass: "ordo-band-annotation", children: notes });
  return groups;
}
