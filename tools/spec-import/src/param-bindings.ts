import { checkOfBase, parseCType, type TypeNames, tsOfBase } from "./c-types.js";

/** What one C parameter becomes in the flat TypeScript API (spec/README.md lists every kind). */
export type ParamKind =
  | "handle" // H* in: the handle object
  | "handleOut" // H** out: Ref<H | null> that receives a new handle
  | "errorSink" // the trailing optional WS_ERROR* error
  | "asyncContext" // const WS_ASYNC_CONTEXT*
  | "value" // a scalar, enum or callback passed by value
  | "struct" // const T* in: the struct (or string) itself
  | "opaque" // void* / const void* in: any value
  | "array" // const T* items + count: readonly T[]
  | "bytesIn" // const void*/BYTE* bytes + count: Uint8Array
  | "charsIn" // WCHAR* chars + count: string
  | "valueIn" // const void* value + size: the typed value
  | "out" // T* out: Ref<T>
  | "valueOut" // void* value + size, out: Ref<unknown> typed by another parameter
  | "bufferOut" // caller-supplied output buffer + max count: Uint8Array / Uint16Array / array
  | "bytesOut" // void** bytes + ULONG* count, out: Ref<Uint8Array>
  | "charsOut" // WCHAR** chars + ULONG* count, out: Ref<string>
  | "count"; // the count/size of the preceding parameter: not in the TypeScript signature

export interface CParam {
  name: string;
  type: string;
  dir: "in" | "out";
  optional: boolean;
}

export interface BoundParam extends CParam {
  kind: ParamKind;
  /** TypeScript type in the flat API; absent for `count`. */
  ts?: string;
  /** Argument check the generated function applies (see tools/codegen). */
  check?: string;
  /** For a `count`: the parameter whose length it gives. For a paired parameter: its count. */
  countOf?: string;
  countParam?: string;
}

const isInteger = (base: string) => ["ULONG", "USHORT", "SIZE_T"].includes(base);

/** True when `param` gives the length of `prev` ("(const T* items, ULONG count)" and its variants). */
function isCountOf(param: CParam, prev: CParam | undefined, names: TypeNames): boolean {
  // "itemCount", "valueSize", and plain "count" (WS_WRITE_CALLBACK's buffers + count).
  if (prev === undefined || !/(Count|Size)$|^count$/.test(param.name)) return false;
  const p = parseCType(prev.type);
  if (p.depth === 0 || names.handles.has(p.base)) return false;
  const c = parseCType(param.type);
  if (c.depth === 0) return isInteger(c.base) && param.dir === "in";
  // (void** bytes, ULONG* byteCount) and (WCHAR** chars, ULONG* charCount): both out.
  return c.depth === 1 && c.base === "ULONG" && param.dir === "out" && prev.dir === "out" && p.depth === 2;
}

export function bindParams(params: readonly CParam[], names: TypeNames): BoundParam[] {
  const out: BoundParam[] = params.map((p) => ({ ...p, kind: "value" }));
  for (let i = 0; i < out.length; i++) {
    const prev = out[i - 1];
    const cur = out[i]!;
    if (prev !== undefined && isCountOf(cur, prev, names)) {
      cur.kind = "count";
      cur.countOf = prev.name;
      prev.countParam = cur.name;
    }
  }
  out.forEach((p, i) => {
    if (p.kind !== "count") Object.assign(p, bindingOf(p, i === out.length - 1, names));
  });
  return out;
}

function orNull(ts: string, optional: boolean): string {
  return optional ? `${ts} | null` : ts;
}

interface Binding {
  kind: ParamKind;
  ts: string;
  check: string;
}

const set = (kind: ParamKind, ts: string, check: string): Binding => ({ kind, ts, check });

function bindingOf(p: BoundParam, isLast: boolean, names: TypeNames): Binding {
  const t = parseCType(p.type);
  const paired = p.countParam !== undefined;

  if (t.base === "WS_ASYNC_CONTEXT") return set("asyncContext", "WS_ASYNC_CONTEXT | null", "asyncContext");
  if (isLast && p.name === "error" && t.base === "WS_ERROR" && p.optional) return set("errorSink", "WS_ERROR | null", "handle:WS_ERROR");

  if (names.handles.has(t.base)) {
    if (p.dir === "out") return set("handleOut", `Ref<${t.base} | null>`, "ref");
    return set("handle", orNull(t.base, p.optional), `handle:${t.base}`);
  }

  if (p.dir === "out") {
    if (paired && t.depth === 2) {
      if (t.base === "WCHAR") return set("charsOut", orNull("Ref<string | null>", p.optional), "ref");
      return set("bytesOut", orNull("Ref<Uint8Array | null>", p.optional), "ref");
    }
    if (paired) {
      if (t.base === "WCHAR") return set("bufferOut", "Uint16Array", "uint16array");
      if (t.base === "BYTE" || p.name === "bytes") return set("bufferOut", "Uint8Array", "uint8array");
      if (p.name === "array") return set("bufferOut", orNull("unknown[] | ArrayBufferView", p.optional), "arrayOrView");
      return set("valueOut", orNull("Ref<unknown>", p.optional), "ref");
    }
    if (t.base === "void") return set("out", orNull("Ref<unknown>", p.optional), "ref");
    const inner = tsOfBase(t.base, names);
    return set("out", orNull(t.depth >= 2 ? `Ref<${inner} | null>` : `Ref<${inner}>`, p.optional), "ref");
  }

  // In parameters.
  if (t.depth === 0) return set("value", orNull(tsOfBase(t.base, names), p.optional), checkOfBase(t.base, names));
  if (paired) {
    if (t.base === "WCHAR") return set("charsIn", orNull("string", p.optional), "string");
    if (t.base === "BYTE" || p.name === "bytes") return set("bytesIn", orNull("Uint8Array", p.optional), "uint8array");
    if (t.base === "void") return set("valueIn", "unknown", "any");
    return set("array", `readonly ${tsOfBase(t.base, names)}[] | null`, "array");
  }
  if (t.base === "void") return set("opaque", t.depth >= 2 ? "readonly unknown[] | null" : "unknown", t.depth >= 2 ? "array" : "any");
  const inner = tsOfBase(t.base, names);
  return set("struct", orNull(inner, p.optional), inner === "string" ? "string" : "object");
}
