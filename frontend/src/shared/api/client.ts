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
  /** The fetch to send with (tests). */
  fetch?: typeof globalThis.fetch;
}

let csrfToken: string | null = null;
let signingOut = false;
const AUTH_PATHS = "/api/v1/auth/";

/** Error of a request the client did not send because the user is signing out. */
export class SigningOut extends Error {
  constructor(path: string) {
    super(`not sent while signing out: ${path}`);
    this.name = "SigningOut";
  }
}

/** While the session ends, send only the sign-out requests: a page's refetch that slipped in would meet a 401. */
export function holdRequests(hold: boolean): void {
  signingOut = hold;
}

/** Remember the session's CSRF token (the `csrfToken` of the login answer or of GET /api/v1/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function authenticate(token: string | undefined): Middleware {
  return {
    onRequest({ request }) {
      const path = new URL(request.url, "http://ordo.invalid").pathname;
      if (signingOut && !token && !path.includes(AUTH_PATHS)) {
        throw new SigningOut(path);
      }
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
export function createApiClient({ baseUrl = "", token, fetch }: ClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    ...(fetch ? { fetch } : {}),
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
