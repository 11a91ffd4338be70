import { WsAlloc, WsCreateHeap, WsFreeHeap, WsGetHeapProperty, WsResetHeap } from "../gen/api.js";
import {
  WS_HEAP_PROPERTY_ACTUAL_SIZE,
  type WS_HEAP_PROPERTY_ID,
  WS_HEAP_PROPERTY_MAX_SIZE,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_HEAP_PROPERTY_TRIM_SIZE,
} from "../gen/enums.js";
import type { WS_HEAP } from "../gen/handles.js";
import { beginPromiseCall } from "../runtime/outcomes.js";
import { ref } from "../types/native.js";
import { throwOnFailure } from "./throw-on-failure.js";

/**
 * WS_HEAP, idiomatically: `using heap = Heap.create({ maxSize: 65536 })`. Errors are thrown as
 * WsError. `handle` is the flat API's WS_HEAP, so both layers can share one heap.
 */
export class Heap implements Disposable {
  private constructor(readonly handle: WS_HEAP) {}

  static create(options: { maxSize: number; trimSize?: number }): Heap {
    const heap = ref<WS_HEAP | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateHeap(options.maxSize, options.trimSize ?? 0, null, heap));
    return new Heap(heap.value!);
  }

  /** A zeroed block of `size` bytes, counted against `maxSize` until the heap is reset. */
  alloc(size: number): Uint8Array {
    const block = ref<Uint8Array | null>(null);
    beginPromiseCall();
    throwOnFailure(WsAlloc(this.handle, size, block));
    return block.value!;
  }

  reset(): void {
    beginPromiseCall();
    throwOnFailure(WsResetHeap(this.handle));
  }

  get maxSize(): number {
    return this.property(WS_HEAP_PROPERTY_MAX_SIZE);
  }

  get trimSize(): number {
    return this.property(WS_HEAP_PROPERTY_TRIM_SIZE);
  }

  /** Bytes requested since creation or the last reset. */
  get requestedSize(): number {
    return this.property(WS_HEAP_PROPERTY_REQUESTED_SIZE);
  }

  get actualSize(): number {
    return this.property(WS_HEAP_PROPERTY_ACTUAL_SIZE);
  }

  [Symbol.dispose](): void {
    if (!this.handle.freed) WsFreeHeap(this.handle);
  }

  private property(id: WS_HEAP_PROPERTY_ID): number {
    const value = ref<unknown>(0);
    beginPromiseCall();
    throwOnFailure(WsGetHeapProperty(this.handle, id, value));
    return value.value as number;
  }
}
