import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, PACKAGE_ORDER } from "./generate.js";
import { readImplemented } from "./read-implementations.js";
import { loadSpec } from "./spec/load-spec.js";

// `write` regenerates every generated file; `check` fails when any differs (CI: `pnpm codegen:check`).
const mode = process.argv[2];
if (mode !== "write" && mode !== "check") {
  console.error("usage: cli.ts write|check");
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const spec = loadSpec(join(root, "spec"));
const files = generate(spec, readImplemented(root, PACKAGE_ORDER));

// Files in a gen folder that the generator no longer writes are drift too.
const stale = PACKAGE_ORDER.flatMap((pkg) => {
  const dir = join("packages", pkg, "src/gen");
  return existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .map((f) => join(dir, f))
        .filter((f) => !files.has(f))
    : [];
});

if (mode === "write") {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    const current = existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : null;
    if (current !== text) writeFileSync(join(root, path), text);
  }
  for (const path of stale) rmSync(join(root, path));
  console.log(`codegen: ${files.size} files written (${stale.length} stale removed)`);
} else {
  const drift = [...files]
    .filter(([path, text]) => !existsSync(join(root, path)) || readFileSync(join(root, path), "utf8") !== text)
    .map(([p]) => p);
  if (drift.length + stale.length > 0) {
    console.error(
      `codegen:check: generated files differ from what the spec produces; run \`pnpm codegen\`:\n${[...drift, ...stale.map((s) => `${s} (stale)`)].map((p) => `  ${p}`).join("\n")}`,
    );
    process.exit(1);
  }
  console.log(`codegen:check: ${files.size} generated files match the spec`);
}
