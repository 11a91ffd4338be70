import type { SourceFile } from "ts-morph";
import { VariableDeclarationKind } from "ts-morph";
import type { Spec, SpecField } from "../spec/types.js";
import { type TypeOrigin, typeOrigins, typesUsedIn, visibleParams } from "./names.js";

/** The shared vocabulary of the API, emitted into core's src/gen: one file per kind of element. */

const ORIGIN_MODULE: Record<TypeOrigin, string> = {
  enums: "./enums.js",
  structs: "./structs.js",
  callbacks: "./callbacks.js",
  handles: "./handles.js",
  native: "../types/native.js",
  runtime: "../runtime/async-runtime.js",
};

/** Adds `import type` declarations for the known types used in `texts`, except from `self`. */
export function importTypes(
  file: SourceFile,
  texts: Iterable<string>,
  spec: Spec,
  self: TypeOrigin | null,
  moduleFor?: (o: TypeOrigin) => string,
): void {
  const origins = typeOrigins(spec);
  const byModule = new Map<string, string[]>();
  for (const name of typesUsedIn(texts, origins)) {
    const origin = origins.get(name)!;
    if (origin === self) continue;
    const module = moduleFor ? moduleFor(origin) : ORIGIN_MODULE[origin];
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  for (const [moduleSpecifier, names] of [...byModule].sort(([a], [b]) => a.localeCompare(b))) {
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier, namedImports: names });
  }
}

export function emitHresults(file: SourceFile, spec: Spec): void {
  file.addImportDeclaration({ moduleSpecifier: "../errors/ws-error.js", namedImports: ["registerHresultNames"] });
  for (const h of spec.hresults) {
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`${h.hex} (${h.severity}): ${h.meaning}`],
      declarations: [{ name: h.name, initializer: String(h.value) }],
    });
  }
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Every HRESULT of the spec by name."],
    declarations: [{ name: "HRESULTS", initializer: `{ ${spec.hresults.map((h) => h.name).join(", ")} } as const` }],
  });
  file.addTypeAlias({ isExported: true, name: "HRESULT_NAME", type: "keyof typeof HRESULTS" });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The documented meaning of each HRESULT (the text WsGetErrorString gives for WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)."],
    declarations: [
      {
        name: "HRESULT_MEANINGS",
        type: "ReadonlyMap<number, string>",
        initializer: `new Map([\n${spec.hresults.map((h) => `  [${h.name}, ${JSON.stringify(h.meaning)}],`).join("\n")}\n])`,
      },
    ],
  });
  file.addStatements("registerHresultNames(HRESULTS);");
}

export function emitEnums(file: SourceFile, spec: Spec): void {
  for (const e of spec.enums) {
    const members = e.members.map((m) => `${m.name}: ${m.value}`).join(", ");
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [e.kind === "flags" ? `The ${e.name}_* flag bits (#define constants in webservices.h).` : `enum ${e.name}`],
      declarations: [{ name: e.name, initializer: `{ ${members} } as const` }],
    });
    if (e.kind === "enum") {
      file.addTypeAlias({
        isExported: true,
        name: e.name,
        type: e.members.length === 0 ? "never" : `(typeof ${e.name})[keyof typeof ${e.name}]`,
      });
      file.addVariableStatement({
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`The values of ${e.name}, for argument checks.`],
        declarations: [{ name: `${e.name}_VALUES`, type: "ReadonlySet<number>", initializer: `new Set(Object.values(${e.name}))` }],
      });
    }
    for (const m of e.members) {
      file.addVariableStatement({
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: m.name, initializer: String(m.value) }],
      });
    }
  }
}

function fieldsType(fields: readonly SpecField[], indent: string): string {
  const lines = fields.flatMap((f) => {
    if (f.countOf !== undefined) return [];
    const type = f.fields ? fieldsType(f.fields, `${indent}  `) : f.ts!;
    return [`${indent}  ${f.name}: ${type};`];
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

function allFieldTypes(fields: readonly SpecField[]): string[] {
  return fields.flatMap((f) => (f.fields ? allFieldTypes(f.fields) : f.ts ? [f.ts] : []));
}

export function emitStructs(file: SourceFile, spec: Spec): void {
  importTypes(
    file,
    spec.structs.flatMap((s) => allFieldTypes(s.fields)),
    spec,
    "structs",
  );
  for (const s of spec.structs) {
    const folded = s.fields.filter((f) => f.countOf !== undefined).map((f) => `\`${f.name}\` is the length of \`${f.countOf}\``);
    file.addTypeAlias({
      isExported: true,
      name: s.name,
      docs: [`struct ${s.name}${folded.length > 0 ? ` (${folded.join("; ")})` : ""}`],
      type: fieldsType(s.fields, ""),
    });
  }
}

export function emitCallbacks(file: SourceFile, spec: Spec): void {
  importTypes(
    file,
    spec.callbacks.flatMap((c) => c.params.flatMap((p) => (p.ts ? [p.ts] : []))).concat(["HRESULT", "WS_ERROR"]),
    spec,
    "callbacks",
  );
  for (const c of spec.callbacks) {
    const params = visibleParams(c.params)
      .map((p) => `${p.name}: ${p.ts}`)
      .join(", ");
    file.addTypeAlias({
      isExported: true,
      name: c.name,
      docs: [c.signature],
      type: `(${params}) => ${c.returns === "void" ? "void" : "HRESULT"}`,
    });
  }
}

export function emitHandles(file: SourceFile, spec: Spec): void {
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: "../runtime/handle.js", namedImports: ["WsHandle"] });
  for (const h of spec.handles) {
    file.addInterface({
      isExported: true,
      name: h.name,
      docs: [
        `${h.name}: ${h.threading === "single" ? "single-threaded (one operation at a time)" : "free-threaded (operations may overlap)"}; implemented by @wwsapi/${h.package}.${h.notes ? ` ${h.notes}` : ""}`,
      ],
      extends: [`WsHandle<"${h.name}", "${h.threading}">`],
    });
  }
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The threading class of every handle type (design §5)."],
    declarations: [
      { name: "HANDLE_THREADING", initializer: `{ ${spec.handles.map((h) => `${h.name}: "${h.threading}"`).join(", ")} } as const` },
    ],
  });
}

export function emitProperties(file: SourceFile, spec: Spec): void {
  const rows = spec.properties.map(
    (p) =>
      `  ${p.id}: { propertyEnum: ${JSON.stringify(p.enum)}, value: ${p.value}, valueType: ${JSON.stringify(p.valueType)}, documentedDefault: ${JSON.stringify(p.default)} },`,
  );
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Every property id with its value type and documented default (null where the docs state none)."],
    declarations: [{ name: "PROPERTY_SPECS", initializer: `{\n${rows.join("\n")}\n} as const` }],
  });
}
