import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  WS_ERROR_PROPERTY_STRING_COUNT,
  type WS_HEAP,
  type WS_HEAP_PROPERTY,
  WS_HEAP_PROPERTY_ACTUAL_SIZE,
  type WS_HEAP_PROPERTY_ID,
  WS_HEAP_PROPERTY_MAX_SIZE,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_HEAP_PROPERTY_TRIM_SIZE,
  WsAlloc,
  WsCreateError,
  WsCreateHeap,
  WsError,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorProperty,
  WsGetErrorString,
  WsGetHeapProperty,
  WsResetHeap,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";

const heaps: WS_HEAP[] = [];
const errors: WS_ERROR[] = [];

afterEach(() => {
  for (const heap of heaps.splice(0)) if (!heap.freed) WsFreeHeap(heap);
  for (const error of errors.splice(0)) if (!error.freed) WsFreeError(error);
});

function createHeap(maxSize: number, trimSize: number): WS_HEAP {
  const out = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(maxSize, trimSize, null, out, null)).toBe(S_OK);
  const heap = out.value;
  if (heap === null) throw new Error("WsCreateHeap returned S_OK without setting the out parameter");
  heaps.push(heap);
  return heap;
}

function createError(): WS_ERROR {
  const out = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, out)).toBe(S_OK);
  const error = out.value;
  if (error === null) throw new Error("WsCreateError returned S_OK without setting the out parameter");
  errors.push(error);
  return error;
}

function heapProperty(heap: WS_HEAP, id: WS_HEAP_PROPERTY_ID): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetHeapProperty(heap, id, value, null)).toBe(S_OK);
  return value.value;
}

function alloc(heap: WS_HEAP, size: number): Uint8Array {
  const ptr = ref<Uint8Array | null>(null);
  expect(WsAlloc(heap, size, ptr, null)).toBe(S_OK);
  if (ptr.value === null) throw new Error("WsAlloc returned S_OK without setting the out parameter");
  return ptr.value;
}

function errorString(error: WS_ERROR, index: number): string {
  const value = ref("");
  expect(WsGetErrorString(error, index, value)).toBe(S_OK);
  return value.value;
}

/** Asserts `call` throws a WsError with exactly `hr` and returns it. */
function expectThrowsWsError(call: () => void, hr: number): WsError {
  let thrown: unknown;
  try {
    call();
  } catch (caught) {
    thrown = caught;
  }
  expect(thrown).toBeInstanceOf(WsError);
  expect((thrown as WsError).hr).toBe(hr);
  return thrown as WsError;
}

