// A reader of GET /api/v1/stream: the server names each event (`event: orderStateChanged`), which
// EventSource would only deliver to listeners registered per name, so this reads the text itself and hands
// every event to one callback. It reconnects after the server's `retry:` with Last-Event-ID, and stops when
// the signal aborts.
export interface StreamEvent {
  id: string | null;
  type: string;
  data: unknown;
}

export function parseFrames(buffer: string): { events: { id: string | null; type: string; data: string; retry: number | null }[]; rest: string } {
  const events: { id: string | null; type: string; data: string; retry: number | null }[] = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let id: string | null = null;
    let type = "message";
    let retry: number | null = null;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") type = value;
      else if (field === "data") data.push(value);
      else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
    }
    events.push({ id, type, data: data.join("\n"), retry });
  }
  return { events, rest };
}

export interface FollowOptions {
  /** Resume after this event id (sent as Last-Event-ID on the first connection). */
  lastId?: string | null;
  /** Called with every event id the server confirms (events and keep-alive positions). */
  onPosition?: (id: string) => void;
  /** Called when the connection opens (true) or is refused or lost (false). */
  onConnected?: (connected: boolean) => void;
}

export async function follow(topics: string[], onEvent: (event: StreamEvent) => void, signal: AbortSignal,
                             options: FollowOptions = {}): Promise<void> {
  let lastId: string | null = options.lastId ?? null;
  let retryMs = 3000;
  while (!signal.aborted) {
    try {
      const query = topics.map((topic) => `topic=${encodeURIComponent(topic)}`).join("&");
      const headers: Record<string, string> = { Accept: "text/event-stream" };
      if (lastId) headers["Last-Event-ID"] = lastId;
      const response = await fetch(`/api/v1/stream?${query}`, { headers, credentials: "same-origin", signal });
      if (!response.ok || !response.body) {
        options.onConnected?.(false);
        if (response.status === 401 || response.status === 403 || response.status === 404) return;
        const after = Number(response.headers.get("Retry-After"));
        if (after > 0) retryMs = Math.max(retryMs, after * 1000);
        throw new Error(`stream answered ${response.status}`);
      }
      options.onConnected?.(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseFrames(buffer + value);
        buffer = parsed.rest;
        for (const frame of parsed.events) {
          if (frame.id !== null) {
            lastId = frame.id;
            options.onPosition?.(frame.id);
          }
          if (frame.retry !== null) retryMs = frame.retry;
          if (frame.data) onEvent({ id: frame.id, type: frame.type, data: safeJson(frame.data) });
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      options.onConnected?.(false);
      void error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
