import { WsError } from "../errors/ws-error.js";
import type { WS_HEAP_PROPERTY_ID } from "../gen/enums.js";
import {
  WS_HEAP_PROPERTY_ACTUAL_SIZE,
  WS_HEAP_PROPERTY_MAX_SIZE,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_HEAP_PROPERTY_TRIM_SIZE,
} from "../gen/enums.js";
import type { WS_ERROR, WS_HEAP } from "../gen/handles.js";
import { E_INVALIDARG, S_OK } from "../gen/hresults.js";
import type { WS_HEAP_PROPERTY } from "../gen/structs.js";
import { markFreed } from "../runtime/handle.js";
import type { HRESULT, Ref } from "../types/native.js";
import { HeapObject } from "./heap.js";
import { chargeHeap } from "./heap-accounting.js";

/** WS_HEAP's functions (heap area). The generated flat API has checked every argument's type. */

export function WsCreateHeap(
  maxSize: number,
  trimSize: number,
  properties: readonly WS_HEAP_PROPERTY[] | null,
  heap: Ref<WS_HEAP | null>,
  _error: WS_ERROR | null,
): HRESULT {
  // The docs reserve the properties "for future use; set to NULL".
  if (properties !== null && properties.length > 0) {
    throw new WsError(E_INVALIDARG, "WsCreateHeap: properties are reserved for future use; pass null or an empty array.");
  }
  heap.value = new HeapObject(maxSize, trimSize) as unknown as WS_HEAP;
  return S_OK;
}

/**
 * Returns a zeroed block of `size` bytes that counts against the heap until it is reset. The
 * block is real memory (a Uint8Array), so code ported from C that fills it works unchanged.
 */
export function WsAlloc(heap: WS_HEAP, size: number, ptr: Ref<Uint8Array | null>, _error: WS_ERROR | null): HRESULT {
  chargeHeap("WsAlloc", heap, size, "the requested block");
  ptr.value = new Uint8Array(size);
  return S_OK;
}

export function WsGetHeapProperty(heap: WS_HEAP, id: WS_HEAP_PROPERTY_ID, value: Ref<unknown>, _error: WS_ERROR | null): HRESULT {
  const target = heap as unknown as HeapObject;
  switch (id) {
    case WS_HEAP_PROPERTY_MAX_SIZE:
      value.value = target.maxSize;
      return S_OK;
    case WS_HEAP_PROPERTY_TRIM_SIZE:
      value.value = target.trimSize;
      return S_OK;
    case WS_HEAP_PROPERTY_REQUESTED_SIZE:
      value.value = target.requested;
      return S_OK;
    case WS_HEAP_PROPERTY_ACTUAL_SIZE:
      value.value = target.actual;
      return S_OK;
  }
  throw new WsError(E_INVALIDARG, `WsGetHeapProperty: ${id} is not a WS_HEAP_PROPERTY_ID.`);
}

export function WsResetHeap(heap: WS_HEAP, _error: WS_ERROR | null): HRESULT {
  (heap as unknown as HeapObject).reset();
  return S_OK;
}

export function WsFreeHeap(heap: WS_HEAP): void {
  (heap as unknown as HeapObject).reset();
  markFreed(heap);
}
