import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { useHistory } from "./useHistory";

describe("useHistory", () => {
  it("undoes and redoes, and a new change drops the redo branch", () => {
    const { result } = renderHook(() => useHistory(0));
    act(() => result.current.set(1));
    act(() => result.current.set((n) => n + 1));
    expect(result.current.value).toBe(2);
    act(() => result.current.undo());
    act(() => result.current.undo());
    expect(result.current.value).toBe(0);
    expect(result.current.canUndo).toBe(false);
    act(() => result.current.redo());
    expect(result.current.value).toBe(1);
    act(() => result.current.set(5));
    expect(result.current.canRedo).toBe(false);
    act(() => result.current.reset(9));
    expect([result.current.value, result.current.canUndo]).toEqual([9, false]);
  });
});
