import type { Spec, SpecFunction, SpecParam } from "../src/spec/types.js";

/**
 * A small spec written out by hand: one function for each shape the generator must handle. Its
 * output is committed under test/fixture (the golden files) and is also what the contract tests
 * run, with the implementations in test/fixture/packages/xml/src/implementation.ts.
 */

const handle = (name: string, type: string, optional = false): SpecParam => ({
  name,
  type: `${type}*`,
  dir: "in",
  optional,
  kind: "handle",
  ts: optional ? `${type} | null` : type,
  check: `handle:${type}`,
});
const errorSink: SpecParam = {
  name: "error",
  type: "WS_ERROR*",
  dir: "in",
  optional: true,
  kind: "errorSink",
  ts: "WS_ERROR | null",
  check: "handle:WS_ERROR",
};
const asyncContext: SpecParam = {
  name: "asyncContext",
  type: "const WS_ASYNC_CONTEXT*",
  dir: "in",
  optional: true,
  kind: "asyncContext",
  ts: "WS_ASYNC_CONTEXT | null",
  check: "asyncContext",
};
const ulong = (name: string): SpecParam => ({
  name,
  type: "ULONG",
  dir: "in",
  optional: false,
  kind: "value",
  ts: "number",
  check: "uint32",
});

function fn(name: string, params: SpecParam[], extra: Partial<SpecFunction> = {}): SpecFunction {
  return {
    name,
    area: "xml",
    package: "xml",
    returns: "HRESULT",
    async: params.includes(asyncContext),
    holds: params.filter((p) => p.kind === "handle" || p.kind === "errorSink").map((p) => p.name),
    params,
    documentedReturnCodes: [],
    wine: "stub",
    ...extra,
  };
}

export const INLINE_SPEC: Spec = {
  handles: [
    {
      name: "WS_ERROR",
      threading: "single",
      package: "core",
      create: [],
      free: null,
      reset: null,
      propertyIdEnums: [],
      stateEnum: null,
      notes: null,
    },
    {
      name: "WS_HEAP",
      threading: "single",
      package: "core",
      create: [],
      free: null,
      reset: null,
      propertyIdEnums: [],
      stateEnum: null,
      notes: null,
    },
    {
      name: "WS_XML_READER",
      threading: "single",
      package: "xml",
      create: [],
      free: null,
      reset: null,
      propertyIdEnums: [],
      stateEnum: null,
      notes: null,
    },
    {
      name: "WS_CHANNEL",
      threading: "free",
      package: "channels",
      create: [],
      free: null,
      reset: null,
      propertyIdEnums: [],
      stateEnum: null,
      notes: null,
    },
  ],
  functions: [
    // Sync, one handle plus the error sink.
    fn("WsTestAlloc", [
      handle("heap", "WS_HEAP"),
      { name: "size", type: "SIZE_T", dir: "in", optional: false, kind: "value", ts: "number", check: "size" },
      errorSink,
    ]),
    // Async-capable, holding a reader and the error until the callback.
    fn("WsTestFill", [handle("reader", "WS_XML_READER"), ulong("minSize"), asyncContext, errorSink]),
    // Async-capable, holding a heap: the threading contract covers heaps lent to an operation.
    fn("WsTestUseHeap", [handle("reader", "WS_XML_READER"), handle("heap", "WS_HEAP", true), asyncContext, errorSink]),
    // Free-threaded handle: overlapping operations are allowed.
    fn("WsTestSend", [handle("channel", "WS_CHANNEL"), asyncContext, errorSink]),
    // Two parameters of one handle type: the same object is held once.
    fn("WsTestCopy", [handle("source", "WS_ERROR"), handle("destination", "WS_ERROR")]),
    // A free function: void, throws instead of returning an HRESULT.
    fn("WsTestFree", [handle("reader", "WS_XML_READER")], { returns: "void" }),
    // No implementation: E_NOTIMPL naming it.
    fn("WsTestMissing", [handle("reader", "WS_XML_READER"), errorSink]),
  ],
  enums: [],
  // Known to the generator so that signatures import it from @wwsapi/core.
  structs: [{ name: "WS_ASYNC_CONTEXT", fields: [] }],
  callbacks: [],
  properties: [],
  hresults: [],
};
