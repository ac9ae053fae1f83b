// Live refresh: follow `topics` on the tab's shared stream and, on every event for them, refetch the queries
// whose keys start with one of `invalidate` (the server decides what changed; the page just reloads it).
import { useEffect, useRef } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { streamHub } from "./hub";
import type { StreamEvent } from "./sse";

export function useLiveRefresh(topics: string[], invalidate: QueryKey[], onEvent?: (event: StreamEvent) => void) {
  const client = useQueryClient();
  const topicKey = topics.join(",");
  const invalidateKey = JSON.stringify(invalidate);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!topicKey) return;
    return streamHub.subscribe(topicKey.split(","), (event) => {
      for (const key of JSON.parse(invalidateKey) as QueryKey[]) void client.invalidateQueries({ queryKey: key });
      latest.current?.(event);
    });
  }, [topicKey, invalidateKey, client]);
}
