// Pure logic of the simulator ("why"): stage results from the server's trace, provenance links into the
// editors, the projected plan as a timeline, the differences between two simulations, an order from a form.
// The server decides every result; this only arranges what it answered.

export interface TraceEntry {
  stage: string;
  artifact: string | null;
  version: number | null;
  rule: string | null;
  inputs?: unknown;
  decision?: unknown;
}

export interface SimTask {
  key: string;
  name: string;
  type: string;
  state: string;
  assignmentGroup?: string | null;
  pointOfNoReturn?: boolean;
  dependsOn?: string[];
  /** planned duration in seconds */
  duration?: number | null;
  sla?: number | null;
}

export interface SimDomainOrder {
  ref: string;
  domain: string;
  fulfilmentSystem?: string | null;
  state: string;
  dependsOn?: string[];
  plan?: string | null;
  tasks: SimTask[];
}

export interface Simulation {
  pack: string;
  state: string;
  stage?: string | null;
  stateReason?: string | null;
  accepted: boolean;
  pricing?: unknown;
  domainOrders: Record<string, unknown>[];
  trace: Record<string, unknown>[];
}

/** The pipeline's stages in order, with the names people read. */
export const STAGES: { stage: string; label: string }[] = [
  { stage: "capture", label: "Capture (catalog)" },
  { stage: "enrich", label: "Enrichment" },
  { stage: "price", label: "Pricing" },
  { stage: "approve", label: "Approval" },
  { stage: "decompose", label: "Decomposition" },
  { stage: "plan", label: "Orchestration plan" },
  { stage: "complete", label: "Completion" },
];

export interface StageResult {
  stage: string;
  label: string;
  entries: TraceEntry[];
}

/** Trace entries grouped by stage, in pipeline order (stages the server adds later come after, by name). */
export function stagesOf(trace: readonly Record<string, unknown>[]): StageResult[] {
  const byStage = new Map<string, TraceEntry[]>();
  for (const raw of trace) {
    const entry = raw as unknown as TraceEntry;
    if (!byStage.has(entry.stage)) byStage.set(entry.stage, []);
    byStage.get(entry.stage)!.push(entry);
  }
  const known = STAGES.filter((s) => byStage.has(s.stage)).map((s) => ({ ...s, entries: byStage.get(s.stage)! }));
  const other = [...byStage.keys()].filter((stage) => !STAGES.some((s) => s.stage === stage)).sort()
    .map((stage) => ({ stage, label: stage, entries: byStage.get(stage)! }));
  return [...known, ...other];
}

/** Query parameters the editors read to select what produced a result:
 *  ?row=<rule id> in the grid editors (decision tables, price lists, matrices, decomposition rules),
 *  ?node=<step or task key> in the graph editors (enrichment flows, orchestration plans). */
export const ROW_PARAM = "row";
export const NODE_PARAM = "node";

const GRAPH_KINDS = new Set(["enrichment_flow", "orchestration_plan"]);
const ROW_KINDS = new Set(["decision_table", "pricing_matrix", "price_list", "decomposition_rules", "fallout_rules",
  "jeopardy_rules"]);
const GRAPH_STAGES = new Set(["enrich", "plan"]);
const ROW_STAGES = new Set(["price", "approve", "decompose"]);

/** Which parameter selects `rule` in an artifact of `kind` (falls back on the stage when the kind is unknown);
 *  null when the rule names no row or node (a plan's binding like "domain:product", a catalog check). */
export function selectionParam(kind: string | undefined, stage: string, rule: string | null): "row" | "node" | null {
  if (!rule || rule.includes(":") || rule.includes(",")) return null;
  if (kind) return GRAPH_KINDS.has(kind) ? NODE_PARAM : ROW_KINDS.has(kind) ? ROW_PARAM : null;
  return GRAPH_STAGES.has(stage) ? NODE_PARAM : ROW_STAGES.has(stage) ? ROW_PARAM : null;
}

