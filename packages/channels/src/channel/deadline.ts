import { WS_E_OPERATION_ABORTED, WS_E_OPERATION_TIMED_OUT } from "@wwsapi/core";
import { startTimeout, WsError } from "@wwsapi/core/internal";

/**
 * The signal of one channel or listener operation: it fires when the handle is aborted (its
 * reason then is the abort's WsError, WS_E_OPERATION_ABORTED) or when `timeoutMs` passes
 * (WS_E_OPERATION_TIMED_OUT naming the timeout property). INFINITE, or timeouts disabled, means
 * no timer. `done()` must be called when the operation ends, to clear the timer.
 */
export interface OperationSignal {
  readonly signal: AbortSignal;
  done(): void;
}

export function operationSignal(handleSignal: AbortSignal, timeoutMs: number, timeoutName: string, what: string): OperationSignal {
  const controller = new AbortController();
  const onAbort = () => controller.abort(handleSignal.reason);
  if (handleSignal.aborted) onAbort();
  else handleSignal.addEventListener("abort", onAbort, { once: true });
  const stopTimer = controller.signal.aborted
    ? () => {}
    : startTimeout(timeoutMs, () =>
        controller.abort(new WsError(WS_E_OPERATION_TIMED_OUT, `${what} did not complete within ${timeoutMs} ms (${timeoutName}).`)),
      );
  return {
    signal: controller.signal,
    done() {
      stopTimer();
      handleSignal.removeEventListener("abort", onAbort);
    },
  };
}

/** The reason WsAbortChannel / WsAbortListener give every pending operation. */
export function abortReason(what: string): WsError {
  return new WsError(WS_E_OPERATION_ABORTED, `${what} was aborted (WsAbortChannel / WsAbortListener, or the handle was reset or freed).`);
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it fires, so that a
 * transport that is slow to honour its signal cannot keep an aborted operation pending.
 */
export function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (thrown: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(thrown);
      },
    );
  });
}

/** Runs `work` under an operation signal, always clearing it. */
export async function withSignal<T>(
  handleSignal: AbortSignal,
  timeoutMs: number,
  timeoutName: string,
  what: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const op = operationSignal(handleSignal, timeoutMs, timeoutName, what);
  try {
    return await raceSignal(work(op.signal), op.signal);
  } finally {
    op.done();
  }
}
