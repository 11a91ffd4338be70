import {
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_ERROR,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  type WS_XML_READER,
  WsCreateError,
  WsCreateHeap,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { WsTestFill, WsTestFillAsync } from "../tools/codegen/test/fixture/packages/xml/src/gen/index.js";
import { script } from "../tools/codegen/test/fixture/packages/xml/src/implementation.js";
import { TestReader } from "../tools/codegen/test/fixture/packages/xml/src/test-handles.js";
import { type Measurement, measureAsync, measureSync } from "./measure.js";

/**
 * The cost of the generated flat API: argument checks, threading guard, dispatch. WsTestFill is
 * the generator's output for an async-capable function holding a reader and a WS_ERROR (the
 * shape of WsFillReader), run with an implementation that completes at once.
 */
export async function flatApiBench(): Promise<Measurement[]> {
  script.record = false;
  const reader = new TestReader() as unknown as WS_XML_READER;
  const errorRef = ref<WS_ERROR | null>(null);
  WsCreateError(null, errorRef);
  const error = errorRef.value!;
  const heapRef = ref<WS_HEAP | null>(null);
  WsCreateHeap(1 << 20, 0, null, heapRef, null);
  const heap = heapRef.value!;
  const context: WS_ASYNC_CONTEXT = { callback: () => {}, callbackState: null };
  const value = ref<unknown>(0);
  let sink = 0;

  function plain(a: number): number {
    return a + 1;
  }

  const results = [
    measureSync("plain function call", 20_000_000, (n) => {
      for (let i = 0; i < n; i++) sink = plain(sink);
    }),
    measureSync("async-capable flat function, sync completion (WsTestFill)", 5_000_000, (n) => {
      for (let i = 0; i < n; i++) sink += WsTestFill(reader, 0, context, error);
    }),
    measureSync("sync flat function (WsGetHeapProperty)", 5_000_000, (n) => {
      for (let i = 0; i < n; i++) sink += WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, value, error);
    }),
    await measureAsync("await of a resolved value (await S_OK)", 2_000_000, async (n) => {
      for (let i = 0; i < n; i++) sink += await S_OK;
    }),
    await measureAsync("await of the flat call's value (await WsTestFill)", 2_000_000, async (n) => {
      for (let i = 0; i < n; i++) sink += await WsTestFill(reader, 0, context, error);
    }),
    await measureAsync("Promise adapter, sync completion (await WsTestFillAsync)", 2_000_000, async (n) => {
      for (let i = 0; i < n; i++) sink += await WsTestFillAsync(reader, 0, error);
    }),
  ];
  if (sink === 42.5) console.log(sink); // keeps the loops from being optimised away
  return results;
}
