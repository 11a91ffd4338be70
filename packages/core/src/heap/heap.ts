import { HandleBase } from "../runtime/handle.js";

/** Allocations are rounded up to this, as a native heap aligns them; ACTUAL_SIZE counts it. */
export const HEAP_ALIGNMENT = 8;

/**
 * WS_HEAP: a quota on what is allocated for one purpose (a message, a deserialized value), reset
 * as a whole. JavaScript memory is garbage-collected, so the heap keeps the books rather than the
 * bytes: `requested` is the sum of the sizes asked for since creation or reset, which maxSize
 * limits (WsCreateHeap docs), and `actual` what a native heap would hold for them.
 */
export class HeapObject extends HandleBase<"WS_HEAP", "single"> {
  requested = 0;
  actual = 0;

  constructor(
    readonly maxSize: number,
    readonly trimSize: number,
  ) {
    super("WS_HEAP", "single");
  }

  /** Whether `size` more bytes fit under maxSize. */
  fits(size: number): boolean {
    return size <= this.maxSize - this.requested;
  }

  /** Counts an allocation of `size` bytes; the caller has checked that it fits. */
  account(size: number): void {
    this.requested += size;
    this.actual += Math.ceil(size / HEAP_ALIGNMENT) * HEAP_ALIGNMENT;
  }

  /** WsResetHeap: nothing stays allocated; up to trimSize of memory stays reserved for reuse. */
  reset(): void {
    this.requested = 0;
    this.actual = Math.min(this.actual, this.trimSize);
  }
}