/** The editor address of the exact version, row or node that produced a result. */
export function provenanceHref(artifact: string, version: number, param: "row" | "node" | null, rule: string | null): string {
  const base = `/studio/artifacts/${encodeURIComponent(artifact)}/versions/${version}`;
  return param && rule ? `${base}?${param}=${encodeURIComponent(rule)}` : base;
}

/** A short text of what a trace entry decided ("done", "priced 19.90 EUR", "autoApprove", ...). */
export function decisionText(decision: unknown): string {
  if (decision === null || decision === undefined) return "";
  if (typeof decision !== "object") return String(decision);
  const d = decision as Record<string, unknown>;
  if (d.outcome === "priced") return `priced ${String(d.amount)} ${String(d.currency ?? "")}`.trim();
  if (typeof d.outcome === "string") return d.reason ? `${d.outcome}: ${String(d.reason)}` : d.outcome;
  if (typeof d.decision === "string") return d.decision;
  if (d.skipped === true) return `skipped${d.reason ? `: ${String(d.reason)}` : ""}`;
  if (typeof d.state === "string") return `${d.state}${Array.isArray(d.tasks) ? ` (${d.tasks.length} tasks)` : ""}`;
  if (typeof d.domainOrder === "string") {
    const after = Object.keys((d.dependsOn as Record<string, unknown> | null) ?? {});
    return `domain order ${d.domainOrder}${after.length ? ` after ${after.join(", ")}` : ""}`;
  }
  if (d.produced === true) return `produced ${String(d.line ?? "")}`.trim();
  if (typeof d.valid === "boolean") return d.valid ? "valid" : `invalid: ${JSON.stringify(d.reasons ?? [])}`;
  return JSON.stringify(decision);
}

export interface TimelineRow {
  domainOrder: string;
  key: string;
  name: string;
  type: string;
  state: string;
  dependsOn: string[];
  /** seconds from the order's start */
  start: number;
  duration: number;
  end: number;
}

/** The projected plan: each task starts when the tasks it depends on (and the domain orders its domain order
 *  depends on) have finished, and lasts its planned duration. Skipped tasks are left out. */
export function timelineOf(domainOrders: readonly SimDomainOrder[]): TimelineRow[] {
  const byRef = new Map(domainOrders.map((d) => [d.ref, d]));
  const domainEnd = new Map<string, number>();
  const rows: TimelineRow[] = [];
  const visiting = new Set<string>();

  const finish = (ref: string): number => {
    if (domainEnd.has(ref)) return domainEnd.get(ref)!;
    const domain = byRef.get(ref);
    if (!domain || visiting.has(ref)) return 0;
    visiting.add(ref);
    const ready = Math.max(0, ...(domain.dependsOn ?? []).map(finish));
    const live = domain.tasks.filter((t) => t.state !== "skipped");
    const keys = new Set(live.map((t) => t.key));
    const taskEnd = new Map<string, number>();
    const taskVisiting = new Set<string>();
    const end = (task: SimTask): number => {
      if (taskEnd.has(task.key)) return taskEnd.get(task.key)!;
      if (taskVisiting.has(task.key)) return ready;
      taskVisiting.add(task.key);
      const before = (task.dependsOn ?? []).filter((k) => keys.has(k)).map((k) => end(live.find((t) => t.key === k)!));
      const start = Math.max(ready, ...before);
      const duration = task.duration ?? 0;
      taskEnd.set(task.key, start + duration);
      rows.push({ domainOrder: ref, key: task.key, name: task.name, type: task.type, state: task.state,
        dependsOn: (task.dependsOn ?? []).filter((k) => keys.has(k)), start, duration, end: start + duration });
      return start + duration;
    };
    const last = Math.max(ready, ...live.map(end));
    visiting.delete(ref);
    domainEnd.set(ref, last);
    return last;
  };
  domainOrders.forEach((d) => finish(d.ref));
  return rows.sort((a, b) => a.start - b.start || a.end - b.end || a.domainOrder.localeCompare(b.domainOrder)
    || a.key.localeCompare(b.key));
}

