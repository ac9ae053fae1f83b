import { describe, expect, it } from "vitest";
import { parseFrames } from "./sse";

describe("parseFrames", () => {
  it("reads named events with their id and keeps an unfinished frame for later", () => {
    const { events, rest } = parseFrames('retry: 3000\nid: 7\n\nid: 8\nevent: orderStateChanged\ndata: {"a":1}\n\nid: 9\ndata: par');
    expect(events).toEqual([
      { id: "7", type: "message", data: "", retry: 3000 },
      { id: "8", type: "orderStateChanged", data: '{"a":1}', retry: null },
    ]);
    expect(rest).toBe("id: 9\ndata: par");
  });

  it("skips comment heartbeats and joins multi-line data", () => {
    const { events } = parseFrames(": keep-alive\n\ndata: a\ndata: b\n\n");
    expect(events).toEqual([{ id: null, type: "message", data: "", retry: null }, { id: null, type: "message", data: "a\nb", retry: null }]);
  });
});
