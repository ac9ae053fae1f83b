// Small display helpers of the task and approval screens (what the server sent, formatted, never re-decided).

export function when(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleString() : "—";
}

/** "3 d 4 h", "25 min": how long ago `since` was, at `now`. */
export function age(since: string | null | undefined, now: number = Date.now()): string {
  if (!since) return "—";
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A decimal string as a number for a progress bar, capped at 100. */
export function barValue(percent: string | null | undefined): number {
  const value = Number(percent);
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

export const JEOPARDY_TONE: Record<string, string> = { low: "yellow", medium: "orange", high: "red", critical: "red" };

/** "oneTime", "recurring:month" -> readable labels. */
export function priceLabel(priceType: string, period?: string | null): string {
  const base = priceType === "oneTime" ? "One-time" : priceType === "recurring" ? "Recurring" : priceType;
  return period ? `${base} / ${period}` : base;
}

export function money(amount: string, currency?: string | null): string {
  const value = Number(amount);
  const text = Number.isFinite(value) ? value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : amount;
  return currency ? `${text} ${currency}` : text;
}
