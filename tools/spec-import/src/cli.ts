import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSpec } from "./build-spec.js";

// Usage: tsx tools/spec-import/src/cli.ts [referenceDir]; writes spec/*.json at the repository root.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const referenceDir = resolve(process.argv[2] ?? join(root, "../shared/reference"));
const spec = buildSpec(referenceDir);
mkdirSync(join(root, "spec"), { recursive: true });
for (const [file, content] of Object.entries(spec)) {
  const withSchema = { $schema: `./schema/${file.replace(".json", ".schema.json")}`, ...(content as object) };
  writeFileSync(join(root, "spec", file), `${JSON.stringify(withSchema, null, 2)}\n`);
  console.log(`spec/${file}`);
}
