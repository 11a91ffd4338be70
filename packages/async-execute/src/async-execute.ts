import type { HRESULT, WS_ASYNC_CONTEXT, WS_ASYNC_FUNCTION, WS_ASYNC_STATE, WS_CALLBACK_MODEL, WS_ERROR } from "@wwsapi/core";
import { WS_E_INVALID_OPERATION } from "@wwsapi/core";
import { type AsyncCompletion, WsError } from "@wwsapi/core/internal";
import { AsyncDriver } from "./async-driver.js";

/**
 * WsAsyncExecute. The caller's WS_ASYNC_STATE carries the running chain in `internal0`, so one
 * state can run one chain at a time and may be reused once that chain has completed (docs).
 */
export function WsAsyncExecute(
  asyncState: WS_ASYNC_STATE,
  operation: WS_ASYNC_FUNCTION,
  callbackModel: WS_CALLBACK_MODEL,
  callbackState: unknown,
  asyncContext: WS_ASYNC_CONTEXT | null,
  error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const running = asyncState.internal0;
  if (running instanceof AsyncDriver && running.busy) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      "WsAsyncExecute: this WS_ASYNC_STATE is still running a chain; use another one, or wait for its callback.",
    );
  }
  const driver = new AsyncDriver(callbackState, asyncContext !== null, error);
  asyncState.internal0 = driver;
  const hr = driver.start(operation, callbackModel);
  return driver.completion ?? hr;
}
