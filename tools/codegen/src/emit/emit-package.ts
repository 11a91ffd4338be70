import type { Project } from "ts-morph";
import type { PackageName, Spec, SpecFunction } from "../spec/types.js";
import { apiText } from "./emit-api.js";
import { importTypes } from "./emit-types.js";
import { implementationInterfaceName, paramDeclaration, type TypeOrigin, visibleParams } from "./names.js";

/** Emits src/gen/{api,implementation,promises,index}.ts of one package into `project`. */
export function emitPackage(project: Project, root: string, pkg: PackageName, spec: Spec): void {
  const functions = spec.functions.filter((f) => f.package === pkg);
  const isCore = pkg === "core";
  const gen = `${root}/packages/${pkg}/src/gen`;
  const typeModule = (origin: TypeOrigin): string => {
    if (!isCore) return "@wwsapi/core";
    return {
      enums: "./enums.js",
      structs: "./structs.js",
      callbacks: "./callbacks.js",
      handles: "./handles.js",
      native: "../types/native.js",
      runtime: "../runtime/async-runtime.js",
    }[origin];
  };
  const runtimeModule = isCore ? "../runtime/index.js" : "@wwsapi/core/internal";
  const enumModule = isCore ? "./enums.js" : "@wwsapi/core";
  const interfaceName = implementationInterfaceName(pkg);
  const signatureTypes = (f: SpecFunction) =>
    visibleParams(f.params)
      .map((p) => p.ts ?? "")
      .concat(["HRESULT", "WS_ERROR"]);

  // implementation.ts: what the hand-written code must provide, checked with `satisfies`.
  const impl = project.createSourceFile(`${gen}/implementation.ts`, "", { overwrite: true });
  importTypes(
    impl,
    functions.flatMap(signatureTypes).concat(functions.some((f) => f.async) ? ["AsyncCompletion"] : []),
    spec,
    null,
    typeModule,
  );
  impl.addInterface({
    isExported: true,
    name: interfaceName,
    docs: [
      `The functions @wwsapi/${pkg} implements by hand, with the flat API's signatures. An async-capable one returns its final HRESULT when it completes at once, or an AsyncCompletion; it fails by throwing WsError.`,
    ],
    methods: functions.map((f) => ({
      name: f.name,
      parameters: visibleParams(f.params).map((p) => ({ name: p.name, type: p.kind === "errorSink" ? "WS_ERROR | null" : p.ts! })),
      returnType: f.returns === "void" ? "void" : f.async ? "HRESULT | AsyncCompletion" : "HRESULT",
    })),
  });

  // api.ts: the flat API.
  const api = project.createSourceFile(`${gen}/api.ts`, "", { overwrite: true });
  const { text: body, uses } = apiText(functions, spec);
  const valueSets = [...uses].filter((u) => u.endsWith("_VALUES")).sort();
  const helpers = [...uses].filter((u) => !u.endsWith("_VALUES")).sort();
  if (helpers.length > 0) api.addImportDeclaration({ moduleSpecifier: runtimeModule, namedImports: helpers });
  if (valueSets.length > 0) api.addImportDeclaration({ moduleSpecifier: enumModule, namedImports: valueSets });
  const asyncTypes = functions.some((f) => f.async) ? ["AsyncCompletion"] : [];
  importTypes(api, functions.flatMap(signatureTypes).concat(asyncTypes), spec, null, typeModule);
  api.addImportDeclaration({ moduleSpecifier: "../implementation.js", namedImports: ["implementation"] });
  api.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: "./implementation.js", namedImports: [interfaceName] });
  api.addStatements(
    `/** The hand-written implementations; a missing one makes its function return E_NOTIMPL. */\nconst implementations: Partial<${interfaceName}> = implementation;`,
  );
  api.addStatements(body);

  // promises.ts: a Promise adapter for each async-capable function.
  const asyncFunctions = functions.filter((f) => f.async);
  const promises = project.createSourceFile(`${gen}/promises.ts`, "", { overwrite: true });
  if (asyncFunctions.length > 0) {
    promises.addImportDeclaration({
      moduleSpecifier: runtimeModule,
      namedImports: ["PROMISE_CONTEXT", "beginPromiseCall", "settlePromiseCall"],
    });
    importTypes(promises, asyncFunctions.flatMap(signatureTypes), spec, null, typeModule);
    promises.addImportDeclaration({ moduleSpecifier: "./api.js", namedImports: asyncFunctions.map((f) => f.name) });
    const adapters: string[] = [];
    for (const f of asyncFunctions) {
      const params = visibleParams(f.params);
      const ctx = params.find((p) => p.kind === "asyncContext")!;
      const args = params.map((p) => (p === ctx ? "PROMISE_CONTEXT" : p.name)).join(", ");
      adapters.push(
        `/**\n * ${f.name} as a Promise: resolves to its success HRESULT, rejects with a WsError. A call that completes\n * at once resolves without waiting for the operation to be scheduled.\n */\n` +
          `export function ${f.name}Async(${params
            .filter((p) => p !== ctx)
            .map(paramDeclaration)
            .join(", ")}): Promise<HRESULT> {\n` +
          `  beginPromiseCall();\n  return settlePromiseCall(${f.name}(${args}));\n}`,
      );
    }
    promises.addStatements(adapters.join("\n\n"));
  } else {
    promises.addStatements(`// @wwsapi/${pkg} has no async-capable functions.\nexport {};`);
  }

  const index = project.createSourceFile(`${gen}/index.ts`, "", { overwrite: true });
  const modules = isCore
    ? ["./hresults.js", "./enums.js", "./structs.js", "./callbacks.js", "./handles.js", "./properties.js", "./api.js", "./promises.js"]
    : ["./api.js", "./promises.js"];
  for (const m of modules) index.addExportDeclaration({ moduleSpecifier: m });
  index.addExportDeclaration({ isTypeOnly: true, moduleSpecifier: "./implementation.js", namedExports: [interfaceName] });
}
