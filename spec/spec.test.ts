import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { loadSpec, validateSpec } from "../tools/codegen/src/spec/load-spec.js";
import { readTsv } from "../tools/spec-import/src/tsv.js";

/**
 * The spec against its schemas and against the published fact tables it was built from
 * (../shared/reference, beside the repository as in CI).
 */
const specDir = fileURLToPath(new URL(".", import.meta.url));
const referenceDir = fileURLToPath(new URL("../../shared/reference", import.meta.url));
const spec = loadSpec(specDir);

describe("spec/", () => {
  it("validates against its JSON Schemas", () => {
    expect(validateSpec(specDir)).toEqual([]);
  });

  it("the schemas reject a spec that breaks them", () => {
    const functions = JSON.parse(readFileSync(`${specDir}/functions.json`, "utf8"));
    functions.functions[0].params[0].kind = "pointer";
    const ajv = new Ajv2020({ strict: true, strictRequired: false });
    ajv.addSchema(JSON.parse(readFileSync(`${specDir}/schema/common.schema.json`, "utf8")));
    const validate = ajv.compile(JSON.parse(readFileSync(`${specDir}/schema/functions.schema.json`, "utf8")));
    expect(validate(functions)).toBe(false);
  });

  it("has the whole API: 193 functions (26 async-capable), 15 handles, 50 HRESULTs", () => {
    expect(spec.functions).toHaveLength(193);
    expect(spec.functions.filter((f) => f.async)).toHaveLength(26);
    expect(spec.handles).toHaveLength(15);
    expect(spec.hresults).toHaveLength(50);
  });
});

describe.runIf(existsSync(referenceDir) || process.env.CI)("spec/ against ../shared/reference", () => {
  const table = (name: string) => readTsv(`${referenceDir}/${name}.tsv`);

  it("every function, with the same parameter list, async flag and handles", () => {
    const rows = table("functions");
    expect(spec.functions.map((f) => f.name).sort()).toEqual(rows.map((r) => r.name).sort());
    for (const row of rows) {
      const f = spec.functions.find((x) => x.name === row.name)!;
      const params = JSON.parse(row.params!) as { name: string; type: string; dir: string; optional: boolean }[];
      expect(
        f.params.map(({ name, type, dir, optional }) => ({ name, type, dir, optional })),
        row.name,
      ).toEqual(params);
      expect(f.async, row.name).toBe(row.async === "true");
      expect(f.returns, row.name).toBe(row.returns);
      expect(f.area, row.name).toBe(row.area);
    }
  });

  it("every handle with its threading class", () => {
    const rows = table("handles");
    expect(spec.handles.map((h) => [h.name, h.threading])).toEqual(rows.map((r) => [r.handle, r.threading]));
  });

  it("every HRESULT with its value", () => {
    const rows = table("hresults");
    expect(spec.hresults.map((h) => [h.name, h.value, h.hex])).toEqual(rows.map((r) => [r.name, Number(r.value_signed), r.value_hex]));
  });

  it("every enum member and #define constant with its value", () => {
    const members = spec.enums.flatMap((e) => e.members.map((m) => [m.name, m.value]));
    const rows = table("enums").filter((r) => r.kind !== "empty-enum");
    expect(members.sort()).toEqual(rows.map((r) => [r.member, Number(r.value)]).sort());
  });

  it("every struct, callback and property id, with documented defaults", () => {
    const structs = table("structs");
    expect(spec.structs.map((s) => s.name).sort()).toEqual(
      structs
        .filter((r) => r.kind === "struct")
        .map((r) => r.name)
        .sort(),
    );
    expect(spec.callbacks.map((c) => c.name).sort()).toEqual(
      structs
        .filter((r) => r.kind === "callback")
        .map((r) => r.name)
        .sort(),
    );
    const properties = table("properties").filter((r) => r.id && !r.id.startsWith("("));
    expect(spec.properties.map((p) => [p.id, p.value, p.default ?? ""])).toEqual(properties.map((r) => [r.id, Number(r.value), r.default]));
  });
});
