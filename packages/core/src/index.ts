/**
 * @wwsapi/core: the vocabulary of the whole API (HRESULTs, enums, structs, callbacks, handle
 * types, property ids), WS_ERROR, WS_HEAP, URLs and date/time conversions, and the WsError class.
 */

export { hresultName, WsError } from "./errors/ws-error.js";
export * from "./gen/index.js";
export { ErrorInfo } from "./idiomatic/error-info.js";
export { Heap } from "./idiomatic/heap.js";
export type { AsyncCompletion } from "./runtime/async-runtime.js";
export type { Threading, WsHandle } from "./runtime/handle.js";
export * from "./types/native.js";
