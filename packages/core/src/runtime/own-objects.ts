import { WsCreateError, WsFreeError } from "../errors/error-functions.js";
import type { WS_ERROR, WS_HEAP } from "../gen/handles.js";
import { WsCreateHeap, WsFreeHeap, WsResetHeap } from "../heap/heap-functions.js";
import { ref } from "../types/native.js";

/**
 * WS_HEAP and WS_ERROR objects another package's implementation makes for its own use (a message's
 * heap, an operation's body heap, the error a dispatched call reports into). They call core's
 * implementation functions, not the flat API: implementations never make nested flat calls. The
 * sizes are the caller's, already checked as byte counts where its properties were read.
 */

export function createHeap(maxSize: number, trimSize: number): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  WsCreateHeap(maxSize, trimSize, null, heap, null);
  return heap.value!;
}

export function resetHeap(heap: WS_HEAP): void {
  WsResetHeap(heap, null);
}

export function freeHeap(heap: WS_HEAP): void {
  WsFreeHeap(heap);
}

export function createError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  return error.value!;
}

export function freeError(error: WS_ERROR): void {
  WsFreeError(error);
}
