import { recordFailure } from "../errors/error-object.js";
import { WsError } from "../errors/ws-error.js";
import { E_FAIL, E_INVALIDARG, E_NOTIMPL, E_OUTOFMEMORY, WS_E_INVALID_OPERATION } from "../gen/hresults.js";
import { describeValue } from "./checks.js";
import type { WsHandle } from "./handle.js";

/**
 * How a generated flat function ends when it fails: the HRESULT is returned, the strings go to
 * the caller's WS_ERROR (unless another pending operation holds it, which the threading contract
 * forbids touching), and the WsError is kept for the Promise adapter that may be waiting for it.
 */
let lastFailure: WsError | null = null;

/** Called by a Promise adapter before it calls its flat function. */
export function beginPromiseCall(): void {
  lastFailure = null;
}

/** The failure of the flat call just made, if it failed with `hr`. */
export function takeFailure(hr: number): WsError {
  const failure = lastFailure !== null && lastFailure.hr === hr ? lastFailure : new WsError(hr);
  lastFailure = null;
  return failure;
}

function record(error: unknown, failure: WsError): number {
  lastFailure = failure;
  if (error !== null && error !== undefined && (error as WsHandle).pendingOperation === null) {
    recordFailure(error as object, failure.strings);
  }
  return failure.hr;
}

/** Turns anything an implementation threw into a WsError that names the function. */
export function toWsError(functionName: string, thrown: unknown): WsError {
  if (thrown instanceof WsError) return thrown as WsError;
  if (thrown instanceof RangeError && /allocation failed|Invalid (typed )?array length/i.test(thrown.message)) {
    return new WsError(E_OUTOFMEMORY, `${functionName}: out of memory (${thrown.message})`);
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new WsError(E_FAIL, `${functionName}: internal error: ${message}`);
}

/** An implementation threw (or, for async, rejected with) `thrown`. */
export function fail(functionName: string, thrown: unknown, error: unknown): number {
  return record(error, toWsError(functionName, thrown));
}

export function invalidArgument(functionName: string, param: string, expected: string, got: unknown, error: unknown): number {
  return record(error, argumentError(functionName, param, expected, got));
}

export function argumentError(functionName: string, param: string, expected: string, got: unknown): WsError {
  return new WsError(E_INVALIDARG, `${functionName}: parameter '${param}' must be ${expected}, not ${describeValue(got)}.`);
}

export function notImplemented(functionName: string, error: unknown): number {
  return record(error, notImplementedError(functionName));
}

export function notImplementedError(functionName: string): WsError {
  return new WsError(E_NOTIMPL, `${functionName} is not implemented yet in wwsapi-ts (see docs/api-status.md).`);
}

/** The threading contract was breached: `handle` is held by another pending operation. */
export function handleBusy(functionName: string, handle: WsHandle, error: unknown): number {
  return record(error, busyError(functionName, handle));
}

export function busyError(functionName: string, handle: WsHandle): WsError {
  return new WsError(
    WS_E_INVALID_OPERATION,
    `${functionName}: the ${handle.handleType} is in use by a pending ${handle.pendingOperation}; ` +
      `a single-threaded handle allows one operation at a time, so ${functionName} cannot start until it completes.`,
  );
}

/**
 * What an implementation throws when, called without a WS_ASYNC_CONTEXT, it would have to wait
 * (for the network, a stream, a timer): waiting would block the event loop, so it fails at once.
 */
export function wouldBlock(functionName: string, waitingFor: string): WsError {
  return new WsError(
    WS_E_INVALID_OPERATION,
    `${functionName} would have to wait for ${waitingFor}, and was called without a WS_ASYNC_CONTEXT. ` +
      `Pass a WS_ASYNC_CONTEXT, or use ${functionName}Async (the Promise API).`,
  );
}
