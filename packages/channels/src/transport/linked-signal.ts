/**
 * A signal that follows one or more parent signals for the time of one operation: it aborts with
 * the first parent's reason (unchanged) and `dispose()` unhooks it from the parents.
 *
 * Not AbortSignal.any: on Node 20 a long-lived source signal keeps every composite made from it
 * (nodejs/node#55351), so a channel's or listener's signal used for each send, receive and accept
 * grows without bound. Here the only link is one "abort" listener per parent, removed by dispose()
 * (call it when the operation ends, in a finally) or once the linked signal has aborted.
 */
export class LinkedSignal {
  readonly #controller = new AbortController();
  readonly #parents: readonly AbortSignal[];
  readonly #follow = (event: Event): void => this.abort((event.target as AbortSignal).reason);

  constructor(parents: readonly AbortSignal[]) {
    this.#parents = parents;
    const aborted = parents.find((parent) => parent.aborted);
    if (aborted !== undefined) {
      this.#controller.abort(aborted.reason);
      return;
    }
    for (const parent of parents) parent.addEventListener("abort", this.#follow, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Aborts this signal (not the parents) with `reason`; the parents are no longer followed. */
  abort(reason: unknown): void {
    this.#controller.abort(reason);
    this.dispose();
  }

  /** Stops following the parents. Idempotent; the signal keeps its state. */
  dispose(): void {
    for (const parent of this.#parents) parent.removeEventListener("abort", this.#follow);
  }
}

/** A signal that aborts when any of `parents` does; dispose() it when the operation ends. */
export function linkSignals(...parents: AbortSignal[]): LinkedSignal {
  return new LinkedSignal(parents);
}
