// S2: the dedicated editor of decision tables and pricing matrices (registered for both kinds): hit policy,
// the grid with its bands and default row, the typed editor of the selected cell, row and column actions,
// DMN / XLSX / CSV export and import, and the S2a test panel docked beside the grid.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ActionIcon, Button, FileButton, Group, Menu, Select, Stack, Switch, TagsInput, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { editorPath } from "./newTable";
import {
  IconArrowDown, IconArrowUp, IconColumnInsertRight, IconCopy, IconDownload, IconFlask, IconRowInsertBottom, IconRowInsertTop, IconTrash, IconUpload,
} from "@tabler/icons-react";
import type { EditorProps } from "../editor/types";
import { studioKeys } from "../shared/queries";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { CellBar } from "./CellBar";
import { ColumnDialog } from "./ColumnDialog";
import { addColumn, columnSpec, removeColumn, updateColumn, type ColumnSpec } from "./columns";
import { HeaderContext, problemKey, type ProblemMap } from "./gridState";
import { parseTsv } from "./tsv";
import type { DefaultRow } from "./gridColumns";
import { adapterFor, deleteRows, duplicateRows, insertRows, literalText, moveRows, placeOf, setBlock, type Body } from "./model";
import { bounds, rowsRange, single, type CellRange } from "./range";
import { TableGrid, type TableGridHandle } from "./TableGrid";
import { exportUrl, formatOf, importFile, type TransferFormat } from "./transfer";
import { TestPanel } from "./TestPanel";
import type { Matches } from "./testInput";

const HIT_POLICIES = ["UNIQUE", "FIRST", "PRIORITY", "ANY", "COLLECT", "RULE ORDER", "OUTPUT ORDER"];
const NO_ROWS: ReadonlySet<number> = new Set();

