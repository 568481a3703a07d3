import { describe, expect, it } from "vitest";
import { once } from "./views";

describe("once", () => {
  it("loads on the first call only and hands every caller the same promise", async () => {
    let calls = 0;
    const load = once(async () => ++calls);
    expect(calls).toBe(0);
    const a = load();
    const b = load();
    expect(a).toBe(b);
    expect(await a).toBe(1);
    expect(await load()).toBe(1);
    expect(calls).toBe(1);
  });

  it("keeps a failed load's promise (the view shows the failure where it is opened)", async () => {
    let calls = 0;
    const load = once(async () => {
      calls++;
      throw new Error("offline");
    });
    await expect(load()).rejects.toThrow("offline");
    await expect(load()).rejects.toThrow("offline");
    expect(calls).toBe(1);
  });
});
