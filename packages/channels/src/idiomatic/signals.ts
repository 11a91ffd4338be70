/**
 * Ties an AbortSignal to a channel or listener for the time of one call: WWSAPI cancels I/O per
 * handle (WsAbortChannel, WsAbortListener: "Cancels all pending I/O"), not per call, so aborting the
 * signal aborts the handle, and the call rejects with WS_E_OPERATION_ABORTED like every other
 * pending one.
 */
export async function withAbort<T>(signal: AbortSignal | undefined, abort: () => void, call: () => Promise<T>): Promise<T> {
  if (signal === undefined) return call();
  if (signal.aborted) abort();
  signal.addEventListener("abort", abort, { once: true });
  try {
    return await call();
  } finally {
    signal.removeEventListener("abort", abort);
  }
}
