import { describe, expect, it } from "vitest";
import { E_INVALIDARG, ErrorInfo, Heap, ref, S_OK, WS_E_QUOTA_EXCEEDED, WsAlloc, WsError } from "../index.js";

describe("the idiomatic layer of core", () => {
  it("Heap allocates, accounts, resets and throws WsError past its maximum", () => {
    using heap = Heap.create({ maxSize: 100, trimSize: 16 });
    expect(heap.alloc(60)).toEqual(new Uint8Array(60));
    expect([heap.maxSize, heap.trimSize, heap.requestedSize, heap.actualSize]).toEqual([100, 16, 60, 64]);
    expect(() => heap.alloc(41)).toThrowError(expect.objectContaining({ hr: WS_E_QUOTA_EXCEEDED, code: "WS_E_QUOTA_EXCEEDED" }));
    heap.reset();
    expect([heap.requestedSize, heap.actualSize]).toEqual([0, 16]);
    // The same handle works with the flat API.
    expect(WsAlloc(heap.handle, 10, ref<Uint8Array | null>(null))).toBe(S_OK);
    expect(heap.requestedSize).toBe(10);
  });

  it("Heap.create rejects a bad size with the flat API's message", () => {
    expect(() => Heap.create({ maxSize: -1 })).toThrowError(WsError);
    try {
      Heap.create({ maxSize: -1 });
    } catch (e) {
      expect(e).toMatchObject({
        hr: E_INVALIDARG,
        strings: ["WsCreateHeap: parameter 'maxSize' must be a byte count (a non-negative safe integer), not number -1."],
      });
    }
  });

  it("disposing frees the handle", () => {
    let handle: Heap["handle"];
    {
      using heap = Heap.create({ maxSize: 10 });
      handle = heap.handle;
    }
    expect(handle.freed).toBe(true);
  });

  it("ErrorInfo collects the strings of a failed flat call", () => {
    using info = ErrorInfo.create({ langId: 0x0407 });
    using heap = Heap.create({ maxSize: 8 });
    expect(WsAlloc(heap.handle, 9, ref<Uint8Array | null>(null), info.handle)).toBe(WS_E_QUOTA_EXCEEDED);
    info.add("while building the request");
    expect(info.strings).toEqual([
      "while building the request",
      "WsAlloc: allocating 9 bytes for the requested block would exceed the heap's maximum size of 8 bytes (0 already allocated).",
    ]);
    expect(info.langId).toBe(0x0407);
    info.reset();
    expect(info.strings).toEqual([]);
  });
});
