// Errors from the server, as the pages see them: an ApiError carries the HTTP status and, when the server sent
// one, the problem+json body (RFC 9457) whose `errors` name a JSON pointer, a query parameter or a header.
import type { Problem } from "./client";

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem ? [problem.title, problem.detail].filter(Boolean).join(": ") : fallback);
    this.status = status;
    this.problem = problem;
  }

  /** Each error the server pointed at: `{"/body/rules/3/when/0": "…"}`; "" collects the unpointed ones. */
  get byPointer(): Record<string, string[]> {
    const found: Record<string, string[]> = {};
    for (const error of this.problem?.errors ?? []) {
      const where = error.pointer ?? error.parameter ?? error.header ?? "";
      (found[where] ??= []).push(error.message ?? "invalid");
    }
    return found;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && "status" in body && "title" in body;
}

/** The value of an openapi-fetch answer, or an ApiError for anything that is not a success. */
export function unwrap<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.response.ok) return answer.data as T;
  const problem = isProblem(answer.error) ? answer.error : null;
  throw new ApiError(answer.response.status, problem, `${answer.response.status} ${answer.response.statusText}`);
}

/** As `unwrap`, with the representation's ETag (for If-Match on the next change). */
export function unwrapWithEtag<T>(answer: { data?: T; error?: unknown; response: Response }): { data: T; etag: string } {
  const data = unwrap(answer);
  return { data, etag: answer.response.headers.get("ETag") ?? "" };
}

/** The X-Total-Count of a list answer (the number of matches over every page). */
export function totalCount(response: Response, fallback: number): number {
  const total = Number(response.headers.get("X-Total-Count"));
  return Number.isFinite(total) && response.headers.has("X-Total-Count") ? total : fallback;
}

/** Errors whose pointer starts with `prefix`, keyed by the rest of it ("/body/x" under "/body" is "/x"). */
export function errorsUnder(error: unknown, prefix: string): Record<string, string[]> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string[]> = {};
  for (const [pointer, messages] of Object.entries(error.byPointer)) {
    if (pointer === prefix || pointer.startsWith(`${prefix}/`)) found[pointer.slice(prefix.length) || "/"] = messages;
  }
  return found;
}
