import { abortReason } from "../tcp/deadline.js";

/** A waiter taken out of a WaiterQueue: its abort listener is gone, settling it is the taker's job. */
export interface TakenWaiter<T> {
  resolve(value: T): void;
  reject(reason: Error): void;
}

interface Waiter<T> extends TakenWaiter<T> {
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

/**
 * Callers waiting for something a transport has not got yet (an accept() with no connection, a
 * receive with no record or datagram), served in call order. A waiter leaves the queue either when
 * its signal aborts (it rejects with the signal's reason) or when the transport takes it to settle
 * it; either way its abort listener is removed, so a long-lived signal does not collect them.
 */
export class WaiterQueue<T> {
  readonly #waiters: Waiter<T>[] = [];

  get size(): number {
    return this.#waiters.length;
  }

  /** Waits until taken and settled; rejects at once when `signal` is aborted already. */
  wait(signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(abortReason(signal));
        },
      };
      signal.addEventListener("abort", waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** The oldest waiter, out of the queue; undefined when nobody waits. */
  take(): TakenWaiter<T> | undefined {
    const waiter = this.#waiters.shift();
    waiter?.signal.removeEventListener("abort", waiter.onAbort);
    return waiter;
  }

  /** Every waiter, oldest first, out of the queue (the transport is shutting down). */
  takeAll(): TakenWaiter<T>[] {
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) waiter.signal.removeEventListener("abort", waiter.onAbort);
    return waiters;
  }
}
