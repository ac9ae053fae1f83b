import { describe, expect, it } from "vitest";
import { StreamHub, type Connect, type Handler } from "./hub";
import type { FollowOptions, StreamEvent } from "./sse";

interface Connection {
  topics: string[];
  emit: Handler;
  signal: AbortSignal;
  options: FollowOptions;
}

function manualTimers() {
  const due: { run: () => void; ms: number; handle: number }[] = [];
  let next = 1;
  return {
    timers: {
      set: (run: () => void, ms: number) => { const handle = next++; due.push({ run, ms, handle }); return handle; },
      clear: (handle: unknown) => { const at = due.findIndex((t) => t.handle === handle); if (at >= 0) due.splice(at, 1); },
    },
    /** Run every timer due now (and the ones they set, once). */
    flush: () => { for (const timer of due.splice(0)) timer.run(); },
    pending: () => due.length,
  };
}

function setUp() {
  const connections: Connection[] = [];
  const connect: Connect = (topics, emit, signal, options) => {
    connections.push({ topics, emit, signal, options });
    return new Promise(() => {});
  };
  const clock = manualTimers();
  const hub = new StreamHub(connect, clock.timers, 50, 20000);
  return { hub, connections, clock };
}

const event = (topics: string[], id = "1"): StreamEvent => ({ id, type: "orderStateChanged", data: { topics } });

describe("StreamHub", () => {
  it("after a reset no event reaches the old subscribers and the connection is closed", () => {
    const { hub, connections, clock } = setUp();
    const seen: string[] = [];
    hub.subscribe(["order:a"], () => seen.push("a"));
    clock.flush();
    hub.reset();
    expect(connections[0].signal.aborted).toBe(true);
    connections[0].emit(event(["order:a"]));
    expect(seen).toEqual([]);
    expect(hub.following).toBe("");
  });


  it("opens one connection for the union of the subscribers' topics", () => {
    const { hub, connections, clock } = setUp();
    hub.subscribe(["order:a"], () => {});
    hub.subscribe(["queue:*", "order:a"], () => {});
    clock.flush();
    expect(connections.map((c) => c.topics)).toEqual([["order:a", "queue:*"]]);
  });

  it("hands an event only to the subscribers of the topics it was sent for", () => {
    const { hub, connections, clock } = setUp();
    const seen: string[] = [];
    hub.subscribe(["order:a"], () => seen.push("a"));
    hub.subscribe(["order:b"], () => seen.push("b"));
    clock.flush();
    connections[0].emit(event(["order:b"]));
    expect(seen).toEqual(["b"]);
  });

  it("reconnects after the last event when the topics change, and closes when nobody follows", () => {
    const { hub, connections, clock } = setUp();
    const stop = hub.subscribe(["order:a"], () => {});
    clock.flush();
    connections[0].options.onPosition?.("41");
    hub.subscribe(["order:b"], () => {});
    clock.flush();
    expect(connections[0].signal.aborted).toBe(true);
    expect(connections[1].topics).toEqual(["order:a", "order:b"]);
    expect(connections[1].options.lastId).toBe("41");
    stop();
    clock.flush();
    expect(connections[2].topics).toEqual(["order:b"]);
    expect(hub.following).toBe("order:b");
  });

  it("does not reconnect when a page remounts with the same topics", () => {
    const { hub, connections, clock } = setUp();
    const stop = hub.subscribe(["order:a"], () => {});
    clock.flush();
    stop();
    hub.subscribe(["order:a"], () => {});
    clock.flush();
    expect(connections).toHaveLength(1);
  });

  it("polls every subscriber while the server refuses the stream, and stops once it is back", () => {
    const { hub, connections, clock } = setUp();
    const seen: string[] = [];
    hub.subscribe(["order:a"], (e) => seen.push(e.type));
    clock.flush();
    connections[0].options.onConnected?.(false);
    clock.flush();
    expect(seen).toEqual(["poll"]);
    connections[0].options.onConnected?.(true);
    expect(clock.pending()).toBe(0);
  });
});
