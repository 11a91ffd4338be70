import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { INLINE_SPEC } from "../test/inline-spec.js";
import { generate } from "./generate.js";
import { loadSpec } from "./spec/load-spec.js";

const fixture = (path: string) => fileURLToPath(new URL(`../test/fixture/${path}`, import.meta.url));
const IMPLEMENTED = new Set(["WsTestAlloc", "WsTestFill", "WsTestUseHeap", "WsTestSend", "WsTestCopy", "WsTestFree"]);

describe("generator on the inline spec", () => {
  const files = generate(INLINE_SPEC, IMPLEMENTED, ["xml"]);

  it("writes the four files of a package's gen folder and the status page", () => {
    expect([...files.keys()]).toEqual([
      "docs/api-status.md",
      "packages/xml/src/gen/api.ts",
      "packages/xml/src/gen/implementation.ts",
      "packages/xml/src/gen/index.ts",
      "packages/xml/src/gen/promises.ts",
    ]);
  });

  it.each(["api.ts", "implementation.ts", "index.ts", "promises.ts"])("gen/%s matches the golden file", (name) => {
    // The golden files are the committed fixture; regenerate them with UPDATE_GOLDEN=1.
    const text = files.get(`packages/xml/src/gen/${name}`)!;
    const path = fixture(`packages/xml/src/gen/${name}`);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, "utf8"));
  });

  it("marks implemented and E_NOTIMPL functions on the status page", () => {
    const status = files.get("docs/api-status.md")!;
    expect(status).toContain("| WsTestMissing | @wwsapi/xml | xml |  | E_NOTIMPL |");
    expect(status).toContain("| WsTestFill | @wwsapi/xml | xml | yes | implemented |");
  });

  it("is deterministic", () => {
    expect(generate(INLINE_SPEC, IMPLEMENTED, ["xml"])).toEqual(files);
  });
});

describe("generator on the real spec", () => {
  it("emits a flat function for each of the 193 functions and 26 Promise adapters", () => {
    const spec = loadSpec(fileURLToPath(new URL("../../../spec", import.meta.url)));
    const files = generate(spec, new Set());
    const all = [...files.values()].join("\n");
    expect(all.match(/^export function Ws\w+\(/gm)?.filter((l) => !l.includes("Async(")).length).toBe(193);
    expect(all.match(/^export function Ws\w+Async\(/gm)?.length).toBe(26);
  });
});