export default function TableEditor({ draft, problems, focus }: EditorProps) {
  const server = draft.server;
  const kindName = server?.kind ?? "decision_table";
  const adapter = adapterFor(kindName);
  const matrix = adapter.kind === "pricing_matrix";
  const document = draft.document as Record<string, unknown>;
  const body = (document.body ?? {}) as Body;
  const editable = draft.editable;
  const { setDocument, undo, redo } = draft;
  const grid = useRef<TableGridHandle>(null);
  const client = useQueryClient();
  const navigate = useNavigate();

  const change = useCallback((update: (b: Body) => Body) => {
    setDocument((current) => {
      const doc = (current ?? {}) as Record<string, unknown>;
      return { ...doc, body: update((doc.body ?? {}) as Body) } as typeof current;
    });
  }, [setDocument]);

  // columns change only when the column specs do (not on cell edits)
  const inputsSpec = matrix ? body.dimensions : body.inputs;
  const outputsSpec = matrix ? body.currency : body.outputs;
  const specs = useMemo(() => adapter.columns(body),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [adapter, inputsSpec, outputsSpec]);
  const rowCount = adapter.rows(body).length;

  const [range, setRange] = useState<CellRange | null>(null);
  const [matches, setMatches] = useState<Matches | null>(null);
  const [column, setColumn] = useState<{ side: "input" | "output"; index: number } | null>(null);
  const [showTest, setShowTest] = useState(true);
  const [importError, setImportError] = useState<unknown>(null);

  const problemMap = useMemo<ProblemMap>(() => {
    const map: ProblemMap = new Map();
    for (const problem of problems) {
      const place = placeOf(adapter, problem.pointer);
      if (place.row === undefined && place.columnKey === undefined) continue;
      const key = problemKey(place.row, place.columnKey);
      map.set(key, [...(map.get(key) ?? []), problem]);
    }
    return map;
  }, [adapter, problems]);

  // a problem chosen in the problems list: select its cell (or row, or column)
  useEffect(() => {
    if (!focus) return;
    const place = placeOf(adapter, focus.problem.pointer);
    const col = place.columnKey ? specs.findIndex((s) => s.key === place.columnKey) : 0;
    if (place.row !== undefined && place.row < rowCount) {
      grid.current?.focusCell({ row: place.row, col: Math.max(0, col) });
      setRange(place.columnKey ? single({ row: place.row, col }) : rowsRange(place.row, place.row, specs.length));
    } else if (col >= 0 && rowCount > 0) {
      grid.current?.focusCell({ row: 0, col });
    }
    // only when another problem is chosen
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  const defaults = useMemo<DefaultRow | null>(() => {
    if (matrix) return body.default === undefined ? null : { defaults: { amount: literalText(body.default) } };
    const outputs = Array.isArray(body.outputs) ? (body.outputs as Record<string, unknown>[]) : [];
    if (!outputs.some((o) => o.default !== undefined)) return null;
    return { defaults: Object.fromEntries(outputs.map((o, i) => [`out:${i}`, literalText(o.default)])) };
  }, [matrix, body.default, body.outputs]);

  const rowsOfRange = (): [number, number] | null => {
    if (!range || rowCount === 0) return null;
    const b = bounds(range);
    return [b.top, Math.min(b.bottom, rowCount - 1)];
  };
  const selectedRows = rowsOfRange();
  const rowAction = (what: "above" | "below" | "duplicate" | "up" | "down" | "delete") => {
    const found = rowsOfRange();
    if (!found && what !== "below") return;
    const [top, bottom] = found ?? [rowCount - 1, rowCount - 1];
    const col = range ? bounds(range).left : 0;
    const span = bottom - top;
    switch (what) {
      case "above": change((b) => insertRows(adapter, b, top)); moveRange(top, top, col); break;
      case "below": change((b) => insertRows(adapter, b, bottom + 1)); moveRange(bottom + 1, bottom + 1, col); break;
      case "duplicate": change((b) => duplicateRows(adapter, b, top, bottom)); moveRange(bottom + 1, bottom + 1 + span, col); break;
      case "up": if (top > 0) { change((b) => moveRows(adapter, b, top, bottom, -1)); moveRange(top - 1, bottom - 1, col); } break;
      case "down": if (bottom < rowCount - 1) { change((b) => moveRows(adapter, b, top, bottom, 1)); moveRange(top + 1, bottom + 1, col); } break;
      case "delete": change((b) => deleteRows(adapter, b, top, bottom)); setRange(null); break;
    }
  };
  const moveRange = (top: number, bottom: number, col: number) => {
    setRange(top === bottom ? single({ row: top, col }) : rowsRange(top, bottom, specs.length));
    setTimeout(() => grid.current?.focusCell({ row: top, col }), 0); // after the rows it names are rendered
  };

  const doImport = async (file: File | null) => {
    if (!file || !server) return;
    const format = formatOf(file.name);
    setImportError(null);
    if (!format) { setImportError(new Error("Import a .dmn, .xml, .xlsx or .csv file")); return; }
    if (draft.dirty && !window.confirm("Importing replaces the draft on the server; your unsaved changes will be lost. Import?")) return;
    try {
      const stored = await importFile(server.key, file, format, editable ? draft.etag : null);
      client.setQueryData(studioKeys.version(server.key, stored.data.version), stored);
      void client.invalidateQueries({ queryKey: studioKeys.lint(server.key, stored.data.version) });
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      draft.discardChanges();
      notifications.show({ color: "green", title: "Imported", message: `${file.name} into v${stored.data.version} (draft)` });
      if (stored.data.version !== server.version) navigate(editorPath(server.key, stored.data.version));
    } catch (error) {
      setImportError(error);
    }
  };

  const hitPolicy = matrix ? "" : String(body.hitPolicy ?? "UNIQUE");
  const header = useMemo(() => ({ editColumn: (side: "input" | "output", index: number) => setColumn({ side, index }), editable, hitPolicy }),
    [editable, hitPolicy]);
  const active = range?.anchor;
  const activeColumn = active ? specs[active.col] : undefined;
  const activeRule = active && active.row < rowCount ? adapter.rows(body)[active.row] : undefined;
  const formats: TransferFormat[] = ["dmn", "xlsx", "csv"];
  const label = `${matrix ? "Pricing matrix" : "Decision table"} ${server?.title || server?.key || ""}`.trim();

  return (
    <Stack gap="xs" mt="xs" data-testid="table-editor">
      <Group gap="xs" wrap="wrap" align="flex-end">
        {!matrix && (
          <Select size="xs" label="Hit policy" w={150} data={HIT_POLICIES} value={String(body.hitPolicy ?? "UNIQUE")} disabled={!editable}
            allowDeselect={false} onChange={(v) => v && change((b) => {
              const { aggregation: _a, ...rest } = b;
              return v === "COLLECT" ? { ...b, hitPolicy: v } : { ...rest, hitPolicy: v };
            })} />
        )}
        {!matrix && body.hitPolicy === "COLLECT" && (
          <Select size="xs" label="Aggregation" w={110} data={["SUM", "MIN", "MAX", "COUNT"]} clearable value={(body.aggregation as string) ?? null}
            disabled={!editable} onChange={(v) => change((b) => { const { aggregation: _a, ...rest } = b; return v ? { ...rest, aggregation: v } : rest; })} />
        )}
        {matrix && <MatrixSettings body={body} editable={editable} change={change} />}
        <Group gap={4} role="toolbar" aria-label="Rules">
          <Tooltip label="Insert rule above"><ActionIcon variant="default" aria-label="Insert rule above" disabled={!editable || !selectedRows} onClick={() => rowAction("above")}><IconRowInsertTop size={16} /></ActionIcon></Tooltip>
          <Tooltip label="Insert rule below"><ActionIcon variant="default" aria-label="Insert rule below" disabled={!editable} onClick={() => rowAction("below")}><IconRowInsertBottom size={16} /></ActionIcon></Tooltip>
          <Tooltip label="Duplicate rules"><ActionIcon variant="default" aria-label="Duplicate rules" disabled={!editable || !selectedRows} onClick={() => rowAction("duplicate")}><IconCopy size={16} /></ActionIcon></Tooltip>
          <Tooltip label="Move up"><ActionIcon variant="default" aria-label="Move rules up" disabled={!editable || !selectedRows || selectedRows[0] === 0} onClick={() => rowAction("up")}><IconArrowUp size={16} /></ActionIcon></Tooltip>
          <Tooltip label="Move down"><ActionIcon variant="default" aria-label="Move rules down" disabled={!editable || !selectedRows || selectedRows[1] >= rowCount - 1} onClick={() => rowAction("down")}><IconArrowDown size={16} /></ActionIcon></Tooltip>
          <Tooltip label="Delete rules"><ActionIcon variant="default" color="red" aria-label="Delete rules" disabled={!editable || !selectedRows} onClick={() => rowAction("delete")}><IconTrash size={16} /></ActionIcon></Tooltip>
        </Group>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<IconColumnInsertRight size={14} />} disabled={!editable}>Add column</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => change((b) => addColumn(adapter, b, "input"))}>{matrix ? "Dimension" : "Input (When)"}</Menu.Item>
            {!matrix && <Menu.Item onClick={() => change((b) => addColumn(adapter, b, "output"))}>Output (Then)</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<IconDownload size={14} />}>Export</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {server && formats.map((f) => (
              <Menu.Item key={f} component="a" href={exportUrl(server.key, server.version, f)} download>
                {f === "dmn" ? "DMN XML" : f.toUpperCase()} (saved v{server.version})
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <FileButton onChange={doImport} accept=".dmn,.xml,.xlsx,.csv">
          {(fileProps) => <Button {...fileProps} size="xs" variant="default" leftSection={<IconUpload size={14} />}>Import</Button>}
        </FileButton>
        <Switch size="xs" label="Test panel" checked={showTest} onChange={(e) => setShowTest(e.currentTarget.checked)} thumbIcon={<IconFlask size={10} />} />
        <Text size="xs" c="var(--ordo-muted)">{rowCount} {matrix ? "cells" : "rules"}</Text>
      </Group>
      {importError != null && <ErrorNotice error={importError} title="Not imported" />}
      {activeColumn && activeRule && active ? (
        <CellBar column={activeColumn} rule={active.row} text={adapter.cellText(activeRule, activeColumn)} editable={editable}
          unary={!matrix} onText={(text) => change((b) => setBlock(adapter, b, active.row, active.col, [[text]]))} />
      ) : (
        <Text size="xs" c="var(--ordo-muted)" p={4}>
          {rowCount === 0 ? (editable ? "No rules yet: use “Insert rule below” or paste rows (Ctrl+V) into the grid." : "No rules.")
            : "Select a cell to edit it here. Keys: Tab / Enter move, F2 or typing edits, shift+click or shift+arrows select a range, Ctrl+C / Ctrl+V copy and paste TSV (Excel), Ctrl+Z / Ctrl+Y undo and redo."}
        </Text>
      )}
      {specs.map((c) => c.allowedValues?.length ? (
        <datalist key={c.key} id={`allowed-${c.key}`}>{c.allowedValues.map((v) => <option key={String(v)} value={literalText(v)} />)}</datalist>
      ) : null)}
      <div style={{ display: "flex", gap: 8, alignItems: "flex-start" }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          {rowCount === 0 && editable && (
            <EmptyPaste onPaste={(text) => change((b) => setBlock(adapter, b, 0, 0, text))} />
          )}
          <HeaderContext.Provider value={header}>
          <TableGrid ref={grid} adapter={adapter} body={body} specs={specs} editable={editable} range={range} onRange={setRange}
            change={change} undo={undo} redo={redo} problems={problemMap} matched={matches?.matched ?? NO_ROWS}
            selected={matches?.selected ?? NO_ROWS} defaults={defaults} label={label} />
          </HeaderContext.Provider>
        </div>
        {showTest && server && (
          <div style={{ width: 300, flex: "none" }}>
            <TestPanel artifactKey={server.key} version={server.version} status={server.status} kind={kindName} body={body}
              dirty={draft.dirty} onSave={draft.saveDraft} onMatches={setMatches} />
          </div>
        )}
      </div>
      {column && (
        <ColumnDialog
          key={`${column.side}${column.index}`}
          matrix={matrix}
          side={column.side}
          spec={columnSpec(adapter, body, column.side, column.index)}
          editable={editable}
          canRemove={(column.side === "input" ? specs.filter((s) => s.side === "input").length : specs.filter((s) => s.side === "output").length) > (matrix || column.side === "output" ? 1 : 0)}
          onClose={() => setColumn(null)}
          onSave={(spec: ColumnSpec) => { change((b) => updateColumn(adapter, b, column.side, column.index, spec)); setColumn(null); }}
          onRemove={() => { change((b) => removeColumn(adapter, b, column.side, column.index)); setColumn(null); setRange(null); }}
        />
      )}
    </Stack>
  );
}

/** A table without rules: focus it and paste a TSV block (Excel rows) to fill the first rules. */
function EmptyPaste({ onPaste }: { onPaste: (rows: string[][]) => void }) {
  return (
    <div tabIndex={0} role="button" aria-label="Paste rules here" data-testid="empty-paste"
      onPaste={(event) => { event.preventDefault(); const rows = parseTsv(event.clipboardData.getData("text/plain")); if (rows.length) onPaste(rows); }}
      style={{ padding: 12, marginBottom: 6, border: "1px dashed var(--mantine-color-default-border)", borderRadius: 4, fontSize: 13 }}>
      No rules yet. Click here and paste rows copied from a spreadsheet (Ctrl+V), or insert a rule.
    </div>
  );
}

function MatrixSettings({ body, editable, change }: { body: Body; editable: boolean; change: (u: (b: Body) => Body) => void }) {
  const set = (key: string, value: unknown) => change((b) => {
    const { [key]: _old, ...rest } = b;
    return value === undefined || value === "" ? rest : { ...rest, [key]: value };
  });
  return (
    <>
      <TextInput size="xs" label="Currency" w={70} value={String(body.currency ?? "")} disabled={!editable} onChange={(e) => set("currency", e.currentTarget.value.toUpperCase())} />
      <Select size="xs" label="Price type" w={110} data={["oneTime", "recurring", "usage"]} value={(body.priceType as string) ?? null} disabled={!editable} onChange={(v) => set("priceType", v ?? undefined)} />
      {body.priceType === "recurring" && (
        <Select size="xs" label="Period" w={100} data={["day", "week", "month", "quarter", "year"]} value={(body.recurringChargePeriod as string) ?? null}
          disabled={!editable} onChange={(v) => set("recurringChargePeriod", v ?? undefined)} />
      )}
      <TextInput size="xs" label="Default amount" w={110} value={literalText(body.default)} disabled={!editable} onChange={(e) => set("default", e.currentTarget.value.trim())} />
      <TagsInput size="xs" label="Offerings" w={240} value={(body.productOfferings as string[]) ?? []} disabled={!editable}
        onChange={(v) => set("productOfferings", v.length ? v : undefined)} />
      <Switch size="xs" label="Require every combination" checked={Boolean(body.requireComplete)} disabled={!editable} onChange={(e) => set("requireComplete", e.currentTarget.checked)} />
    </>
  );
}
