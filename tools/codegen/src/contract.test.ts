import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CHANNEL,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  WS_ERROR_PROPERTY_STRING_COUNT,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
  WS_SHORT_CALLBACK,
  type WS_XML_READER,
  WsCreateError,
  WsCreateHeap,
  WsError,
  WsGetErrorProperty,
  WsGetErrorString,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { beforeEach, describe, expect, it } from "vitest";
import {
  WsTestAlloc,
  WsTestCopy,
  WsTestFill,
  WsTestFillAsync,
  WsTestFree,
  WsTestMissing,
  WsTestSend,
  WsTestUseHeap,
} from "../test/fixture/packages/xml/src/gen/index.js";
import { script } from "../test/fixture/packages/xml/src/implementation.js";
import { TestChannel, TestReader } from "../test/fixture/packages/xml/src/test-handles.js";

/**
 * The two contracts of design §5 and §6, run on the code the generator emits for the inline spec
 * (test/inline-spec.ts), with implementations the tests steer (test/fixture/.../implementation.ts).
 */

const reader = () => new TestReader() as unknown as WS_XML_READER;
const channel = () => new TestChannel() as unknown as WS_CHANNEL;
const nextTask = () => new Promise((resolve) => setImmediate(resolve));
/** Lets every completion settle and every callback task run. */
const settled = async () => {
  for (let i = 0; i < 3; i++) await nextTask();
};

function newError(): WS_ERROR {
  const e = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, e)).toBe(S_OK);
  return e.value!;
}

function newHeap(max = 1000): WS_HEAP {
  const h = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(max, 0, null, h, null)).toBe(S_OK);
  return h.value!;
}

function errorStrings(error: WS_ERROR): string[] {
  const count = ref<unknown>(0);
  expect(WsGetErrorProperty(error, WS_ERROR_PROPERTY_STRING_COUNT, count)).toBe(S_OK);
  return Array.from({ length: count.value as number }, (_, i) => {
    const s = ref("");
    expect(WsGetErrorString(error, i, s)).toBe(S_OK);
    return s.value;
  });
}

interface Recorded {
  calls: { hr: number; model: number; state: unknown }[];
  context: WS_ASYNC_CONTEXT;
}

function recorder(state: unknown = "state"): Recorded {
  const calls: Recorded["calls"] = [];
  return { calls, context: { callback: (hr, model, s) => calls.push({ hr, model, state: s }), callbackState: state } };
}

beforeEach(() => {
  script.next = "sync";
  script.syncResult = S_OK;
  script.callbackModel = undefined;
  script.calls = [];
});

