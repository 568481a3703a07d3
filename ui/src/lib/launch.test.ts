import { describe, expect, it } from "vitest";
import { firstScreen } from "./launch";

const p = (n: number) => ({ text: "x".repeat(n) });

describe("firstScreen", () => {
  it("takes passages until their text reaches the budget, the one that crosses it included", () => {
    const list = [p(100), p(300), p(50), p(400)];
    expect(firstScreen(list, 400)).toEqual(list.slice(0, 2));
    expect(firstScreen(list, 401)).toEqual(list.slice(0, 3));
  });
  it("takes at least one passage, and all when their text is shorter than the budget", () => {
    expect(firstScreen([p(5000), p(10)], 2400)).toHaveLength(1);
    expect(firstScreen([p(5), p(5)], 0)).toHaveLength(1);
    expect(firstScreen([p(10), p(10)], 2400)).toHaveLength(2);
    expect(firstScreen([], 2400)).toEqual([]);
  });
});
