import type { HRESULT, WS_ASYNC_CONTEXT } from "@wwsapi/core";
import type { AsyncCompletion } from "@wwsapi/core/internal";

/**
 * The context the service model hands the channel layer's implementation functions: they never
 * call a context's callback themselves (docs/decisions.md, "Asynchronous model") but return a
 * completion when they must wait, which is what the service model awaits. Never called.
 */
export const INTERNAL_ASYNC: WS_ASYNC_CONTEXT = Object.freeze({
  callback: () => {
    throw new Error("INTERNAL_ASYNC is a marker and is never called");
  },
  callbackState: null,
});

/** An implementation's result as a promise: its HRESULT at once, or when its completion settles. */
export function completion(result: HRESULT | AsyncCompletion): Promise<HRESULT> {
  return Promise.resolve(result);
}

/** For work whose outcome nobody waits for (a channel closed in the background): failures are dropped, never unhandled. */
export function settleQuietly(result: HRESULT | AsyncCompletion | Promise<unknown>): void {
  if (typeof result !== "number") Promise.resolve(result).catch(() => {});
}