describe("the asynchronous model (design §6)", () => {
  it("a synchronous completion returns the final HRESULT and never calls the callback", async () => {
    const r = recorder();
    script.syncResult = 0x003d0001; // WS_S_END: a success code other than S_OK comes through as is
    expect(WsTestFill(reader(), 0, r.context)).toBe(0x003d0001);
    await settled();
    expect(r.calls).toEqual([]);
  });

  it("WS_S_ASYNC leads to exactly one callback, after the function has returned", async () => {
    const r = recorder();
    script.next = "async";
    expect(WsTestFill(reader(), 0, r.context)).toBe(WS_S_ASYNC);
    expect(r.calls).toEqual([]);
    script.complete(S_OK);
    script.complete(S_OK); // a second settle of the same completion must not call back twice
    await settled();
    expect(r.calls).toEqual([{ hr: S_OK, model: WS_LONG_CALLBACK, state: "state" }]);
  });

  it("a completion that happens during the call still calls back only after the call returned", async () => {
    const r = recorder();
    script.next = "during";
    const hr = WsTestFill(reader(), 0, r.context);
    expect(hr).toBe(WS_S_ASYNC);
    expect(r.calls).toEqual([]);
    await settled();
    expect(r.calls).toEqual([{ hr: S_OK, model: WS_LONG_CALLBACK, state: "state" }]);
  });

  it("reads the context during the call only: the caller may reuse it at once", async () => {
    const first = recorder("first");
    const context = { ...first.context };
    script.next = "async";
    expect(WsTestFill(reader(), 0, context)).toBe(WS_S_ASYNC);
    const complete = script.complete;
    const second = recorder("second");
    context.callback = second.context.callback;
    context.callbackState = "second";
    complete(S_OK);
    await settled();
    expect(first.calls).toEqual([{ hr: S_OK, model: WS_LONG_CALLBACK, state: "first" }]);
    expect(second.calls).toEqual([]);
  });

  it("WS_SHORT_CALLBACK runs inside the completion, WS_LONG_CALLBACK as a task of its own", async () => {
    const order: string[] = [];
    const context = (name: string): WS_ASYNC_CONTEXT => ({ callback: (_hr, model) => order.push(`${name}:${model}`), callbackState: null });
    script.next = "async";
    script.callbackModel = WS_SHORT_CALLBACK;
    expect(WsTestFill(reader(), 0, context("short"))).toBe(WS_S_ASYNC);
    const completeShort = script.complete;
    script.callbackModel = undefined;
    expect(WsTestFill(reader(), 0, context("long"))).toBe(WS_S_ASYNC);
    const completeLong = script.complete;
    completeLong(S_OK);
    completeShort(S_OK);
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual([`short:${WS_SHORT_CALLBACK}`]);
    await settled();
    expect(order).toEqual([`short:${WS_SHORT_CALLBACK}`, `long:${WS_LONG_CALLBACK}`]);
  });

  it("an operation that would wait fails at once without a context, and says what to do", () => {
    const error = newError();
    script.next = "async";
    expect(WsTestFill(reader(), 0, null, error)).toBe(WS_E_INVALID_OPERATION);
    const [message] = errorStrings(error);
    expect(message).toContain("WsTestFill would have to wait");
    expect(message).toContain("Pass a WS_ASYNC_CONTEXT, or use WsTestFillAsync");
  });

  it("an asynchronous failure reaches the callback as its HRESULT, with the strings on the WS_ERROR", async () => {
    const error = newError();
    const r = recorder();
    script.next = "async";
    expect(WsTestFill(reader(), 0, r.context, error)).toBe(WS_S_ASYNC);
    script.reject(new WsError(WS_E_INVALID_FORMAT, "broken input at 1:7"));
    await settled();
    expect(r.calls).toEqual([{ hr: WS_E_INVALID_FORMAT, model: WS_LONG_CALLBACK, state: "state" }]);
    expect(errorStrings(error)).toEqual(["broken input at 1:7"]);
  });

  it("a synchronous failure returns its HRESULT and records its strings", () => {
    const error = newError();
    expect(WsTestFill(reader(), 0xdead, recorder().context, error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorStrings(error)).toEqual(["WsTestFill: the test asked for a failure"]);
  });
});

describe("the Promise adapters", () => {
  it("resolve a synchronous completion with its HRESULT", async () => {
    script.syncResult = 0x003d0001;
    await expect(WsTestFillAsync(reader(), 0)).resolves.toBe(0x003d0001);
  });

  it("resolve an asynchronous completion when it completes", async () => {
    script.next = "async";
    const pending = WsTestFillAsync(reader(), 0);
    script.complete(S_OK);
    await expect(pending).resolves.toBe(S_OK);
  });

  it("reject with a WsError that carries the HRESULT and strings, synchronous or not", async () => {
    await expect(WsTestFillAsync(reader(), 0xdead)).rejects.toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      code: "WS_E_INVALID_FORMAT",
      strings: ["WsTestFill: the test asked for a failure"],
    });
    script.next = "async";
    const pending = WsTestFillAsync(reader(), 0);
    script.reject(new WsError(WS_E_INVALID_FORMAT, "late failure"));
    await expect(pending).rejects.toMatchObject({ hr: WS_E_INVALID_FORMAT, strings: ["late failure"] });
  });

  it("reject a breach of the threading contract", async () => {
    const r = reader();
    script.next = "async";
    const first = WsTestFillAsync(r, 0);
    const complete = script.complete;
    await expect(WsTestFillAsync(r, 0)).rejects.toMatchObject({ hr: WS_E_INVALID_OPERATION });
    complete(S_OK);
    await expect(first).resolves.toBe(S_OK);
  });
});

