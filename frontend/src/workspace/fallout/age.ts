// How long ago, in words a queue shows ("3 h", "2 d"), and the summary's age buckets in their order.
export const AGE_BUCKETS = ["<1h", "<1d", "<7d", ">=7d"] as const;

export function ageOf(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

export function ageSince(iso: string, now: number = Date.now()): string {
  return ageOf((now - new Date(iso).getTime()) / 1000);
}

/** A summary's counts as chart rows, in a fixed order where the keys have one (age buckets, priorities). */
export function chartRows(counts: Record<string, number>, order?: readonly string[]): { key: string; count: number }[] {
  const keys = Object.keys(counts);
  const sorted = order ? [...order.filter((k) => k in counts), ...keys.filter((k) => !order.includes(k)).sort()]
    : keys.sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
  return sorted.map((key) => ({ key, count: counts[key] }));
}
