// The one way the front end talks to the Ordo server: openapi-fetch typed by schema.d.ts, which `npm run
// generate` (run by dev, build and typecheck) writes from the committed api/openapi.json. A path, parameter or
// body the API does not have, or a response read as a type it does not have, fails `tsc` and so the build.
//
// Authentication follows api/auth: the browser's session cookie (POST /api/v1/auth/login), with the
// session's CSRF token echoed in X-CSRF-Token on every change; or a bearer token (`ordo user token`) for
// tools and scripts.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["ProblemDetails"];
export type ApiClient = Client<paths>;

export const CSRF_HEADER = "X-CSRF-Token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface ClientOptions {
  /** Origin of the server; "" (the default) is the origin the page came from. */
  baseUrl?: string;
  /** An API token: sent as `Authorization: Bearer <token>` instead of the session cookie. */
  token?: string;
}

let csrfToken: string | null = null;

/** Remember the session's CSRF token (the `csrfToken` of the login answer or of GET /api/v1/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function authenticate(token: string | undefined): Middleware {
  return {
    onRequest({ request }) {
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      } else if (csrfToken && !SAFE_METHODS.has(request.method)) {
        request.headers.set(CSRF_HEADER, csrfToken);
      }
      return request;
    },
  };
}

/** A client of the native API; every path, parameter, body and answer is typed from the OpenAPI document. */
export function createApiClient({ baseUrl = "", token }: ClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    credentials: token ? "omit" : "same-origin",
    headers: { Accept: "application/json" },
  });
  client.use(authenticate(token));
  return client;
}

/** A problem+json answer in one line: its title and detail, then each pointed-at error. */
export function describeProblem(problem: Problem): string {
  const where = (problem.errors ?? []).map((e) => `${e.pointer ?? e.parameter ?? e.header ?? ""} ${e.message ?? ""}`.trim());
  return [`${problem.status} ${problem.title}`, problem.detail, ...where].filter(Boolean).join(": ");
}

/** The client the pages use: same origin (Vite proxies /api in development), the browser's session. */
export const api = createApiClient({ baseUrl: import.meta.env.VITE_ORDO_API_URL ?? "" });

/** The query parameters of a GET path, from the OpenAPI document. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
