import {
  E_FAIL,
  type HRESULT,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_ASYNC_FUNCTION,
  type WS_ASYNC_STATE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
  WS_SHORT_CALLBACK,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsAsyncExecute, WsAsyncExecuteAsync } from "./index.js";

const newState = (): WS_ASYNC_STATE => ({ internal0: null, internal1: null, internal2: null, internal3: null, internal4: null });
const settled = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

function recorder() {
  const calls: { hr: HRESULT; model: number; state: unknown }[] = [];
  const context: WS_ASYNC_CONTEXT = { callback: (hr, model, state) => calls.push({ hr, model, state }), callbackState: "final" };
  return { calls, context };
}

/** A chain of `length` steps that all complete synchronously; counts the steps run. */
function countingChain(length: number) {
  const seen = { steps: 0 };
  const step: WS_ASYNC_FUNCTION = (hr, _model, _state, next) => {
    seen.steps++;
    if (seen.steps < length) next.function = step;
    return hr;
  };
  return { seen, step };
}

describe("WsAsyncExecute", () => {
  it("runs 1,000,000 synchronous steps with constant stack and returns the final HRESULT", () => {
    const { seen, step } = countingChain(1_000_000);
    const r = recorder();
    expect(WsAsyncExecute(newState(), step, WS_LONG_CALLBACK, null, r.context)).toBe(S_OK);
    expect(seen.steps).toBe(1_000_000);
    expect(r.calls).toEqual([]);
  });

  it("runs 1,000,000 steps whose completions arrive during the call with constant stack", async () => {
    let steps = 0;
    const step: WS_ASYNC_FUNCTION = (_hr, _model, _state, next, asyncContext) => {
      steps++;
      if (steps < 1_000_000) next.function = step;
      asyncContext!.callback!(S_OK, WS_SHORT_CALLBACK, asyncContext!.callbackState);
      return WS_S_ASYNC;
    };
    const r = recorder();
    expect(WsAsyncExecute(newState(), step, WS_LONG_CALLBACK, null, r.context)).toBe(S_OK);
    expect(steps).toBe(1_000_000);
    await settled();
    expect(r.calls).toEqual([]);
  });

  it("passes the state, the hr of the previous step and the callback models along the chain", async () => {
    const seen: { hr: HRESULT; model: number; state: unknown; hasContext: boolean }[] = [];
    let resume: (() => void) | null = null;
    const third: WS_ASYNC_FUNCTION = (hr, model, state, _next, ctx) => {
      seen.push({ hr, model, state, hasContext: ctx !== null });
      return WS_E_INVALID_FORMAT;
    };
    const second: WS_ASYNC_FUNCTION = (hr, model, state, next, ctx) => {
      seen.push({ hr, model, state, hasContext: ctx !== null });
      next.function = third;
      resume = () => ctx!.callback!(0x003d0001, WS_SHORT_CALLBACK, ctx!.callbackState);
      return WS_S_ASYNC;
    };
    const first: WS_ASYNC_FUNCTION = (hr, model, state, next, ctx) => {
      seen.push({ hr, model, state, hasContext: ctx !== null });
      expect(next.function).toBeNull();
      next.function = second;
      return S_OK;
    };
    const r = recorder();
    expect(WsAsyncExecute(newState(), first, WS_LONG_CALLBACK, "steps", r.context)).toBe(WS_S_ASYNC);
    expect(seen).toHaveLength(2);
    await settled();
    expect(r.calls).toEqual([]);
    resume!();
    await settled();
    expect(seen).toEqual([
      { hr: S_OK, model: WS_LONG_CALLBACK, state: "steps", hasContext: true },
      { hr: S_OK, model: WS_LONG_CALLBACK, state: "steps", hasContext: true },
      // The async step's result and the completion's callback model reach the next step.
      { hr: 0x003d0001, model: WS_SHORT_CALLBACK, state: "steps", hasContext: true },
    ]);
    // The last step's failure ends the chain and reaches the final callback exactly once,
    // under the model of the completion that resumed the chain.
    expect(r.calls).toEqual([{ hr: WS_E_INVALID_FORMAT, model: WS_SHORT_CALLBACK, state: "final" }]);
  });

  it("calls the next step after a failing one, which decides the final result", () => {
    const failing: WS_ASYNC_FUNCTION = (_hr, _m, _s, next) => {
      next.function = (hr) => (hr === E_FAIL ? WS_E_INVALID_FORMAT : S_OK);
      return E_FAIL;
    };
    expect(WsAsyncExecute(newState(), failing, WS_LONG_CALLBACK, null, null)).toBe(WS_E_INVALID_FORMAT);
  });

  it("a step that throws fails with its HRESULT and records its message", () => {
    const e = ref<WS_ERROR | null>(null);
    WsCreateError(null, e);
    const throwing: WS_ASYNC_FUNCTION = () => {
      throw new Error("step exploded");
    };
    expect(WsAsyncExecute(newState(), throwing, WS_LONG_CALLBACK, null, null, e.value)).toBe(E_FAIL);
    const message = ref("");
    WsGetErrorString(e.value!, 0, message);
    expect(message.value).toBe("WsAsyncExecute: internal error: step exploded");
  });

  it("gives the steps no context when called without one, and refuses a step that would wait", () => {
    const contexts: (WS_ASYNC_CONTEXT | null)[] = [];
    const waiting: WS_ASYNC_FUNCTION = (_hr, _m, _s, _next, ctx) => {
      contexts.push(ctx);
      return WS_S_ASYNC;
    };
    expect(WsAsyncExecute(newState(), waiting, WS_LONG_CALLBACK, null, null)).toBe(WS_E_INVALID_OPERATION);
    expect(contexts).toEqual([null]);
  });

  it("lets a WS_ERROR passed in be used by the steps' own calls", () => {
    const e = ref<WS_ERROR | null>(null);
    WsCreateError(null, e);
    const usesError: WS_ASYNC_FUNCTION = (_hr, _m, _s, _next, _ctx, error) => WsGetErrorString(error!, 5, ref(""));
    expect(WsAsyncExecute(newState(), usesError, WS_LONG_CALLBACK, null, null, e.value)).toBe(-2147024809); // E_INVALIDARG: index 5 is out of range, not a guard breach
  });

  it("refuses a WS_ASYNC_STATE that is still running a chain, and accepts it again once it completed", async () => {
    const state = newState();
    let resume: (() => void) | null = null;
    const waiting: WS_ASYNC_FUNCTION = (_hr, _m, _s, _next, ctx) => {
      resume = () => ctx!.callback!(S_OK, WS_LONG_CALLBACK, ctx!.callbackState);
      return WS_S_ASYNC;
    };
    const r = recorder();
    expect(WsAsyncExecute(state, waiting, WS_LONG_CALLBACK, null, r.context)).toBe(WS_S_ASYNC);
    expect(WsAsyncExecute(state, waiting, WS_LONG_CALLBACK, null, recorder().context)).toBe(WS_E_INVALID_OPERATION);
    resume!();
    await settled();
    expect(r.calls).toEqual([{ hr: S_OK, model: WS_LONG_CALLBACK, state: "final" }]);
    expect(WsAsyncExecute(state, () => S_OK, WS_LONG_CALLBACK, null, r.context)).toBe(S_OK);
  });

  it("has a Promise adapter", async () => {
    const { seen, step } = countingChain(10);
    await expect(WsAsyncExecuteAsync(newState(), step, WS_LONG_CALLBACK, null)).resolves.toBe(S_OK);
    expect(seen.steps).toBe(10);
    let resume: (() => void) | null = null;
    const waiting: WS_ASYNC_FUNCTION = (_hr, _m, _s, _next, ctx) => {
      resume = () => ctx!.callback!(WS_E_INVALID_FORMAT, WS_LONG_CALLBACK, ctx!.callbackState);
      return WS_S_ASYNC;
    };
    const pending = WsAsyncExecuteAsync(newState(), waiting, WS_LONG_CALLBACK, null);
    resume!();
    await expect(pending).rejects.toMatchObject({ hr: WS_E_INVALID_FORMAT });
  });
});
