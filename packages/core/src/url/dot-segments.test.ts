import { describe, expect, it } from "vitest";
import { removeDotSegments } from "./dot-segments.js";

// RFC 3986 §5.2.4 gives two worked examples of remove_dot_segments.
describe("removeDotSegments", () => {
  it("follows the worked examples of RFC 3986 §5.2.4", () => {
    expect(removeDotSegments("/a/b/c/./../../g")).toBe("/a/g");
    expect(removeDotSegments("mid/content=5/../6")).toBe("mid/6");
  });

  it("keeps trailing slashes and empty segments", () => {
    expect(removeDotSegments("")).toBe("");
    expect(removeDotSegments("/")).toBe("/");
    expect(removeDotSegments("/a/")).toBe("/a/");
    expect(removeDotSegments("/a//b")).toBe("/a//b");
    expect(removeDotSegments("/a//../b")).toBe("/a/b");
  });

  it("never climbs above the root", () => {
    expect(removeDotSegments("/..")).toBe("/");
    expect(removeDotSegments("/../../a/..")).toBe("/");
  });
});
