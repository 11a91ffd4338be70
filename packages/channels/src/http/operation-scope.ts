import { WS_E_OPERATION_TIMED_OUT } from "@wwsapi/core";
import { startTimeout, WsError } from "@wwsapi/core/internal";
import { LinkedSignal } from "../transport/linked-signal.js";

/**
 * One transport operation's cancellation: its AbortSignal fires when the channel core's signal
 * does (WsAbortChannel, the core's own timeouts: reason passed through) or when the timer of the
 * operation's current phase runs out (the transport's own timeouts: connect, send, receive
 * response, receive). HTTP has several phases inside one seam call, which the core cannot time.
 */
export class OperationScope {
  /** Follows the outer signals (the call's, the transport's teardown) until dispose(). */
  readonly #linked: LinkedSignal;
  #stopTimer: (() => void) | undefined;

  /** `outer`: the signals that end the operation too (linked-signal.ts: not AbortSignal.any, which leaks on Node 20). */
  constructor(...outer: AbortSignal[]) {
    this.#linked = new LinkedSignal(outer);
  }

  get signal(): AbortSignal {
    return this.#linked.signal;
  }

  /** Starts a phase: the previous phase's timer stops and `timeout` ms (INFINITE: none) start for this one. */
  phase(timeout: number, what: string): void {
    this.#clearTimer();
    if (this.#linked.signal.aborted) return;
    this.#stopTimer = startTimeout(timeout, () =>
      this.#linked.abort(new WsError(WS_E_OPERATION_TIMED_OUT, `${what} did not complete within ${timeout} ms`)),
    );
  }

  /** Aborts the operation with `reason` (a failure found by the transport itself). */
  abort(reason: Error): void {
    this.#linked.abort(reason);
  }

  /** Throws the abort reason when the operation was aborted or timed out. */
  throwIfAborted(): void {
    if (this.#linked.signal.aborted) throw this.#linked.signal.reason;
  }

  /** Stops the timer and unhooks from the outer signal; the scope is done. */
  dispose(): void {
    this.#clearTimer();
    this.#linked.dispose();
  }

  #clearTimer(): void {
    this.#stopTimer?.();
    this.#stopTimer = undefined;
  }
}

/** Resolves or rejects as `promise` does, or rejects with `signal.reason` once the signal fires first. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
