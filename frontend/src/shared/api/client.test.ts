import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, holdRequests, SigningOut } from "./client";

function recordingFetch() {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } }));
}

describe("the API client while the user signs out", () => {
  afterEach(() => holdRequests(false));

  it("sends no page request, only the sign-out requests, until the hold ends", async () => {
    const fetch = recordingFetch();
    const client = createApiClient({ baseUrl: "http://ordo.test", fetch });
    holdRequests(true);
    await expect(client.GET("/api/v1/workspace/summary")).rejects.toBeInstanceOf(SigningOut);
    await client.DELETE("/api/v1/auth/sessions");
    expect(fetch.mock.calls.map(([request]) => new URL((request as Request).url).pathname)).toEqual(["/api/v1/auth/sessions"]);
    holdRequests(false);
    await client.GET("/api/v1/workspace/summary");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("does not hold a token client (a script, not the signed-in page)", async () => {
    const fetch = recordingFetch();
    holdRequests(true);
    await createApiClient({ baseUrl: "http://ordo.test", token: "t", fetch }).GET("/api/v1/workspace/summary");
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
