import { describe, expect, it } from "vitest";
import { inlineText } from "./markdown";

describe("inlineText", () => {
  it("reduces links and emphasis", () => {
    expect(inlineText("[[a]] and [[b|B]] and [c](http://x) and __d__ and `e` and snake_case_word")).toBe(
      "a and B and c and d and e and snake_case_word",
    );
  });
});
