import { WS_E_OPERATION_TIMED_OUT } from "@wwsapi/core";
import { startTimeout, WsError } from "@wwsapi/core/internal";

/**
 * One operation's cancellation: the channel core's signal (WsAbortChannel, the channel's timeouts)
 * and, when the transport has a timeout of its own for the operation, that timeout. When the
 * timeout fires the reason is WS_E_OPERATION_TIMED_OUT naming the operation and the limit, which is
 * what the operation rejects with (channel-transport.ts: "rejects with `signal.reason`").
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer; call when the operation is over. */
  dispose(): void;
}

export function deadline(signal: AbortSignal, timeoutMs: number | undefined, what: string): Deadline {
  if (timeoutMs === undefined) return { signal, dispose() {} };
  const controller = new AbortController();
  const stopTimer = startTimeout(
    timeoutMs,
    () => controller.abort(new WsError(WS_E_OPERATION_TIMED_OUT, `${what} did not complete within ${timeoutMs} ms`)),
    false,
  );
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      stopTimer();
      signal.removeEventListener("abort", onAbort);
    },
  };
}

/** Runs `operation` under a deadline and disposes of it afterwards. */
export async function withDeadline<T>(
  signal: AbortSignal,
  timeoutMs: number | undefined,
  what: string,
  operation: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const d = deadline(signal, timeoutMs, what);
  try {
    d.signal.throwIfAborted();
    return await operation(d.signal);
  } finally {
    d.dispose();
  }
}

/** The reason of an aborted signal as an Error (a channel core always gives a WsError). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