/** Seconds as a short duration: "10m", "2d 4h", "0". */
export function formatDuration(seconds: number): string {
  if (!seconds) return "0";
  const parts: string[] = [];
  const units: [string, number][] = [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]];
  let rest = seconds;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count) parts.push(`${count}${unit}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** The order totals the server priced: {"oneTime": "19.90 EUR", "recurring/month": "44.90 EUR"}. */
export function totalsOf(pricing: unknown): Record<string, string> {
  const totals: Record<string, string> = {};
  const list = (pricing as { orderTotalPrice?: unknown[] } | null)?.orderTotalPrice;
  for (const raw of Array.isArray(list) ? list : []) {
    const entry = raw as { priceType?: string; recurringChargePeriod?: string; price?: { dutyFreeAmount?: { unit?: string; value?: string } } };
    const name = entry.recurringChargePeriod ? `${entry.priceType}/${entry.recurringChargePeriod}` : String(entry.priceType);
    const amount = entry.price?.dutyFreeAmount;
    totals[name] = `${amount?.value ?? "?"} ${amount?.unit ?? ""}`.trim();
  }
  return totals;
}

export interface Difference {
  what: string;
  before: string;
  after: string;
}

function traceKey(entry: TraceEntry): string {
  return `${entry.stage} · ${entry.artifact ?? "engine"} · ${entry.rule ?? "(binding)"}`;
}

/** What differs between the results of the same order through two packs: outcome, totals, domain orders,
 *  tasks, and each stage decision (by stage, artifact and rule; the artifact version is shown where it moved). */
export function compareSimulations(before: Simulation, after: Simulation): Difference[] {
  const found: Difference[] = [];
  const add = (what: string, a: unknown, b: unknown) => {
    const left = a === undefined || a === null ? "—" : typeof a === "string" ? a : JSON.stringify(a);
    const right = b === undefined || b === null ? "—" : typeof b === "string" ? b : JSON.stringify(b);
    if (left !== right) found.push({ what, before: left, after: right });
  };
  add("state", before.state, after.state);
  add("state reason", before.stateReason, after.stateReason);
  const totalsBefore = totalsOf(before.pricing);
  const totalsAfter = totalsOf(after.pricing);
  for (const name of [...new Set([...Object.keys(totalsBefore), ...Object.keys(totalsAfter)])].sort()) {
    add(`total ${name}`, totalsBefore[name], totalsAfter[name]);
  }
  const domains = (s: Simulation) => new Map((s.domainOrders as unknown as SimDomainOrder[]).map((d) => [d.ref, d]));
  const domainsBefore = domains(before);
  const domainsAfter = domains(after);
  for (const ref of [...new Set([...domainsBefore.keys(), ...domainsAfter.keys()])].sort()) {
    const a = domainsBefore.get(ref);
    const b = domainsAfter.get(ref);
    add(`domain order ${ref}`, a?.state, b?.state);
    const tasks = (d?: SimDomainOrder) => (d?.tasks ?? []).filter((t) => t.state !== "skipped").map((t) => t.key).sort().join(", ");
    if (a && b) add(`tasks of ${ref}`, tasks(a), tasks(b));
  }
  const index = (s: Simulation) => {
    const map = new Map<string, TraceEntry>();
    for (const raw of s.trace) {
      const entry = raw as unknown as TraceEntry;
      let key = traceKey(entry);
      for (let n = 2; map.has(key); n += 1) key = `${traceKey(entry)} #${n}`;
      map.set(key, entry);
    }
    return map;
  };
  const traceBefore = index(before);
  const traceAfter = index(after);
  for (const key of [...new Set([...traceBefore.keys(), ...traceAfter.keys()])]) {
    const a = traceBefore.get(key);
    const b = traceAfter.get(key);
    const show = (e?: TraceEntry) => e ? `${decisionText(e.decision)}${e.version ? ` (v${e.version})` : ""}` : undefined;
    if (!a || !b || decisionText(a.decision) !== decisionText(b.decision)) add(key, show(a), show(b));
  }
  return found;
}

