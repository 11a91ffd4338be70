import { type Heap, ref, type WS_HEAP, type WS_XML_READER, type WS_XML_WRITER, WsCreateHeap } from "@wwsapi/core";
import {
  acquire,
  argumentError,
  beginPromiseCall,
  busyError,
  isHandle,
  release,
  throwOnFailure,
  toWsError,
  type WsHandle,
} from "@wwsapi/core/internal";
import type { XmlReader } from "../idiomatic/xml-reader.js";
import type { XmlWriter } from "../idiomatic/xml-writer.js";

/** A reader as either layer has it: the flat API's handle or the idiomatic class around one. */
export type ReaderLike = WS_XML_READER | XmlReader;
export type WriterLike = WS_XML_WRITER | XmlWriter;
export type HeapLike = WS_HEAP | Heap;

const handleOf = <H>(value: H | { handle: H }): unknown =>
  typeof value === "object" && value !== null && "handle" in value ? (value as { handle: H }).handle : value;

/** The WS_XML_READER of `reader`, checked as the flat API checks it (E_INVALIDARG). */
export function readerHandle(fn: string, reader: ReaderLike): WS_XML_READER {
  const handle = handleOf(reader);
  if (!isHandle(handle, "WS_XML_READER")) throw argumentError(fn, "reader", "a live WS_XML_READER or XmlReader", reader);
  return handle as WS_XML_READER;
}

export function writerHandle(fn: string, writer: WriterLike): WS_XML_WRITER {
  const handle = handleOf(writer);
  if (!isHandle(handle, "WS_XML_WRITER")) throw argumentError(fn, "writer", "a live WS_XML_WRITER or XmlWriter", writer);
  return handle as WS_XML_WRITER;
}

/**
 * The heap a read accounts its data on: the caller's, or else a heap of its own with no maximum,
 * so that only the reader's quotas (its input, depth, attributes) bound what is read. WWSAPI
 * has no default ("the heap does not need to be specified" only when nothing is allocated); the
 * idiomatic layer needs none, and a caller who wants a cap passes a heap.
 */
export function heapHandle(fn: string, heap: HeapLike | undefined): WS_HEAP {
  if (heap === undefined) {
    const created = ref<WS_HEAP | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateHeap(Number.MAX_SAFE_INTEGER, 0, null, created));
    return created.value!;
  }
  const handle = handleOf(heap);
  if (!isHandle(handle, "WS_HEAP")) throw argumentError(fn, "heap", "a live WS_HEAP or Heap", heap);
  return handle as WS_HEAP;
}

/**
 * Runs an implementation function under the threading contract (design §5), as the generated flat
 * function would: every handle must be free, all are held for the call, all are released after.
 * The typed layer calls the implementation rather than the flat API, so that its failures are
 * thrown WsErrors (the idiomatic layer's contract) without a round trip through an HRESULT.
 */
export function guarded<R>(fn: string, handles: readonly WsHandle[], call: () => R): R {
  for (const handle of handles) if (handle.pendingOperation !== null && handle.threading === "single") throw busyError(fn, handle);
  for (const handle of handles) if (handle.threading === "single") acquire(handle, fn);
  try {
    return call();
  } catch (thrown) {
    throw toWsError(fn, thrown);
  } finally {
    for (const handle of handles) if (handle.threading === "single") release(handle);
  }
}
