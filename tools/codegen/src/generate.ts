import { IndentationText, Project, QuoteKind } from "ts-morph";
import { emitPackage } from "./emit/emit-package.js";
import { statusPage } from "./emit/emit-status.js";
import { emitCallbacks, emitEnums, emitHandles, emitHresults, emitProperties, emitStructs } from "./emit/emit-types.js";
import { GENERATED_HEADER } from "./emit/names.js";
import type { PackageName, Spec, SpecParam } from "./spec/types.js";

export const PACKAGE_ORDER: readonly PackageName[] = ["core", "async-execute", "xml", "channels", "security", "service-model", "metadata"];

const ROOT = "/repo";

/** C parameter names that strict-mode JavaScript reserves, and the names the bindings use instead. */
const RESERVED_PARAM_NAMES: Record<string, string> = { arguments: "argumentValues" };

function withJsSafeParamNames(spec: Spec): Spec {
  const rename = (p: SpecParam): SpecParam => {
    const name = RESERVED_PARAM_NAMES[p.name];
    return name === undefined ? p : { ...p, name };
  };
  return {
    ...spec,
    functions: spec.functions.map((f) => ({ ...f, params: f.params.map(rename) })),
    callbacks: spec.callbacks.map((c) => ({ ...c, params: c.params.map(rename) })),
  };
}

/**
 * Everything the generator writes, as repository-relative path -> text. Pure: the same spec and
 * the same set of implemented functions give the same bytes.
 */
export function generate(
  specAsWritten: Spec,
  implemented: ReadonlySet<string>,
  packages: readonly PackageName[] = PACKAGE_ORDER,
): Map<string, string> {
  const spec = withJsSafeParamNames(specAsWritten);
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, useTrailingCommas: true },
  });
  const coreGen = `${ROOT}/packages/core/src/gen`;
  const typeFiles: [string, (f: import("ts-morph").SourceFile, s: Spec) => void][] = [
    ["hresults.ts", emitHresults],
    ["enums.ts", emitEnums],
    ["structs.ts", emitStructs],
    ["callbacks.ts", emitCallbacks],
    ["handles.ts", emitHandles],
    ["properties.ts", emitProperties],
  ];
  if (packages.includes("core")) {
    for (const [name, emit] of typeFiles) emit(project.createSourceFile(`${coreGen}/${name}`, ""), spec);
  }
  for (const pkg of packages) emitPackage(project, ROOT, pkg, spec);

  const out = new Map<string, string>();
  for (const file of project.getSourceFiles())
    out.set(file.getFilePath().slice(ROOT.length + 1), `${GENERATED_HEADER}\n\n${file.getFullText()}`);
  out.set("docs/api-status.md", statusPage(spec, implemented));
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}
