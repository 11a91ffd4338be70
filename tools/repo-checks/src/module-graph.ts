import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The source files of a folder (recursively), tests and generated golden fixtures aside. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "dist" ? [] : sourceFiles(path);
    // Tests and their support files (*.test-support.ts) are not part of the published package.
    const isTestFile = name.endsWith(".test.ts") || name.endsWith(".test-support.ts");
    return name.endsWith(".ts") && !isTestFile && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * The module specifiers a file imports or re-exports (static forms only; the code has no others).
 * With `runtimeOnly`, `import type` / `export type` are left out: they are erased, so they load
 * nothing and cannot make a cycle at run time.
 */
export function importsOf(path: string, runtimeOnly = false): string[] {
  const text = readFileSync(path, "utf8");
  return [...text.matchAll(/^\s*(import|export)(\s+type)?\b[^'"]*?from\s+["']([^"']+)["']/gm)]
    .filter((m) => !(runtimeOnly && m[2]))
    .map((m) => m[3]!);
}

/** Relative imports resolved to files: `./x.js` -> `./x.ts`. */
export function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return resolve(dirname(from), specifier.replace(/\.js$/, ".ts"));
}

/** Every cycle of run-time relative imports among `files`, each as paths relative to `root`. */
export function importCycles(files: readonly string[], root: string): string[][] {
  const edges = new Map(files.map((f) => [f, importsOf(f, true).flatMap((s) => resolveRelative(f, s) ?? [])]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, "visiting");
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(root, f)));
      else if (!state.has(next) && edges.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}
