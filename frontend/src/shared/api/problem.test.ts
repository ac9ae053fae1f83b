import { describe, expect, it } from "vitest";
import { ApiError, errorsUnder, unwrap } from "./problem";

const problem = {
  type: "about:blank", title: "Unprocessable Content", status: 422, detail: "2 problems",
  errors: [
    { pointer: "/body/rules/0/inputEntries/1", message: "not a unary test" },
    { parameter: "limit", message: "at most 1000" },
    { pointer: "/body/rules/0/inputEntries/1", message: "unknown column" },
  ],
};

describe("ApiError", () => {
  it("groups the server's errors by where they point", () => {
    const error = new ApiError(422, problem, "422");
    expect(error.byPointer).toEqual({
      "/body/rules/0/inputEntries/1": ["not a unary test", "unknown column"],
      limit: ["at most 1000"],
    });
    expect(error.message).toBe("Unprocessable Content: 2 problems");
    expect(errorsUnder(error, "/body/rules")).toEqual({ "/0/inputEntries/1": ["not a unary test", "unknown column"] });
  });

  it("unwrap returns data on success and throws the problem otherwise", () => {
    expect(unwrap({ data: 5, response: new Response(null, { status: 200 }) })).toBe(5);
    expect(() => unwrap({ error: problem, response: new Response(null, { status: 422 }) })).toThrow(ApiError);
    try {
      unwrap({ error: "boom", response: new Response(null, { status: 502, statusText: "Bad Gateway" }) });
    } catch (error) {
      expect((error as ApiError).problem).toBeNull();
      expect((error as ApiError).status).toBe(502);
    }
  });
});
