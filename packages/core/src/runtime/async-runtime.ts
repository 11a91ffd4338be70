import { WsError } from "../errors/ws-error.js";
import type { WS_ASYNC_CALLBACK } from "../gen/callbacks.js";
import { WS_LONG_CALLBACK, WS_SHORT_CALLBACK } from "../gen/enums.js";
import { S_OK, WS_E_INVALID_OPERATION, WS_S_ASYNC } from "../gen/hresults.js";
import type { WS_ASYNC_CONTEXT } from "../gen/structs.js";
import type { HRESULT } from "../types/native.js";
import { fail, takeFailure } from "./outcomes.js";

/**
 * What an async-capable implementation returns when it cannot complete now. It resolves to the
 * final HRESULT (or rejects with a WsError); `callbackModel` says whether the completion happens
 * inside an I/O completion (WS_SHORT_CALLBACK, the callback runs at once) or not; the default,
 * WS_LONG_CALLBACK, runs the callback as a task of its own.
 */
export type AsyncCompletion = PromiseLike<HRESULT> & { callbackModel?: number };

/**
 * The WS_ASYNC_CONTEXT the Promise adapters pass. Implementations never call a context's callback
 * themselves, so this one is never called; completeLater() recognises it and hands the
 * completion's promise to the adapter instead.
 */
export const PROMISE_CONTEXT: WS_ASYNC_CONTEXT = Object.freeze({
  callback: () => {
    throw new Error("PROMISE_CONTEXT is a marker and is never called");
  },
  callbackState: null,
});

let handoff: Promise<HRESULT> | null = null;

/**
 * Settled promises for the success codes a synchronous completion returns (S_OK, S_FALSE,
 * WS_S_END ...), made once each: awaiting one costs what awaiting a plain value costs, without
 * allocating a promise per call. A resolved promise cannot be changed by whoever awaits it.
 */
const resolved = new Map<HRESULT, Promise<HRESULT>>();

const RESOLVED_S_OK = Promise.resolve(S_OK);

function resolvedWith(hr: HRESULT): Promise<HRESULT> {
  if (hr === S_OK) return RESOLVED_S_OK;
  let promise = resolved.get(hr);
  if (promise === undefined) resolved.set(hr, (promise = Promise.resolve(hr)));
  return promise;
}

/** The Promise adapter's result for the HRESULT its flat call returned. */
export function settlePromiseCall(hr: HRESULT): Promise<HRESULT> {
  if (hr === WS_S_ASYNC && handoff !== null) {
    const pending = handoff;
    handoff = null;
    return pending;
  }
  return hr >= 0 ? resolvedWith(hr) : Promise.reject(takeFailure(hr));
}

/**
 * Finishes an async-capable call whose implementation returned a pending completion: releases the
 * handles it held (`release`) when it settles, then reports the final HRESULT through the
 * caller's callback exactly once — always after the flat function has returned WS_S_ASYNC.
 */
export function completeLater(
  functionName: string,
  completion: AsyncCompletion,
  asyncContext: WS_ASYNC_CONTEXT | null,
  error: unknown,
  release: () => void,
): HRESULT {
  if (asyncContext === null) {
    // An implementation must check for a context before it waits (wouldBlock); this one did
    // not. Keep its handles held until it settles, and fail the call as the contract says.
    completion.then(release, release);
    return fail(
      functionName,
      new WsError(WS_E_INVALID_OPERATION, `${functionName} cannot complete synchronously and was called without a WS_ASYNC_CONTEXT.`),
      error,
    );
  }
  if (asyncContext === PROMISE_CONTEXT) {
    handoff = Promise.resolve(completion).then(
      (hr) => {
        release();
        if (hr < 0) throw settleFailure(functionName, new WsError(hr, `${functionName} failed`), error);
        return hr;
      },
      (thrown: unknown) => {
        release();
        throw settleFailure(functionName, thrown, error);
      },
    );
    return WS_S_ASYNC;
  }
  // The context is read during the call only: the caller may reuse it as soon as we return.
  // The generated argument check has made sure the callback is a function.
  const callback = asyncContext.callback as WS_ASYNC_CALLBACK;
  const callbackState = asyncContext.callbackState;
  completion.then(
    (hr) => {
      release();
      deliver(callback, hr, callbackModelOf(completion), callbackState);
    },
    (thrown: unknown) => {
      release();
      deliver(callback, fail(functionName, thrown, error), callbackModelOf(completion), callbackState);
    },
  );
  return WS_S_ASYNC;
}

/** Read when the completion settles: the implementation may only know it then. */
function callbackModelOf(completion: AsyncCompletion): number {
  return completion.callbackModel === WS_SHORT_CALLBACK ? WS_SHORT_CALLBACK : WS_LONG_CALLBACK;
}

function settleFailure(functionName: string, thrown: unknown, error: unknown): WsError {
  return takeFailure(fail(functionName, thrown, error));
}

function deliver(callback: WS_ASYNC_CALLBACK, hr: HRESULT, callbackModel: number, callbackState: unknown): void {
  if (callbackModel === WS_SHORT_CALLBACK) invokeCallback(callback, hr, callbackModel, callbackState);
  else setImmediate(invokeCallback, callback, hr, callbackModel, callbackState);
}

function invokeCallback(callback: WS_ASYNC_CALLBACK, hr: HRESULT, callbackModel: number, callbackState: unknown): void {
  try {
    callback(hr, callbackModel as never, callbackState);
  } catch (thrown) {
    // A callback that throws is a bug in the caller; surface it as an uncaught exception rather
    // than swallowing it inside a promise reaction.
    process.nextTick(() => {
      throw thrown;
    });
  }
}
