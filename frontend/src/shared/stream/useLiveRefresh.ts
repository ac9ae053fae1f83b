// Live refresh: follow the server-sent-events stream for `topics` and, on every event, refetch the queries
// whose keys start with one of `invalidate` (the server decides what changed; the page just reloads it).
import { useEffect, useRef } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { follow, type StreamEvent } from "./sse";

export function useLiveRefresh(topics: string[], invalidate: QueryKey[], onEvent?: (event: StreamEvent) => void) {
  const client = useQueryClient();
  const topicKey = topics.join(",");
  const invalidateKey = JSON.stringify(invalidate);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!topicKey) return;
    const controller = new AbortController();
    void follow(topicKey.split(","), (event) => {
      for (const key of JSON.parse(invalidateKey) as QueryKey[]) void client.invalidateQueries({ queryKey: key });
      latest.current?.(event);
    }, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [topicKey, invalidateKey, client]);
}
