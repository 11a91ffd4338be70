import { E_FAIL, type HRESULT, type WS_ASYNC_CONTEXT, type WS_ERROR, WS_S_ASYNC } from "@wwsapi/core";
import { describeValue, recordFailure, toWsError, WsError } from "@wwsapi/core/internal";

/** Records a failure's strings on the operation's WS_ERROR (most specific first) and gives its HRESULT. */
export function recordOn(error: WS_ERROR | null, fn: string, thrown: unknown): HRESULT {
  const failure = toWsError(fn, thrown);
  if (error !== null) recordFailure(error, failure.strings);
  return failure.hr;
}

/**
 * Calls an application callback of the service model (a WS_SERVICE_STUB_CALLBACK, the default
 * message handler, the accept and close callbacks) with an asynchronous context of its own, and
 * settles with its HRESULT: at once when it returns one, later when it returned WS_S_ASYNC and calls
 * the context's callback (the first report wins). A callback that throws, or returns something other
 * than an HRESULT, fails with that failure on `error` — never a crash of the host. As an extension
 * for JavaScript, a callback may return a promise of its HRESULT.
 */
export function invokeCallback(fn: string, error: WS_ERROR | null, run: (asyncContext: WS_ASYNC_CONTEXT) => unknown): Promise<HRESULT> {
  return new Promise<HRESULT>((resolve) => {
    let reported = false;
    const report = (hr: HRESULT) => {
      if (reported) return;
      reported = true;
      resolve(hr);
    };
    const asyncContext: WS_ASYNC_CONTEXT = {
      callback: (hr: HRESULT) => report(typeof hr === "number" ? hr : E_FAIL),
      callbackState: null,
    };
    let result: unknown;
    try {
      result = run(asyncContext);
    } catch (thrown) {
      report(recordOn(error, fn, thrown));
      return;
    }
    if (typeof result === "number") {
      if (result !== WS_S_ASYNC) report(result);
      return;
    }
    if (typeof (result as PromiseLike<unknown> | null)?.then === "function") {
      (result as PromiseLike<unknown>).then(
        (hr) =>
          report(
            typeof hr === "number"
              ? hr
              : recordOn(error, fn, new WsError(E_FAIL, `${fn} resolved to ${describeValue(hr)}, not an HRESULT.`)),
          ),
        (thrown: unknown) => report(recordOn(error, fn, thrown)),
      );
      return;
    }
    report(recordOn(error, fn, new WsError(E_FAIL, `${fn} returned ${describeValue(result)}, not an HRESULT.`)));
  });
}