describe("WsCreateHeap", () => {
  it("creates a live heap that echoes maxSize and trimSize and has nothing allocated", () => {
    const heap = createHeap(1024, 512);
    expect(heap.handleType).toBe("WS_HEAP");
    expect(heap.freed).toBe(false);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_MAX_SIZE)).toBe(1024);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_TRIM_SIZE)).toBe(512);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(0);
  });

  it("accepts a trimSize larger than maxSize (WsCreateHeap docs: the heap is then not trimmed)", () => {
    const heap = createHeap(100, 1000);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_MAX_SIZE)).toBe(100);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_TRIM_SIZE)).toBe(1000);
  });

  it("accepts an empty properties array (propertyCount 0)", () => {
    const out = ref<WS_HEAP | null>(null);
    expect(WsCreateHeap(64, 64, [], out, null)).toBe(S_OK);
    expect(out.value?.handleType).toBe("WS_HEAP");
    if (out.value !== null) heaps.push(out.value);
  });

  it("refuses properties with E_INVALIDARG (docs: 'Reserved for future use; set to NULL')", () => {
    const error = createError();
    const out = ref<WS_HEAP | null>(null);
    const properties: WS_HEAP_PROPERTY[] = [{ id: WS_HEAP_PROPERTY_MAX_SIZE, value: new Uint8Array(8) }];
    expect(WsCreateHeap(1024, 512, properties, out, error)).toBe(E_INVALIDARG);
    expect(out.value).toBeNull();
    expect(errorString(error, 0)).toBe("WsCreateHeap: properties are reserved for future use; pass null or an empty array.");
  });

  it("refuses a maxSize or trimSize that is not a byte count with E_INVALIDARG, naming the parameter", () => {
    const error = createError();
    const out = ref<WS_HEAP | null>(null);
    expect(WsCreateHeap(-1, 0, null, out, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe(
      "WsCreateHeap: parameter 'maxSize' must be a byte count (a non-negative safe integer), not number -1.",
    );
    expect(WsCreateHeap(1024, 0.5, null, out, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe(
      "WsCreateHeap: parameter 'trimSize' must be a byte count (a non-negative safe integer), not number 0.5.",
    );
    expect(WsCreateHeap(Number.NaN, 0, null, out, error)).toBe(E_INVALIDARG);
    expect(WsCreateHeap(2 ** 53, 0, null, out, error)).toBe(E_INVALIDARG);
    expect(WsCreateHeap("1024" as unknown as number, 0, null, out, error)).toBe(E_INVALIDARG);
    expect(out.value).toBeNull();
  });

  it("accepts maxSize as the largest safe integer and allocates under it", () => {
    const heap = createHeap(Number.MAX_SAFE_INTEGER, 0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_MAX_SIZE)).toBe(Number.MAX_SAFE_INTEGER);
    expect(alloc(heap, 100).length).toBe(100);
    expect(alloc(heap, 4096).length).toBe(4096);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(4196);
  });
});

describe("WsAlloc", () => {
  it("returns a zero-filled Uint8Array of exactly size bytes", () => {
    const heap = createHeap(1024, 512);
    for (const size of [1, 7, 8, 9, 100]) {
      const block = alloc(heap, size);
      expect(block).toBeInstanceOf(Uint8Array);
      expect(block.length).toBe(size);
      expect(block.byteLength).toBe(size);
      expect(block.every((b) => b === 0)).toBe(true);
    }
  });

  it("returns a distinct block for each call", () => {
    const heap = createHeap(1024, 512);
    const a = alloc(heap, 4);
    const b = alloc(heap, 4);
    a[0] = 0xab;
    expect(b[0]).toBe(0);
    expect(a.buffer).not.toBe(b.buffer);
  });

  it("allocates size 0 (docs: 'This value can be zero'; 'Zero byte allocations will return a non-NULL pointer')", () => {
    const heap = createHeap(16, 16);
    const block = alloc(heap, 0);
    expect(block).toBeInstanceOf(Uint8Array);
    expect(block.length).toBe(0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(0);
  });

  it("allocates size 0 even from a heap of maxSize 0, or one that is full", () => {
    const empty = createHeap(0, 0);
    expect(alloc(empty, 0).length).toBe(0);
    const full = createHeap(8, 8);
    alloc(full, 8);
    expect(alloc(full, 0).length).toBe(0);
  });

  it("counts REQUESTED_SIZE as the exact sum of the sizes asked for", () => {
    const heap = createHeap(1024, 512);
    alloc(heap, 1);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(1);
    alloc(heap, 7);
    alloc(heap, 9);
    alloc(heap, 16);
    alloc(heap, 0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(1 + 7 + 9 + 16 + 0);
  });

  it("counts ACTUAL_SIZE as the sum of the sizes each rounded up to 8 (8-byte aligned blocks)", () => {
    const heap = createHeap(1024, 512);
    alloc(heap, 1); // 8
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(8);
    alloc(heap, 7); // 8
    alloc(heap, 8); // 8
    alloc(heap, 9); // 16
    alloc(heap, 17); // 24
    alloc(heap, 0); // 0
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(8 + 8 + 8 + 16 + 24);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(1 + 7 + 8 + 9 + 17);
  });

  it("succeeds when the sum of sizes exactly reaches maxSize", () => {
    const heap = createHeap(100, 100);
    alloc(heap, 60);
    expect(alloc(heap, 40).length).toBe(40);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(100);
    const whole = createHeap(64, 0);
    expect(alloc(whole, 64).length).toBe(64);
  });

  it("returns WS_E_QUOTA_EXCEEDED when the sum of sizes would exceed maxSize, leaving the heap's sizes unchanged", () => {
    const heap = createHeap(100, 100);
    alloc(heap, 60);
    const error = createError();
    const ptr = ref<Uint8Array | null>(null);
    expect(WsAlloc(heap, 41, ptr, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(ptr.value).toBeNull();
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(60);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(64);
    expect(errorString(error, 0)).toBe(
      "WsAlloc: allocating 41 bytes for the requested block would exceed the heap's maximum size of 100 bytes (60 already allocated).",
    );
    // What still fits is still allocated.
    expect(alloc(heap, 40).length).toBe(40);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(100);
  });

  it("returns WS_E_QUOTA_EXCEEDED for a single block larger than maxSize", () => {
    const heap = createHeap(16, 16);
    const ptr = ref<Uint8Array | null>(null);
    expect(WsAlloc(heap, 17, ptr, null)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(ptr.value).toBeNull();
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(0);
  });

  it("limits the sum of the requested sizes, not the aligned ACTUAL_SIZE", () => {
    // Three 5-byte blocks take 24 bytes once aligned, but the docs define the quota as the sum of sizes.
    const heap = createHeap(15, 15);
    alloc(heap, 5);
    alloc(heap, 5);
    alloc(heap, 5);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(15);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(24);
    expect(WsAlloc(heap, 1, ref<Uint8Array | null>(null), null)).toBe(WS_E_QUOTA_EXCEEDED);
  });

  it("refuses a size that is not a byte count with E_INVALIDARG (negative, 1.5, NaN, Infinity, beyond 2^53-1)", () => {
    const heap = createHeap(1024, 512);
    const error = createError();
    for (const size of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "8" as unknown as number]) {
      const ptr = ref<Uint8Array | null>(null);
      expect(WsAlloc(heap, size, ptr, error)).toBe(E_INVALIDARG);
      expect(ptr.value).toBeNull();
      expect(errorString(error, 0)).toContain("WsAlloc: parameter 'size' must be a byte count (a non-negative safe integer)");
    }
    expect(errorString(error, 0)).toBe("WsAlloc: parameter 'size' must be a byte count (a non-negative safe integer), not \"8\".");
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
  });

  it("refuses a WS_ERROR, a plain object or null passed as the heap with E_INVALIDARG", () => {
    const error = createError();
    const notHeaps: [unknown, string][] = [
      [createError(), "a WS_ERROR"],
      [{}, "an object (Object)"],
      [null, "null"],
    ];
    for (const [notHeap, described] of notHeaps) {
      const ptr = ref<Uint8Array | null>(null);
      expect(WsAlloc(notHeap as WS_HEAP, 8, ptr, error)).toBe(E_INVALIDARG);
      expect(ptr.value).toBeNull();
      expect(errorString(error, 0)).toBe(`WsAlloc: parameter 'heap' must be a live WS_HEAP, not ${described}.`);
    }
  });

  it("refuses a ptr out parameter that is not an object with E_INVALIDARG", () => {
    const heap = createHeap(64, 64);
    const error = createError();
    expect(WsAlloc(heap, 8, null as unknown as { value: Uint8Array | null }, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsAlloc: parameter 'ptr' must be a Ref (an object whose value the function sets), not null.");
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
  });
});

describe("WsGetHeapProperty", () => {
  it("refuses an id that is not a WS_HEAP_PROPERTY_ID with E_INVALIDARG", () => {
    const heap = createHeap(64, 64);
    const error = createError();
    const value = ref<unknown>("unchanged");
    expect(WsGetHeapProperty(heap, 4 as WS_HEAP_PROPERTY_ID, value, error)).toBe(E_INVALIDARG);
    expect(value.value).toBe("unchanged");
    expect(errorString(error, 0)).toBe("WsGetHeapProperty: parameter 'id' must be a WS_HEAP_PROPERTY_ID value, not number 4.");
  });
});

describe("WsResetHeap", () => {
  it("sets REQUESTED_SIZE to 0 and keeps at most trimSize of ACTUAL_SIZE", () => {
    const heap = createHeap(1024, 20);
    alloc(heap, 30); // actual 32
    alloc(heap, 3); // actual 8
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(40);
    expect(WsResetHeap(heap, null)).toBe(S_OK);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(20); // min(40, 20)
    // maxSize and trimSize are unchanged.
    expect(heapProperty(heap, WS_HEAP_PROPERTY_MAX_SIZE)).toBe(1024);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_TRIM_SIZE)).toBe(20);
  });

  it("keeps ACTUAL_SIZE when it is already below trimSize", () => {
    const heap = createHeap(1024, 512);
    alloc(heap, 10); // actual 16
    expect(WsResetHeap(heap, null)).toBe(S_OK);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(0);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(16); // min(16, 512)
  });

  it("makes the whole maxSize available again after the heap was full", () => {
    const heap = createHeap(64, 0);
    alloc(heap, 64);
    expect(WsAlloc(heap, 1, ref<Uint8Array | null>(null), null)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(WsResetHeap(heap, null)).toBe(S_OK);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(0); // min(64, 0)
    expect(alloc(heap, 64).length).toBe(64);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE)).toBe(64);
    expect(heapProperty(heap, WS_HEAP_PROPERTY_ACTUAL_SIZE)).toBe(64);
  });

  it("refuses a non-heap with E_INVALIDARG", () => {
    const error = createError();
    expect(WsResetHeap(error as unknown as WS_HEAP, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsResetHeap: parameter 'heap' must be a live WS_HEAP, not a WS_ERROR.");
  });
});

describe("WsFreeHeap", () => {
  it("frees the heap; every later use returns E_INVALIDARG naming the freed heap", () => {
    const heap = createHeap(64, 64);
    alloc(heap, 8);
    expect(WsFreeHeap(heap)).toBeUndefined();
    expect(heap.freed).toBe(true);

    const error = createError();
    const ptr = ref<Uint8Array | null>(null);
    expect(WsAlloc(heap, 8, ptr, error)).toBe(E_INVALIDARG);
    expect(ptr.value).toBeNull();
    expect(errorString(error, 0)).toBe("WsAlloc: parameter 'heap' must be a live WS_HEAP, not a freed WS_HEAP.");
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, ref<unknown>(0), error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsGetHeapProperty: parameter 'heap' must be a live WS_HEAP, not a freed WS_HEAP.");
    expect(WsResetHeap(heap, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsResetHeap: parameter 'heap' must be a live WS_HEAP, not a freed WS_HEAP.");
    const count = ref<unknown>(0);
    expect(WsGetErrorProperty(error, WS_ERROR_PROPERTY_STRING_COUNT, count)).toBe(S_OK);
    expect(count.value).toBe(3);
  });

  it("throws a WsError with E_INVALIDARG when freed twice or given a non-heap", () => {
    const heap = createHeap(64, 64);
    WsFreeHeap(heap);
    expect(expectThrowsWsError(() => WsFreeHeap(heap), E_INVALIDARG).message).toBe(
      "WsFreeHeap: parameter 'heap' must be a live WS_HEAP, not a freed WS_HEAP.",
    );
    expect(expectThrowsWsError(() => WsFreeHeap({} as unknown as WS_HEAP), E_INVALIDARG).message).toBe(
      "WsFreeHeap: parameter 'heap' must be a live WS_HEAP, not an object (Object).",
    );
    const error = createError();
    expect(expectThrowsWsError(() => WsFreeHeap(error as unknown as WS_HEAP), E_INVALIDARG).message).toBe(
      "WsFreeHeap: parameter 'heap' must be a live WS_HEAP, not a WS_ERROR.",
    );
    expect(error.freed).toBe(false);
  });
});
