/**
 * `@wwsapi/core/internal`: what generated code and the other packages' implementations use.
 * Not part of the API that applications program against; it may change in any release.
 */

export { ErrorObject, recordFailure } from "../errors/error-object.js";
export { WsError } from "../errors/ws-error.js";
export { chargeHeap, stringBytes } from "../heap/heap-accounting.js";
export { throwOnFailure } from "../idiomatic/throw-on-failure.js";
export { type AsyncCompletion, completeLater, PROMISE_CONTEXT, settlePromiseCall } from "./async-runtime.js";
export { describeValue, isAsyncContext, isEnumValue, isInt32, isObject, isSize, isUint8, isUint16, isUint32 } from "./checks.js";
export { acquire, HandleBase, isHandle, markFreed, release, type Threading, type WsHandle } from "./handle.js";
export {
  argumentError,
  beginPromiseCall,
  busyError,
  fail,
  handleBusy,
  invalidArgument,
  notImplemented,
  notImplementedError,
  takeFailure,
  toWsError,
  wouldBlock,
} from "./outcomes.js";
export { createError, createHeap, freeError, freeHeap, resetHeap } from "./own-objects.js";
export { INFINITE, startTimeout } from "./timeouts.js";

/** The release step of an async call that holds no single-threaded handle. */
export function noRelease(): void {}
