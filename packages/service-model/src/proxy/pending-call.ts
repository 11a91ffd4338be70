import { type HRESULT, WS_E_OPERATION_ABANDONED, WS_E_OPERATION_ABORTED, WS_E_OPERATION_TIMED_OUT } from "@wwsapi/core";
import { startTimeout, WsError } from "@wwsapi/core/internal";

/**
 * One WsCall in flight. Its completion settles exactly once: with the exchange's outcome, or
 * earlier with WS_E_OPERATION_TIMED_OUT (WS_PROXY_PROPERTY_CALL_TIMEOUT: "The maximum amount of
 * time in milliseconds for a call to remain pending"), WS_E_OPERATION_ABANDONED (WsAbandonCall) or
 * WS_E_OPERATION_ABORTED (WsAbortServiceProxy). Once settled, the exchange may go on (WsAbandonCall:
 * "the actual I/O associated with the call is not canceled") but must no longer touch the caller's
 * arguments or heap: it checks `settled` before it does.
 */
export class PendingCall {
  settled = false;
  readonly promise: Promise<HRESULT>;
  #resolve!: (hr: HRESULT) => void;
  #reject!: (error: unknown) => void;
  readonly #stopTimer: () => void;

  constructor(
    /** WS_CALL_PROPERTY_CALL_ID, or 0 when none was given (only WsAbandonCall(0) reaches it). */
    readonly id: number,
    timeoutMs: number,
    private readonly onSettled: (call: PendingCall) => void,
  ) {
    this.promise = new Promise<HRESULT>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#stopTimer = startTimeout(timeoutMs, () =>
      this.fail(
        new WsError(WS_E_OPERATION_TIMED_OUT, `WsCall: the call did not complete within ${timeoutMs} ms (WS_PROXY_PROPERTY_CALL_TIMEOUT).`),
      ),
    );
  }

  complete(hr: HRESULT): void {
    if (this.#settle()) this.#resolve(hr);
  }

  fail(error: unknown): void {
    if (this.#settle()) this.#reject(error);
  }

  abandon(): void {
    this.fail(new WsError(WS_E_OPERATION_ABANDONED, "WsCall: the call was abandoned (WsAbandonCall)."));
  }

  abort(): void {
    this.fail(new WsError(WS_E_OPERATION_ABORTED, "WsCall: the call was aborted (WsAbortServiceProxy)."));
  }

  #settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.#stopTimer();
    this.onSettled(this);
    return true;
  }
}
