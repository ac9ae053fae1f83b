// Dates as the portal shows and filters them: a day in the reader's locale, "YYYY-MM-DD" for the URL's filters.
const DAY = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const MOMENT = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** A date-time (ISO 8601) as a day; "—" when there is none or it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? iso : DAY.format(moment);
}

export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return "—";
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? iso : MOMENT.format(moment);
}

/** The "YYYY-MM-DD" of a date picker's value (a string in Mantine 8+, a Date before), or null. */
export function dayOf(value: string | Date | null): string | null {
  if (value == null || value === "") return null;
  if (typeof value === "string") return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** The day after a "YYYY-MM-DD" day (an "until" filter includes the whole day). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  return next.toISOString().slice(0, 10);
}
