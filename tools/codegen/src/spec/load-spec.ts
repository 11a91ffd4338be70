import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { SPEC_FILES, type Spec } from "./types.js";

export interface SchemaProblem {
  file: string;
  problems: string[];
}

/** Validates every spec/*.json against its schema; returns the problems (empty when valid). */
export function validateSpec(specDir: string): SchemaProblem[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addSchema(JSON.parse(readFileSync(join(specDir, "schema/common.schema.json"), "utf8")));
  const out: SchemaProblem[] = [];
  for (const name of SPEC_FILES) {
    const validate = ajv.compile(JSON.parse(readFileSync(join(specDir, `schema/${name}.schema.json`), "utf8")));
    if (!validate(JSON.parse(readFileSync(join(specDir, `${name}.json`), "utf8")))) {
      out.push({ file: `${name}.json`, problems: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) });
    }
  }
  return out;
}

/** Reads and validates the spec; throws with every schema problem when it is invalid. */
export function loadSpec(specDir: string): Spec {
  const problems = validateSpec(specDir);
  if (problems.length > 0) {
    throw new Error(`spec is invalid:\n${problems.map((p) => `${p.file}: ${p.problems.slice(0, 10).join("; ")}`).join("\n")}`);
  }
  const read = (name: string) => JSON.parse(readFileSync(join(specDir, `${name}.json`), "utf8")) as Record<string, unknown>;
  return Object.fromEntries(SPEC_FILES.map((name) => [name, read(name)[name]])) as unknown as Spec;
}
