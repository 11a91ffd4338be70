import { type SourceFile, type StatementStructures, StructureKind, VariableDeclarationKind } from "ts-morph";
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
  const out: (string | StatementStructures)[] = [];
  file.addImportDeclaration({ moduleSpecifier: "../errors/ws-error.js", namedImports: ["registerHresultNames"] });
  for (const h of spec.hresults) {
    out.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`${h.hex} (${h.severity}): ${h.meaning}`],
      declarations: [{ name: h.name, initializer: String(h.value) }],
    });
  }
  out.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Every HRESULT of the spec by name."],
    declarations: [{ name: "HRESULTS", initializer: `{ ${spec.hresults.map((h) => h.name).join(", ")} } as const` }],
  });
  out.push({ kind: StructureKind.TypeAlias, isExported: true, name: "HRESULT_NAME", type: "keyof typeof HRESULTS" });
  out.push({
    kind: StructureKind.VariableStatement,
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
  out.push("registerHresultNames(HRESULTS);");
  file.addStatements(out);
}

export function emitEnums(file: SourceFile, spec: Spec): void {
  const out: (string | StatementStructures)[] = [];
  for (const e of spec.enums) {
    const members = e.members.map((m) => `${m.name}: ${m.value}`).join(", ");
    out.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [e.kind === "flags" ? `The ${e.name}_* flag bits (#define constants in webservices.h).` : `enum ${e.name}`],
      declarations: [{ name: e.name, initializer: `{ ${members} } as const` }],
    });
    if (e.kind === "enum") {
      out.push({
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: e.name,
        type: e.members.length === 0 ? "never" : `(typeof ${e.name})[keyof typeof ${e.name}]`,
      });
      out.push({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`The values of ${e.name}, for argument checks.`],
        declarations: [{ name: `${e.name}_VALUES`, type: "ReadonlySet<number>", initializer: `new Set(Object.values(${e.name}))` }],
      });
    }
    for (const m of e.members) {
      out.push({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: m.name, initializer: String(m.value) }],
      });
    }
  }
  file.addStatements(out);
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
  const out: (string | StatementStructures)[] = [];
  importTypes(
    file,
    spec.structs.flatMap((s) => allFieldTypes(s.fields)),
    spec,
    "structs",
  );
  for (const s of spec.structs) {
    const folded = s.fields.filter((f) => f.countOf !== undefined).map((f) => `\`${f.name}\` is the length of \`${f.countOf}\``);
    const embedded = s.base === undefined ? null : s.fields[0]!.name;
    out.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: s.name,
      docs: [
        `struct ${s.name}${folded.length > 0 ? ` (${folded.join("; ")})` : ""}` +
          (s.base === undefined ? "" : `. Begins with ${s.base}: its fields are at the top, and \`${embedded}\` is the object itself.`),
      ],
      ...(s.base === undefined ? {} : { extends: [s.base] }),
      properties: s.fields
        .filter((f) => f.countOf === undefined)
        .map((f) => ({ name: f.name, hasQuestionToken: f.name === embedded, type: f.fields ? fieldsType(f.fields, "  ") : f.ts! })),
    });
  }
  file.addStatements(out);
}

export function emitCallbacks(file: SourceFile, spec: Spec): void {
  const out: (string | StatementStructures)[] = [];
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
    out.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: c.name,
      docs: [c.signature],
      type: `(${params}) => ${c.returns === "void" ? "void" : "HRESULT"}`,
    });
  }
  file.addStatements(out);
}

export function emitHandles(file: SourceFile, spec: Spec): void {
  const out: (string | StatementStructures)[] = [];
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: "../runtime/handle.js", namedImports: ["WsHandle"] });
  for (const h of spec.handles) {
    out.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: h.name,
      docs: [
        `${h.name}: ${h.threading === "single" ? "single-threaded (one operation at a time)" : "free-threaded (operations may overlap)"}; implemented by @wwsapi/${h.package}.${h.notes ? ` ${h.notes}` : ""}`,
      ],
      extends: [`WsHandle<"${h.name}", "${h.threading}">`],
    });
  }
  out.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The threading class of every handle type (design §5)."],
    declarations: [
      { name: "HANDLE_THREADING", initializer: `{ ${spec.handles.map((h) => `${h.name}: "${h.threading}"`).join(", ")} } as const` },
    ],
  });
  file.addStatements(out);
}

export function emitProperties(file: SourceFile, spec: Spec): void {
  const out: (string | StatementStructures)[] = [];
  const rows = spec.properties.map(
    (p) =>
      `  ${p.id}: { propertyEnum: ${JSON.stringify(p.enum)}, value: ${p.value}, valueType: ${JSON.stringify(p.valueType)}, documentedDefault: ${JSON.stringify(p.default)} },`,
  );
  out.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Every property id with its value type and documented default (null where the docs state none)."],
    declarations: [{ name: "PROPERTY_SPECS", initializer: `{\n${rows.join("\n")}\n} as const` }],
  });
  file.addStatements(out);
}