// ---- an order from a form -------------------------------------------------------------------------------

export interface CharacteristicSpec {
  name: string;
  valueType: string;
  description?: string;
  values: (string | number | boolean)[];
  defaultValue?: string | number | boolean;
}

export interface OfferingChoice {
  id: string;
  name: string;
  specification: string | null;
}

interface CatalogBody {
  productOfferings?: { id: string; name?: string; isSellable?: boolean; productSpecification?: { id?: string } }[];
  productSpecifications?: {
    id: string;
    productSpecCharacteristic?: { name: string; valueType?: string; description?: string;
      characteristicValueSpecification?: { value: string | number | boolean; isDefault?: boolean }[] }[];
  }[];
}

/** The sellable offerings of a catalog artifact's body. */
export function offeringsOf(catalog: unknown): OfferingChoice[] {
  const body = (catalog ?? {}) as CatalogBody;
  return (body.productOfferings ?? []).filter((o) => o.isSellable !== false)
    .map((o) => ({ id: o.id, name: o.name ?? o.id, specification: o.productSpecification?.id ?? null }));
}

/** The characteristics of the offering's product specification, with their allowed values and default. */
export function characteristicsOf(catalog: unknown, offeringId: string): CharacteristicSpec[] {
  const body = (catalog ?? {}) as CatalogBody;
  const offering = (body.productOfferings ?? []).find((o) => o.id === offeringId);
  const spec = (body.productSpecifications ?? []).find((s) => s.id === offering?.productSpecification?.id);
  return (spec?.productSpecCharacteristic ?? []).map((c) => {
    const values = (c.characteristicValueSpecification ?? []).map((v) => v.value);
    const fallback = (c.characteristicValueSpecification ?? []).find((v) => v.isDefault)?.value;
    return { name: c.name, valueType: c.valueType ?? "string", description: c.description, values, defaultValue: fallback };
  });
}

/** A form value as the characteristic's type ("24" → 24 for an integer, "true" → true for a boolean). */
export function typedValue(spec: CharacteristicSpec, raw: string): string | number | boolean {
  if (spec.valueType === "integer" || spec.valueType === "number") {
    const number = Number(raw);
    return raw.trim() !== "" && Number.isFinite(number) ? number : raw;
  }
  if (spec.valueType === "boolean") return raw === "true";
  return raw;
}

export interface OrderForm {
  offering: OfferingChoice;
  quantity: number;
  action: string;
  characteristics: Record<string, string | number | boolean>;
  postcode?: string;
  customerId?: string;
}

/** A TMF622 ProductOrder with one item from the form (empty characteristics left out: the server's defaults apply). */
export function orderFromForm(form: OrderForm): Record<string, unknown> {
  const productCharacteristic = Object.entries(form.characteristics)
    .filter(([, value]) => value !== "" && value !== undefined)
    .map(([name, value]) => ({ name, value }));
  const product: Record<string, unknown> = { productCharacteristic };
  if (form.postcode) {
    product.place = [{ role: "installationAddress", "@type": "GeographicAddress", postcode: form.postcode, country: "DE" }];
  }
  const order: Record<string, unknown> = {
    productOrderItem: [{ id: "1", action: form.action, quantity: form.quantity,
      productOffering: { id: form.offering.id, name: form.offering.name }, product }],
  };
  if (form.customerId) order.relatedParty = [{ id: form.customerId, role: "customer", "@referredType": "Individual" }];
  return order;
}

/** The JSON text as an order, or the reason it is not one. */
export function parseOrder(text: string): { order: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return { error: "a ProductOrder is a JSON object" };
    if (!Array.isArray((value as { productOrderItem?: unknown }).productOrderItem)) {
      return { error: "a ProductOrder needs a productOrderItem list" };
    }
    return { order: value as Record<string, unknown> };
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
}
