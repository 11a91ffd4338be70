import type { Spec, SpecFunction, SpecParam } from "../spec/types.js";
import { argCheck } from "./arg-checks.js";
import { paramDeclaration, visibleParams } from "./names.js";

/**
 * The flat API of one package: every function of the spec that the package owns, each doing, in
 * order, the argument checks, the dispatch to the hand-written implementation (or E_NOTIMPL), the
 * threading guard (design §5), the call with error translation, and for async-capable functions
 * the async contract (design §6).
 */

interface Held {
  param: SpecParam;
  /** Earlier held parameters of the same handle type: the same object is held once. */
  sameTypeBefore: SpecParam[];
}

function heldSingleThreaded(f: SpecFunction, spec: Spec): Held[] {
  const threading = new Map(spec.handles.map((h) => [h.name, h.threading]));
  const held: Held[] = [];
  for (const name of f.holds) {
    const param = f.params.find((p) => p.name === name)!;
    const type = param.check!.replace("handle:", "");
    if (threading.get(type) !== "single") continue; // free-threaded handles accept overlapping operations
    held.push({ param, sameTypeBefore: held.filter((h) => h.param.check === param.check).map((h) => h.param) });
  }
  return held;
}

/** `cond && ` prefix under which the held parameter `h` is an object this call must hold itself. */
function holdCondition(h: Held): string {
  const parts = [];
  if (h.param.ts!.endsWith("| null")) parts.push(`${h.param.name} !== null`);
  for (const other of h.sameTypeBefore) parts.push(`${h.param.name} !== ${other.name}`);
  return parts.length === 0 ? "" : `${parts.join(" && ")} && `;
}

export interface ApiFunctionText {
  text: string;
  /** Runtime helpers and value sets the function uses. */
  uses: string[];
}

export function functionText(f: SpecFunction, spec: Spec): ApiFunctionText {
  const params = visibleParams(f.params);
  const uses = new Set<string>();
  const isVoid = f.returns === "void";
  const sink = params.find((p) => p.kind === "errorSink");
  const errorArg = sink ? sink.name : "null";
  const lines: string[] = [];
  const q = JSON.stringify(f.name);

  // 1. Argument checks; the error sink first, so that later failures can be reported on it.
  const ordered = sink ? [sink, ...params.filter((p) => p !== sink)] : params;
  for (const p of ordered) {
    const check = argCheck(p);
    if (check === null) continue;
    for (const u of check.uses) uses.add(u);
    const report = p === sink ? "null" : errorArg;
    if (isVoid) {
      uses.add("argumentError");
      lines.push(`if (!(${check.test})) throw argumentError(${q}, "${p.name}", "${check.expected}", ${p.name});`);
    } else {
      uses.add("invalidArgument");
      lines.push(`if (!(${check.test})) return invalidArgument(${q}, "${p.name}", "${check.expected}", ${p.name}, ${report});`);
    }
  }

  // 2. Dispatch.
  lines.push(`const impl = implementations.${f.name};`);
  if (isVoid) {
    uses.add("notImplementedError");
    lines.push(`if (impl === undefined) throw notImplementedError(${q});`);
  } else {
    uses.add("notImplemented");
    lines.push(`if (impl === undefined) return notImplemented(${q}, ${errorArg});`);
  }

  // 3. Threading guard: check every held handle before taking any, so a breach changes nothing.
  const held = heldSingleThreaded(f, spec);
  for (const h of held) {
    const busy = isVoid
      ? `throw busyError(${q}, ${h.param.name});`
      : `return handleBusy(${q}, ${h.param.name}, ${h.param === sink ? "null" : errorArg});`;
    uses.add(isVoid ? "busyError" : "handleBusy");
    lines.push(`if (${holdCondition(h)}${h.param.name}.pendingOperation !== null) ${busy}`);
  }
  const acquire = held.map((h) => `${holdCondition(h) ? `if (${holdCondition(h).slice(0, -4)}) ` : ""}acquire(${h.param.name}, ${q});`);
  const release = held.map((h) => `${holdCondition(h) ? `if (${holdCondition(h).slice(0, -4)}) ` : ""}release(${h.param.name});`);
  if (held.length > 0) uses.add("acquire").add("release");
  lines.push(...acquire);

  // 4. The call.
  const args = params.map((p) => p.name).join(", ");
  if (isVoid) {
    if (release.length === 0) lines.push(`impl(${args});`);
    else lines.push("try {", `  impl(${args});`, "} finally {", ...release.map((l) => `  ${l}`), "}");
  } else if (!f.async) {
    uses.add("fail");
    if (release.length === 0) {
      lines.push("try {", `  return impl(${args});`, "} catch (thrown) {", `  return fail(${q}, thrown, ${errorArg});`, "}");
    } else {
      lines.push("let thrown: unknown;", "try {", `  return impl(${args});`, "} catch (caught) {", "  thrown = caught;", "} finally {");
      lines.push(...release.map((l) => `  ${l}`), "}", `return fail(${q}, thrown, ${errorArg});`);
    }
  } else {
    uses.add("fail").add("completeLater");
    const ctx = params.find((p) => p.kind === "asyncContext")!.name;
    lines.push("let completion: HRESULT | AsyncCompletion;", "try {", `  completion = impl(${args});`, "} catch (thrown) {");
    lines.push(...release.map((l) => `  ${l}`), `  return fail(${q}, thrown, ${errorArg});`, "}");
    lines.push('if (typeof completion === "number") {', ...release.map((l) => `  ${l}`), "  return completion;", "}");
    const releaseFn = release.length === 0 ? "noRelease" : `() => {\n${release.map((l) => `  ${l}`).join("\n")}\n}`;
    if (release.length === 0) uses.add("noRelease");
    lines.push(`return completeLater(${q}, completion, ${ctx}, ${errorArg}, ${releaseFn});`);
  }

  const doc = [
    `${f.name} (${f.area}${f.async ? ", async-capable" : ""}).`,
    held.length > 0
      ? `Holds ${held.map((h) => h.param.name).join(", ")} for the duration of the call${f.async ? " or, when it returns WS_S_ASYNC, until its callback" : ""}.`
      : "",
    f.documentedReturnCodes.length > 0 ? `Documented return codes: ${f.documentedReturnCodes.join(", ")}.` : "",
  ]
    .filter((l) => l.length > 0)
    .map((l) => ` * ${l}`)
    .join("\n");
  const signature = `export function ${f.name}(${params.map(paramDeclaration).join(", ")}): ${isVoid ? "void" : "HRESULT"}`;
  return {
    text: `\n/**\n${doc}\n */\n${signature} {\n${lines.map((l) => `  ${l.replace(/\n/g, "\n  ")}`).join("\n")}\n}`,
    uses: [...uses],
  };
}

/** The flat functions' text, and the runtime helpers and value sets it uses. */
export function apiText(functions: readonly SpecFunction[], spec: Spec): { text: string; uses: Set<string> } {
  const uses = new Set<string>();
  const texts = functions.map((f) => {
    const { text, uses: u } = functionText(f, spec);
    for (const x of u) uses.add(x);
    return text;
  });
  return { text: texts.join("\n"), uses };
}
