// Pure helpers of the audit screens (unit-tested): filters between the URL and the API, activation pairs.

export const LOG_FILTERS = ["actor", "entityType", "entityId", "action", "orderId", "atFrom", "atTo"] as const;
export type LogFilter = (typeof LOG_FILTERS)[number];

/** The log's API query from the URL's filters: only known ones, datetime-local values read as UTC. */
export function logQuery(filters: Record<string, string>, offset: number, limit: number, sort: string | null) {
  const query: Record<string, string | number> = { offset, limit };
  for (const name of LOG_FILTERS) {
    const value = filters[name]?.trim();
    if (!value) continue;
    query[name] = name === "atFrom" || name === "atTo" ? asUtc(value) : value;
  }
  const idFrom = Number(filters.idFrom);
  if (Number.isInteger(idFrom) && idFrom > 0) query.idFrom = idFrom;
  if (sort === "id" || sort === "-id" || sort === "at" || sort === "-at") query.sort = sort;
  return query;
}

/** "2026-12-06T13:05" (a datetime-local value) as an ISO moment in UTC; anything else as typed. */
export function asUtc(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value;
}

export interface ActivationLike { key: string; version: number; activatedAt: string }

/** Each activation with the one before it (the list is newest first); `previous` is null for the first ever. */
export function withPrevious<T extends ActivationLike>(rows: T[], pageSize: number): { row: T; previous: T | null }[] {
  return rows.slice(0, pageSize).map((row, index) => ({ row, previous: rows[index + 1] ?? null }));
}

/** Whether the server can diff two activations: versions of the same pack, different versions. */
export function diffable(row: ActivationLike, previous: ActivationLike | null): boolean {
  return previous !== null && previous.key === row.key && previous.version !== row.version;
}

/** Two distinct versions, older first (the diff's from / to), or null. */
export function orderedPair(a: number | null, b: number | null): [number, number] | null {
  if (a === null || b === null || a === b) return null;
  return a < b ? [a, b] : [b, a];
}

export function when(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleString() : "";
}
