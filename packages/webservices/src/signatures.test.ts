import { describe, expectTypeOf, it } from "vitest";
import type {
  HRESULT,
  Ref,
  WS_ANY_URL,
  WS_ASYNC_CONTEXT,
  WS_CHANNEL,
  WS_ERROR,
  WS_HEAP,
  WS_HEAP_PROPERTY_ID,
  WS_MESSAGE,
  WS_XML_READER,
  WS_XML_STRING,
} from "./index.js";
import * as api from "./index.js";

/**
 * Type tests of generated signatures (checked by `pnpm lint`, which type-checks every test file):
 * each binding rule of spec/README.md on a function that exercises it.
 */
describe("generated signatures follow the binding rules", () => {
  it("handles, scalars, out parameters and the optional error sink", () => {
    expectTypeOf(api.WsAlloc).parameters.toEqualTypeOf<[WS_HEAP, number, Ref<Uint8Array | null>, (WS_ERROR | null)?]>();
    expectTypeOf(api.WsAlloc).returns.toEqualTypeOf<HRESULT>();
    expectTypeOf(api.WsGetHeapProperty).parameter(1).toEqualTypeOf<WS_HEAP_PROPERTY_ID>();
  });

  it("arrays with counts become one array parameter; created handles come back in a Ref", () => {
    expectTypeOf(api.WsCreateHeap).parameters.toEqualTypeOf<
      [number, number, readonly api.WS_HEAP_PROPERTY[] | null, Ref<WS_HEAP | null>, (WS_ERROR | null)?]
    >();
  });

  it("caller-supplied buffers are typed arrays whose length is the maximum", () => {
    expectTypeOf(api.WsReadBytes).parameters.toEqualTypeOf<[WS_XML_READER, Uint8Array, Ref<number>, (WS_ERROR | null)?]>();
    expectTypeOf(api.WsReadChars).parameter(1).toEqualTypeOf<Uint16Array>();
  });

  it("async-capable functions take a context and have a Promise adapter without it", () => {
    expectTypeOf(api.WsFillReader).parameters.toEqualTypeOf<[WS_XML_READER, number, WS_ASYNC_CONTEXT | null, (WS_ERROR | null)?]>();
    expectTypeOf(api.WsFillReaderAsync).parameters.toEqualTypeOf<[WS_XML_READER, number, (WS_ERROR | null)?]>();
    expectTypeOf(api.WsFillReaderAsync).returns.toEqualTypeOf<Promise<HRESULT>>();
    expectTypeOf(api.WsSendMessage).parameter(0).toEqualTypeOf<WS_CHANNEL>();
    expectTypeOf(api.WsSendMessage).parameter(1).toEqualTypeOf<WS_MESSAGE>();
  });

  it("strings, XML strings and the URL union", () => {
    expectTypeOf(api.WsDecodeUrl).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(api.WsDecodeUrl).parameter(3).toEqualTypeOf<Ref<WS_ANY_URL | null>>();
    expectTypeOf(api.WsReadToStartElement).parameter(1).toEqualTypeOf<WS_XML_STRING | null>();
  });

  it("free functions return nothing", () => {
    expectTypeOf(api.WsFreeHeap).returns.toEqualTypeOf<void>();
  });

  it("handle types carry their threading class", () => {
    expectTypeOf<WS_HEAP["threading"]>().toEqualTypeOf<"single">();
    expectTypeOf<WS_CHANNEL["threading"]>().toEqualTypeOf<"free">();
    expectTypeOf<WS_HEAP["handleType"]>().toEqualTypeOf<"WS_HEAP">();
  });

  it("enums are unions of their values and their members are constants", () => {
    expectTypeOf<typeof api.WS_HEAP_PROPERTY_MAX_SIZE>().toEqualTypeOf<0>();
    expectTypeOf<WS_HEAP_PROPERTY_ID>().toEqualTypeOf<0 | 1 | 2 | 3>();
  });
});