describe("the threading contract (design §5)", () => {
  it("a second operation on a pending single-threaded handle fails, names both functions, and changes nothing", async () => {
    const r = reader();
    const error = newError();
    script.next = "async";
    const first = recorder();
    expect(WsTestFill(r, 0, first.context)).toBe(WS_S_ASYNC);
    const complete = script.complete;
    expect(WsTestUseHeap(r, null, recorder().context, error)).toBe(WS_E_INVALID_OPERATION);
    expect(errorStrings(error)).toEqual([
      "WsTestUseHeap: the WS_XML_READER is in use by a pending WsTestFill; a single-threaded handle allows one operation at a time, so WsTestUseHeap cannot start until it completes.",
    ]);
    expect(script.calls).toEqual(["WsTestFill"]); // the implementation never ran
    expect((r as unknown as TestReader).pendingOperation).toBe("WsTestFill");
    complete(S_OK);
    await settled();
    expect(first.calls).toHaveLength(1);
    expect((r as unknown as TestReader).pendingOperation).toBeNull();
  });

  it("a WS_HEAP lent to a pending operation cannot be used by another", async () => {
    const heap = newHeap();
    script.next = "async";
    expect(WsTestUseHeap(reader(), heap, recorder().context)).toBe(WS_S_ASYNC);
    const complete = script.complete;
    const error = newError();
    expect(WsTestAlloc(heap, 10, error)).toBe(WS_E_INVALID_OPERATION);
    expect(errorStrings(error)[0]).toContain("the WS_HEAP is in use by a pending WsTestUseHeap");
    expect(errorStrings(error)[0]).toContain("so WsTestAlloc cannot start");
    // Core's own functions are guarded the same way.
    const size = ref<unknown>(-1);
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, size)).toBe(WS_E_INVALID_OPERATION);
    complete(S_OK);
    await settled();
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, size)).toBe(S_OK);
    expect(size.value).toBe(0);
    expect(WsTestAlloc(heap, 10, error)).toBe(S_OK);
  });

  it("a WS_ERROR held by a pending operation cannot be used, and is not written to", async () => {
    const error = newError();
    script.next = "async";
    expect(WsTestFill(reader(), 0, recorder().context, error)).toBe(WS_S_ASYNC);
    const complete = script.complete;
    expect(WsTestFill(reader(), 0, recorder().context, error)).toBe(WS_E_INVALID_OPERATION);
    expect(WsGetErrorString(error, 0, ref(""))).toBe(WS_E_INVALID_OPERATION);
    complete(S_OK);
    await settled();
    expect(errorStrings(error)).toEqual([]);
  });

  it("releases the guard before the callback, so the callback can start the next operation", async () => {
    const r = reader();
    const results: number[] = [];
    script.next = "async";
    const context: WS_ASYNC_CONTEXT = {
      callback: () => {
        script.next = "sync";
        results.push(WsTestFill(r, 0, null));
      },
      callbackState: null,
    };
    expect(WsTestFill(r, 0, context)).toBe(WS_S_ASYNC);
    script.complete(S_OK);
    await settled();
    expect(results).toEqual([S_OK]);
  });

  it("a free-threaded handle accepts overlapping operations", async () => {
    const c = channel();
    const a = recorder("a");
    const b = recorder("b");
    script.next = "async";
    expect(WsTestSend(c, a.context)).toBe(WS_S_ASYNC);
    const completeA = script.complete;
    expect(WsTestSend(c, b.context)).toBe(WS_S_ASYNC);
    const completeB = script.complete;
    completeB(S_OK);
    completeA(S_OK);
    await settled();
    expect(b.calls.map((c) => c.state)).toEqual(["b"]);
    expect(a.calls.map((c) => c.state)).toEqual(["a"]);
  });

  it("holds an object passed as two parameters once", () => {
    const e = newError();
    expect(WsTestCopy(e, e)).toBe(S_OK);
    expect(WsTestCopy(e, newError())).toBe(S_OK);
  });

  it("a void function throws on a breach, since it has no HRESULT to return", async () => {
    const r = reader();
    script.next = "async";
    expect(WsTestFill(r, 0, recorder().context)).toBe(WS_S_ASYNC);
    expect(() => WsTestFree(r)).toThrowError(expect.objectContaining({ hr: WS_E_INVALID_OPERATION }));
    script.complete(S_OK);
    await settled();
    WsTestFree(r);
    expect(() => WsTestFree(r)).toThrowError(
      expect.objectContaining({ hr: E_INVALIDARG, message: expect.stringContaining("a freed WS_XML_READER") }),
    );
  });
});

describe("argument checks and stubs", () => {
  it("rejects a wrong argument with E_INVALIDARG naming the parameter", () => {
    const error = newError();
    expect(WsTestFill({} as WS_XML_READER, 0, null, error)).toBe(E_INVALIDARG);
    expect(WsTestFill(reader(), -1, null, error)).toBe(E_INVALIDARG);
    expect(WsTestFill(reader(), 0, { callbackState: null } as unknown as WS_ASYNC_CONTEXT, error)).toBe(E_INVALIDARG);
    expect(errorStrings(error)).toEqual([
      "WsTestFill: parameter 'asyncContext' must be a WS_ASYNC_CONTEXT (with a callback function) or null, not an object (Object).",
      "WsTestFill: parameter 'minSize' must be an integer from 0 to 4294967295, not number -1.",
      "WsTestFill: parameter 'reader' must be a live WS_XML_READER, not an object (Object).",
    ]);
    expect(script.calls).toEqual([]);
  });

  it("a function without an implementation returns E_NOTIMPL naming it", () => {
    const error = newError();
    expect(WsTestMissing(reader(), error)).toBe(E_NOTIMPL);
    expect(errorStrings(error)).toEqual(["WsTestMissing is not implemented yet in wwsapi-ts (see docs/api-status.md)."]);
  });

  it("WsError is recognised across copies of the package", () => {
    const foreign = { [Symbol.for("@wwsapi/core.WsError")]: true, hr: E_NOTIMPL };
    expect(foreign instanceof WsError).toBe(true);
    expect(new Error("x") instanceof WsError).toBe(false);
  });
});
