import { describe, expect, it } from "vitest";
import { dependenciesOf, inDependencyOrder, itemsServed } from "./orchestration";

const task = (id: string, key: string, dependsOn: string[] = [], domainOrderId = "d1") => ({ id, key, dependsOn, domainOrderId });

describe("orchestration view", () => {
  it("lists the items a domain order serves once each", () => {
    expect(itemsServed([{ itemId: "2" }, { itemId: "1" }, { itemId: "2" }, {}])).toEqual(["2", "1"]);
    expect(itemsServed(undefined)).toEqual([]);
  });
  it("orders tasks after what they depend on, surviving cycles", () => {
    const tasks = [task("c", "activate", ["install"]), task("a", "reserve"), task("b", "install", ["reserve"])];
    expect(inDependencyOrder(tasks).map((t) => t.key)).toEqual(["reserve", "install", "activate"]);
    expect(inDependencyOrder([task("x", "x", ["y"]), task("y", "y", ["x"])]).map((t) => t.key)).toEqual(["y", "x"]);
  });
  it("highlights the chain before and after the chosen task, in its domain order only", () => {
    const tasks = [task("a", "reserve"), task("b", "install", ["reserve"]), task("c", "activate", ["install"]),
      task("z", "install", [], "d2")];
    const found = dependenciesOf(tasks, "b");
    expect([...found.upstream]).toEqual(["a"]);
    expect([...found.downstream]).toEqual(["c"]);
    expect(dependenciesOf(tasks, "c").upstream).toEqual(new Set(["b", "a"]));
    expect(dependenciesOf(tasks, null).upstream.size).toBe(0);
  });
});
