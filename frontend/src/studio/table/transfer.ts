// DMN XML / XLSX / CSV in and out of a decision table or pricing matrix, through the server's transfer API.
import { api } from "../../shared/api/client";
import { unwrapWithEtag } from "../../shared/api/problem";

export type TransferFormat = "dmn" | "xlsx" | "csv";

export const MEDIA: Record<TransferFormat, string> = {
  dmn: "application/dmn+xml",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
};

/** The format of a file by its name (.dmn / .xml, .xlsx, .csv), or null. */
export function formatOf(filename: string): TransferFormat | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".dmn") || lower.endsWith(".xml")) return "dmn";
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) return "csv";
  return null;
}

/** The export address of a version (a download link; the session cookie authenticates it). */
export function exportUrl(key: string, version: number, format: TransferFormat): string {
  return `/api/v1/studio/artifacts/${encodeURIComponent(key)}/versions/${version}/export?format=${format}`;
}

/** Import a file into the artifact's draft (If-Match: the draft's ETag when one is open); the stored version. */
export async function importFile(key: string, file: Blob, format: TransferFormat, ifMatch: string | null) {
  return unwrapWithEtag(await api.POST("/api/v1/studio/artifacts/{key}/import", {
    params: { path: { key }, query: { format }, header: ifMatch ? { "If-Match": ifMatch } : {} },
    body: file as never,
    bodySerializer: (body: unknown) => body as Blob,
    headers: { "Content-Type": MEDIA[format] },
  }));
}
