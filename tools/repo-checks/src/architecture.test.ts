import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCycles, importsOf, sourceFiles } from "./module-graph.js";

/**
 * Design §2: dependencies point one way (core <- async-execute; core <- xml <- channels <-
 * service-model; security and metadata beside channels), CI fails on an import cycle, and no
 * package imports what its package.json does not declare.
 */
const root = fileURLToPath(new URL("../../..", import.meta.url));
const packages = readdirSync(join(root, "packages"));
const manifest = (pkg: string) => JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8"));

const ALLOWED: Record<string, string[]> = {
  core: [],
  "async-execute": ["core"],
  xml: ["core"],
  channels: ["core", "xml"],
  security: ["core", "xml"],
  metadata: ["core", "xml"],
  "service-model": ["core", "xml", "channels", "security"],
  webservices: ["core", "async-execute", "xml", "channels", "security", "service-model", "metadata"],
};

describe("package architecture", () => {
  it("knows every package", () => {
    expect(packages.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(packages)("@wwsapi/%s depends only on packages below it", (pkg) => {
    const deps = Object.keys(manifest(pkg).dependencies ?? {}).filter((d) => d.startsWith("@wwsapi/"));
    for (const dep of deps) expect(ALLOWED[pkg], `${pkg} -> ${dep}`).toContain(dep.slice("@wwsapi/".length));
  });

  it.each(packages)("@wwsapi/%s imports only Node built-ins and declared dependencies", (pkg) => {
    const declared = new Set(Object.keys(manifest(pkg).dependencies ?? {}));
    const undeclared = sourceFiles(join(root, "packages", pkg, "src"))
      .flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier })))
      .filter(({ specifier }) => !specifier.startsWith(".") && !specifier.startsWith("node:"))
      .filter(
        ({ specifier }) =>
          !declared.has(
            specifier
              .split("/")
              .slice(0, specifier.startsWith("@") ? 2 : 1)
              .join("/"),
          ),
      );
    expect(undeclared).toEqual([]);
  });

  it("has no import cycle inside any package", () => {
    const cycles = packages.flatMap((pkg) => importCycles(sourceFiles(join(root, "packages", pkg, "src")), root));
    expect(cycles).toEqual([]);
  });
});

describe("the cycle finder", () => {
  it("finds a cycle it is shown", () => {
    const dir = fileURLToPath(new URL("../test/cycle", import.meta.url));
    expect(importCycles(sourceFiles(dir), dir)).toEqual([["a.ts", "b.ts", "a.ts"]]);
  });
});
