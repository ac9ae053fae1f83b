import { useEffect, useState } from "react";
import { api, describeProblem } from "./shared/api/client";

type Status = { state: "checking" } | { state: "up" } | { state: "down"; reason: string };

/** Whether the API answers its health check (public, so it works before anyone logs in). */
export default function ServerStatus() {
  const [status, setStatus] = useState<Status>({ state: "checking" });

  useEffect(() => {
    let current = true;
    api
      .GET("/api/v1/health")
      .then(({ error, response }): Status => {
        if (response.ok) return { state: "up" };
        return { state: "down", reason: error ? describeProblem(error) : `HTTP ${response.status}` };
      })
      .catch((failure: unknown): Status => ({ state: "down", reason: String(failure) }))
      .then((next) => current && setStatus(next));
    return () => {
      current = false;
    };
  }, []);

  const text = { checking: "checking the API…", up: "API is up", down: "API is not answering" }[status.state];
  return (
    <p className={`server-status ${status.state}`} role="status">
      {text}
      {status.state === "down" && <span className="muted"> ({status.reason})</span>}
    </p>
  );
}
