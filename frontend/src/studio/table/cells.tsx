// The grid's cell, header and editor renderers. Each reads the range and lint marks from context, so the
// memoised columns stay the same while the selection or the problems change.
import { useContext } from "react";
import { ActionIcon, Tooltip } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import type { RenderEditCellProps } from "react-data-grid";
import { contains } from "./range";
import { HeaderContext, ProblemContext, RangeContext, problemKey, worst, type DefaultRow, type GridRow } from "./gridState";
import type { GridColumn, TableAdapter } from "./model";

export function CellView({ adapter, row, column, col }: { adapter: TableAdapter; row: GridRow; column: GridColumn; col: number }) {
  const range = useContext(RangeContext);
  const problems = useContext(ProblemContext);
  const marks = problems.get(problemKey(row.index, column.key));
  const level = worst(marks);
  const inRange = contains(range, row.index, col);
  const text = adapter.cellText(row.rule, column);
  const className = [
    "ordo-cell-text",
    inRange ? "ordo-in-range" : "",
    level ? `ordo-cell-${level}` : "",
  ].filter(Boolean).join(" ");
  return (
    <span className={className} title={marks?.map((m) => `${m.severity}: ${m.message}`).join("\n") || text}
      data-lint={level ?? undefined} data-cell={`${row.index}:${column.key}`}>
      {text}
    </span>
  );
}

export function RuleNumber({ row }: { row: GridRow }) {
  const problems = useContext(ProblemContext);
  const range = useContext(RangeContext);
  const level = worst(problems.get(problemKey(row.index, undefined)));
  const inRange = contains(range, row.index, 0);
  const id = typeof row.rule.id === "string" ? row.rule.id : "";
  return (
    <span className={[inRange ? "ordo-in-range" : "", level ? `ordo-cell-${level}` : ""].join(" ")} title={id}
      style={{ display: "block", paddingInline: 4 }}>
      {row.index + 1}
    </span>
  );
}

export function HitPolicyCorner() {
  const { hitPolicy } = useContext(HeaderContext);
  return <span title={`Hit policy: ${hitPolicy}`}>{hitPolicy ? hitPolicy[0] : "#"}</span>;
}

export function ColumnHeader({ column }: { column: GridColumn }) {
  const { editColumn, editable } = useContext(HeaderContext);
  const problems = useContext(ProblemContext);
  const level = worst(problems.get(problemKey(undefined, column.key)));
  const canEdit = column.side !== "annotation";
  return (
    <div className={`ordo-col-header ${level ? `ordo-cell-${level}` : ""}`} style={{ position: "relative" }}>
      <strong>{column.name}</strong>
      <small>{[column.label, column.type !== "any" ? column.type : "", column.allowedValues?.length ? `${column.allowedValues.length} allowed` : ""]
        .filter(Boolean).join(" · ") || "\u00a0"}</small>
      {canEdit && (
        <Tooltip label={editable ? "Edit column" : "Column details"}>
          <ActionIcon size="xs" variant="subtle" aria-label={`Edit column ${column.name}`} style={{ position: "absolute", insetInlineEnd: 0, top: 4 }}
            onClick={(event) => { event.stopPropagation(); editColumn(column.side as "input" | "output", column.index); }}>
            <IconPencil size={12} />
          </ActionIcon>
        </Tooltip>
      )}
    </div>
  );
}

/** The inline editor: the cell's text as typed (unary-test syntax); Enter / Tab / Escape are the grid's. */
export function CellInput({ adapter, column, props }: { adapter: TableAdapter; column: GridColumn; props: RenderEditCellProps<GridRow, DefaultRow> }) {
  const { row, onRowChange } = props;
  const value = row.draft ?? adapter.cellText(row.rule, column);
  return (
    <input
      className="ordo-cell-editor"
      aria-label={`${column.name}, rule ${row.index + 1}`}
      value={value}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      list={column.allowedValues?.length ? `allowed-${column.key}` : undefined}
      onChange={(event) => onRowChange({ ...row, draft: event.target.value })}
    />
  );
}
