import { WsAsyncExecute } from "@wwsapi/async-execute";
import { type HRESULT, S_OK, type WS_ASYNC_FUNCTION, type WS_ASYNC_STATE, WS_LONG_CALLBACK } from "@wwsapi/core";
import { type Measurement, measureAsync, measureSync } from "./measure.js";

/**
 * WsAsyncExecute against what a Node developer would write instead: an async function that
 * awaits each step. Both run chains of steps that complete synchronously, which is the common
 * case (data already buffered) that the async model is designed to keep cheap.
 */
export async function asyncExecuteBench(): Promise<Measurement[]> {
  const CHAIN = 1_000;
  let remaining = 0;
  let total = 0;
  const step: WS_ASYNC_FUNCTION = (hr, _model, _state, next) => {
    total++;
    if (--remaining > 0) next.function = step;
    return hr;
  };
  const state: WS_ASYNC_STATE = { internal0: null, internal1: null, internal2: null, internal3: null, internal4: null };
  const context = { callback: () => {}, callbackState: null };

  async function awaitStep(hr: HRESULT): Promise<HRESULT> {
    total++;
    return hr;
  }

  const results = [
    measureSync("WsAsyncExecute step (chains of 1,000)", 2_000_000, (n) => {
      for (let chains = n / CHAIN; chains > 0; chains--) {
        remaining = CHAIN;
        WsAsyncExecute(state, step, WS_LONG_CALLBACK, null, context, null);
      }
    }),
    await measureAsync("async/await loop step (chains of 1,000)", 2_000_000, async (n) => {
      for (let chains = n / CHAIN; chains > 0; chains--) {
        let hr = S_OK;
        for (let i = 0; i < CHAIN; i++) hr = await awaitStep(hr);
      }
    }),
  ];
  if (total === -1) console.log(total);
  return results;
}
