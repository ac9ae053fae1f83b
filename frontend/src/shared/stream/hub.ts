// One live-update connection per browser tab, shared by every page part that follows a topic: the server allows
// few streams (each holds a server thread), so components subscribe here instead of opening their own. The hub
// follows the union of the subscribed topics, reconnects (resuming after the last event) when that set changes,
// hands each event to the subscribers of the topics it was sent for, and while the server refuses or loses the
// stream it sends every subscriber a "poll" event now and then, so pages still refresh.
import { follow, type FollowOptions, type StreamEvent } from "./sse";

export type Handler = (event: StreamEvent) => void;
export type Connect = (topics: string[], onEvent: Handler, signal: AbortSignal, options: FollowOptions) => Promise<void>;

interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const POLL_EVENT = "poll";

export class StreamHub {
  private readonly subscribers = new Map<number, { topics: Set<string>; handler: Handler }>();
  private nextId = 1;
  private followed = "";
  private controller: AbortController | null = null;
  private lastId: string | null = null;
  private reconcileTimer: unknown = null;
  private pollTimer: unknown = null;

  constructor(private readonly connect: Connect = follow, private readonly timers: Timers = browserTimers,
              private readonly settleMs = 50, private readonly pollMs = 20000) {}

  /** Follow `topics`; the returned function stops following them. */
  subscribe(topics: string[], handler: Handler): () => void {
    const id = this.nextId++;
    this.subscribers.set(id, { topics: new Set(topics), handler });
    this.scheduleReconcile();
    return () => {
      this.subscribers.delete(id);
      this.scheduleReconcile();
    };
  }

  /** Drop every subscription and close the connection (signing out: no event may refetch a page whose session
   * is ending). Pages shown afterwards subscribe again. */
  reset(): void {
    this.subscribers.clear();
    if (this.reconcileTimer !== null) this.timers.clear(this.reconcileTimer);
    this.reconcileTimer = null;
    this.controller?.abort();
    this.controller = null;
    this.followed = "";
    this.lastId = null;
    this.setPolling(false);
  }

  /** The topics the connection follows now, sorted ("" when none). */
  get following(): string {
    return this.followed;
  }

  private scheduleReconcile(): void {
    if (this.reconcileTimer !== null) this.timers.clear(this.reconcileTimer);
    this.reconcileTimer = this.timers.set(() => {
      this.reconcileTimer = null;
      this.reconcile();
    }, this.settleMs);
  }

  private reconcile(): void {
    const topics = [...new Set([...this.subscribers.values()].flatMap((s) => [...s.topics]))].sort();
    const key = topics.join(",");
    if (key === this.followed) return;
    this.controller?.abort();
    this.controller = null;
    this.setPolling(false);
    this.followed = key;
    if (!topics.length) return;
    const controller = new AbortController();
    this.controller = controller;
    void this.connect(topics, (event) => this.dispatch(event), controller.signal, {
      lastId: this.lastId,
      onPosition: (id) => { this.lastId = id; },
      onConnected: (connected) => { if (!controller.signal.aborted) this.setPolling(!connected); },
    });
  }

  private dispatch(event: StreamEvent): void {
    const sentFor = eventTopics(event);
    for (const { topics, handler } of [...this.subscribers.values()]) {
      if (sentFor === null || sentFor.some((topic) => topics.has(topic))) handler(event);
    }
  }

  private setPolling(on: boolean): void {
    if (!on) {
      if (this.pollTimer !== null) this.timers.clear(this.pollTimer);
      this.pollTimer = null;
      return;
    }
    if (this.pollTimer !== null) return;
    const tick = () => {
      this.pollTimer = this.timers.set(tick, this.pollMs);
      this.dispatch({ id: null, type: POLL_EVENT, data: null });
    };
    this.pollTimer = this.timers.set(tick, this.pollMs);
  }
}

function eventTopics(event: StreamEvent): string[] | null {
  const data = event.data as { topics?: unknown } | null;
  if (event.type === POLL_EVENT || !data || !Array.isArray(data.topics)) return null;
  return data.topics.filter((topic): topic is string => typeof topic === "string");
}

/** The tab's hub. */
export const streamHub = new StreamHub();
