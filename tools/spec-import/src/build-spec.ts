import { CORE_NATIVE_TYPES, type TypeNames } from "./c-types.js";
import { bindFields, type CField } from "./field-bindings.js";
import { FIELD_TS_OVERRIDES, HOLDS_OVERRIDES, PARAM_TS_OVERRIDES } from "./overrides.js";
import { packageOfFunction, packageOfHandle } from "./packages.js";
import { bindParams, type CParam } from "./param-bindings.js";
import { readTsv } from "./tsv.js";

const list = (cell: string | undefined) => (cell ? cell.split(",").filter((s) => s.length > 0) : []);
const bool = (cell: string | undefined) => cell === "true";
const nullIfEmpty = (cell: string | undefined) => (cell === undefined || cell === "" ? null : cell);

/**
 * A "base" struct is a type discriminator that other structs begin with (WS_XML_NODE {nodeType},
 * WS_XML_TEXT {textType}, WS_URL {scheme}, WS_XML_READER_ENCODING {encodingType} ...): in C a
 * pointer to the derived struct is passed where the base is expected. Such a derived struct records
 * its `base`, and its first field (the embedded base) is the object itself in the bindings.
 */
function bindStructs(structs: Record<string, string>[], names: TypeNames) {
  const rows = structs.filter((s) => s.kind === "struct");
  const fieldsOf = new Map(rows.map((s) => [s.name!, JSON.parse(s.fields!) as CField[]]));
  const isBase = (name: string) => {
    const first = fieldsOf.get(name)?.[0];
    return first !== undefined && names.enums.has(first.type) && first.type.endsWith("_TYPE");
  };
  return rows.map((s) => {
    const fields = fieldsOf.get(s.name!)!;
    const base = fields[0] !== undefined && fieldsOf.has(fields[0].type) && isBase(fields[0].type) ? fields[0].type : undefined;
    const bound = bindFields(fields, names, s.name!).map((f) => {
      const override = FIELD_TS_OVERRIDES[`${s.name}.${f.name}`];
      return override === undefined ? f : { ...f, ts: override.ts };
    });
    return { name: s.name, ...(base ? { base } : {}), fields: bound };
  });
}

/** Reads ../shared/reference and returns the content of every spec/*.json file. */
export function buildSpec(referenceDir: string): Record<string, unknown> {
  const functions = readTsv(`${referenceDir}/functions.tsv`);
  const handles = readTsv(`${referenceDir}/handles.tsv`);
  const enums = readTsv(`${referenceDir}/enums.tsv`);
  const structs = readTsv(`${referenceDir}/structs.tsv`);
  const properties = readTsv(`${referenceDir}/properties.tsv`);
  const hresults = readTsv(`${referenceDir}/hresults.tsv`);

  const enumNames = new Set(enums.filter((e) => e.kind !== "define").map((e) => e.enum!));
  const names: TypeNames = {
    handles: new Set(handles.map((h) => h.handle!)),
    enums: new Set([...enumNames, ...structs.filter((s) => s.kind === "enum").map((s) => s.name!)]),
    structs: new Set(structs.filter((s) => s.kind === "struct").map((s) => s.name!)),
    callbacks: new Set(structs.filter((s) => s.kind === "callback").map((s) => s.name!)),
  };
  for (const n of CORE_NATIVE_TYPES) if (names.structs.has(n)) throw new Error(`${n} is both native and in structs.tsv`);

  const handleThreading = new Map(handles.map((h) => [h.handle!, h.threading!]));

  const specFunctions = functions.map((f) => {
    const params = bindParams(JSON.parse(f.params!) as CParam[], names);
    for (const p of params) {
      const override = PARAM_TS_OVERRIDES[`${f.name}.${p.name}`];
      if (override) p.ts = override.ts;
    }
    const holds = HOLDS_OVERRIDES[f.name!]?.holds ?? params.filter((p) => p.kind === "handle" || p.kind === "errorSink").map((p) => p.name);
    return {
      name: f.name,
      area: f.area,
      package: packageOfFunction(f.name!, f.area!),
      returns: f.returns,
      async: bool(f.async),
      holds,
      params,
      documentedReturnCodes: list(f.sdkdoc_return_codes),
      wine: f.wine_spec,
    };
  });
  for (const f of specFunctions) {
    for (const h of f.holds) {
      const p = f.params.find((q) => q.name === h)!;
      const type = (p.check ?? "").replace("handle:", "");
      if (!handleThreading.has(type)) throw new Error(`${f.name}.${h}: unknown handle ${type}`);
    }
  }

  const byEnum = new Map<string, { name: string; kind: "enum" | "flags"; members: { name: string; value: number }[] }>();
  for (const row of enums) {
    const isDefine = row.kind === "define";
    // "#define:WS_*_HEADER_ATTRIBUTE" names its group with a wildcard in the middle.
    let name = isDefine
      ? row
          .enum!.replace(/^#define:/, "")
          .replace(/_\*$/, "")
          .replace("WS_*_", "WS_")
      : row.enum!;
    // A flag group named like a struct (WS_HTTP_HEADER_MAPPING) would clash with it on export.
    if (isDefine && (names.structs.has(name) || names.enums.has(name))) name = `${name}_FLAGS`;
    let e = byEnum.get(name);
    if (e === undefined) byEnum.set(name, (e = { name, kind: isDefine ? "flags" : "enum", members: [] }));
    if (row.kind !== "empty-enum" && row.member) e.members.push({ name: row.member, value: Number(row.value) });
  }

  return {
    "functions.json": { functions: specFunctions },
    "handles.json": {
      handles: handles.map((h) => ({
        name: h.handle,
        threading: h.threading,
        package: packageOfHandle(h.handle!),
        create: list(h.create),
        free: nullIfEmpty(h.free),
        reset: nullIfEmpty(h.reset),
        propertyIdEnums: list(h.property_id_enum),
        stateEnum: nullIfEmpty(h.state_enum),
        notes: nullIfEmpty(h.notes),
      })),
    },
    "enums.json": { enums: [...byEnum.values()] },
    "structs.json": { structs: bindStructs(structs, names) },
    "callbacks.json": {
      callbacks: structs
        .filter((s) => s.kind === "callback")
        .map((s) => ({
          name: s.name,
          signature: s.callback_signature,
          returns: /^void\s/.test(s.callback_signature!) ? "void" : "HRESULT",
          params: bindParams(
            (JSON.parse(s.callback_params!) as (Omit<CParam, "dir"> & { dir: string })[]).map((p) => ({
              ...p,
              // An inout parameter (WS_ASYNC_FUNCTION.next) is a struct the callee updates in place.
              dir: p.dir === "out" ? "out" : "in",
            })),
            names,
          ),
        })),
    },
    "properties.json": {
      properties: properties
        .filter((p) => p.id && !p.id.startsWith("("))
        .map((p) => ({
          enum: p.property_enum,
          id: p.id,
          value: Number(p.value),
          valueType: nullIfEmpty(p.value_type),
          default: nullIfEmpty(p.default),
          appliesTo: nullIfEmpty(p.applies_to),
          notes: nullIfEmpty(p.notes),
        })),
    },
    "hresults.json": {
      hresults: hresults.map((h) => ({
        name: h.name,
        value: Number(h.value_signed),
        hex: h.value_hex,
        severity: h.severity,
        kind: h.kind,
        meaning: h.meaning,
      })),
    },
  };
}
