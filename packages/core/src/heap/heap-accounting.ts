import { WsError } from "../errors/ws-error.js";
import type { WS_HEAP } from "../gen/handles.js";
import { WS_E_QUOTA_EXCEEDED } from "../gen/hresults.js";
import type { HeapObject } from "./heap.js";

/**
 * Charges `size` bytes to a heap for `what` (for example "the decoded URL"), or throws
 * WS_E_QUOTA_EXCEEDED saying how far over the heap's maximum it would go. Every function that
 * returns data "allocated on the heap" calls this, so heap quotas hold across the whole API.
 */
export function chargeHeap(functionName: string, heap: WS_HEAP, size: number, what: string): void {
  const target = heap as unknown as HeapObject;
  if (!target.fits(size)) {
    throw new WsError(
      WS_E_QUOTA_EXCEEDED,
      `${functionName}: allocating ${size} bytes for ${what} would exceed the heap's maximum size of ${target.maxSize} bytes ` +
        `(${target.requested} already allocated).`,
    );
  }
  target.account(size);
}

/** What a string costs on a heap: its UTF-16 code units, as a WS_STRING holds them. */
export function stringBytes(value: string): number {
  return value.length * 2;
}
