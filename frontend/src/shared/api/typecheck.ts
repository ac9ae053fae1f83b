// Never imported: `tsc --noEmit` (the build) checks that the generated types really bind the client, so a
// call the API does not answer cannot compile. If one of these lines stopped being an error, tsc fails here.
import { api, type Problem } from "./client";

export async function unknownPathsDoNotCompile(): Promise<void> {
  // @ts-expect-error: no such path in api/openapi.json
  await api.GET("/api/v1/no-such-path");
  // @ts-expect-error: the health check is read with GET, not deleted
  await api.DELETE("/api/v1/health");
}

export function problemsAreTyped(problem: Problem): number {
  // @ts-expect-error: a problem's status is a number
  const status: string = problem.status;
  return status.length;
}
