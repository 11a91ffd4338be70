import {
  E_FAIL,
  type HRESULT,
  hresultName,
  type WS_ASYNC_CONTEXT,
  type WS_CALLBACK_MODEL,
  WS_E_INVALID_OPERATION,
  WS_S_ASYNC,
} from "@wwsapi/core";
import { WsError, wouldBlock } from "@wwsapi/core/internal";

/** How a callback that returned WS_S_ASYNC completed, through the context it was given. */
export interface CallbackCompletion {
  hr: HRESULT;
  callbackModel: WS_CALLBACK_MODEL;
}

/**
 * Calls an application callback and checks what it returns: an HRESULT. One that throws, or
 * returns something else, fails the function that called it (E_FAIL, naming the callback) rather
 * than the process.
 */
export function callApplication(fn: string, what: string, call: () => unknown): HRESULT {
  let hr: unknown;
  try {
    hr = call();
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    throw new WsError(E_FAIL, `${fn}: the ${what} threw: ${message}`);
  }
  if (typeof hr !== "number" || !Number.isInteger(hr)) {
    throw new WsError(E_FAIL, `${fn}: the ${what} returned ${typeof hr === "number" ? hr : typeof hr}, not an HRESULT.`);
  }
  return hr | 0;
}

/** The WsError for a callback that failed with `hr`. */
export function callbackFailed(fn: string, what: string, hr: HRESULT): WsError {
  return new WsError(hr, `${fn}: the ${what} failed with ${hresultName(hr)}.`);
}

/**
 * Calls an application callback that takes a WS_ASYNC_CONTEXT (WS_READ_CALLBACK,
 * WS_WRITE_CALLBACK), as WWSAPI's asynchronous model has it: it returns its HRESULT when it
 * completes at once, or WS_S_ASYNC and reports later through the context. `canWait` says whether
 * the function calling it was given a context: without one, the callback gets none and must
 * complete at once; returning WS_S_ASYNC then means it would have to wait, which fails the
 * function (wouldBlock).
 *
 * Each call gets a context of its own, whose callback takes effect once: a completion reported
 * before the callback has even returned WS_S_ASYNC counts as a synchronous one (so that a chain
 * of such callbacks does not grow the stack), and a second report is ignored.
 */
export function callWithContext(
  fn: string,
  what: string,
  canWait: boolean,
  invoke: (asyncContext: WS_ASYNC_CONTEXT | null) => unknown,
): HRESULT | Promise<CallbackCompletion> {
  if (!canWait) {
    const hr = callApplication(fn, what, () => invoke(null));
    if (hr === WS_S_ASYNC) throw wouldBlock(fn, `the ${what} (it returned WS_S_ASYNC)`);
    return hr;
  }
  const state: { early: CallbackCompletion | null; settle: ((completion: CallbackCompletion) => void) | null; done: boolean } = {
    early: null,
    settle: null,
    done: false,
  };
  const context: WS_ASYNC_CONTEXT = {
    callback: (hr, callbackModel) => {
      if (state.done) return;
      state.done = true;
      const completion = { hr, callbackModel };
      if (state.settle === null) state.early = completion;
      else state.settle(completion);
    },
    callbackState: null,
  };
  let hr: HRESULT;
  try {
    hr = callApplication(fn, what, () => invoke(context));
  } catch (thrown) {
    state.done = true;
    throw thrown;
  }
  if (hr !== WS_S_ASYNC) {
    // Completed synchronously: its context must not be called now ("the callback is not called").
    state.done = true;
    return hr;
  }
  if (state.early !== null) return state.early.hr;
  return new Promise<CallbackCompletion>((resolve) => {
    state.settle = resolve;
  });
}

/** What a function given no context reports when a callback returned WS_S_ASYNC all the same. */
export function asyncWithoutContext(fn: string, what: string): WsError {
  return new WsError(
    WS_E_INVALID_OPERATION,
    `${fn}: the ${what} returned WS_S_ASYNC, but it was given no WS_ASYNC_CONTEXT: ${fn} completes synchronously.`,
  );
}
