import {
  type HRESULT,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_ASYNC_FUNCTION,
  type WS_ASYNC_OPERATION,
  type WS_CALLBACK_MODEL,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  WS_S_ASYNC,
} from "@wwsapi/core";
import { type AsyncCompletion, fail, WsError } from "@wwsapi/core/internal";

/**
 * Runs one WsAsyncExecute chain. Each step is a WS_ASYNC_FUNCTION that sets `next.function` to
 * the step after it (WsAsyncExecute clears it before each call) and returns an HRESULT; WS_S_ASYNC
 * means it will report its result later through the context it was given.
 *
 * The driver is a loop, not recursion: steps that complete synchronously run one after another
 * in `run`, and a step's completion callback, whenever it arrives, resumes that same loop. If a
 * step calls its callback before it returns WS_S_ASYNC, the callback only records the result and
 * the loop picks it up, so the stack stays flat however long the chain.
 */
export class AsyncDriver {
  private readonly next: WS_ASYNC_OPERATION = { function: null };
  private readonly stepContext: WS_ASYNC_CONTEXT;
  /** True while a step is being called; a completion arriving then is recorded, not run. */
  private inStep = false;
  private completedInStep = false;
  private completedHr: HRESULT = S_OK;
  private completedModel: WS_CALLBACK_MODEL = 0;
  private settle: ((hr: HRESULT) => void) | null = null;
  /** The completion handed to the generated wrapper once the chain has gone asynchronous. */
  completion: (Promise<HRESULT> & AsyncCompletion) | null = null;
  /** Whether the chain is still running; the WS_ASYNC_STATE cannot start another until it ends. */
  busy = true;

  constructor(
    private readonly callbackState: unknown,
    private readonly canWait: boolean,
    private readonly error: WS_ERROR | null,
  ) {
    this.stepContext = {
      callback: (hr, callbackModel) => this.stepCompleted(hr, callbackModel),
      callbackState: null,
    };
  }

  /** Runs from `operation` until the chain ends or waits; returns the final HRESULT or WS_S_ASYNC. */
  start(operation: WS_ASYNC_FUNCTION, callbackModel: WS_CALLBACK_MODEL): HRESULT {
    const hr = this.run(operation, S_OK, callbackModel);
    if (hr !== WS_S_ASYNC) {
      this.busy = false;
      return hr;
    }
    this.completion = new Promise<HRESULT>((resolve) => {
      this.settle = resolve;
    }) as Promise<HRESULT> & AsyncCompletion;
    return WS_S_ASYNC;
  }

  private run(first: WS_ASYNC_FUNCTION | null, hr: HRESULT, callbackModel: WS_CALLBACK_MODEL): HRESULT {
    let step = first;
    let result = hr;
    let model = callbackModel;
    while (step !== null) {
      this.next.function = null;
      result = this.callStep(step, result, model);
      if (result === WS_S_ASYNC) {
        if (!this.completedInStep) return WS_S_ASYNC;
        result = this.completedHr;
        model = this.completedModel;
      }
      step = this.next.function;
    }
    return result;
  }

  private callStep(step: WS_ASYNC_FUNCTION, hr: HRESULT, callbackModel: WS_CALLBACK_MODEL): HRESULT {
    this.inStep = true;
    this.completedInStep = false;
    try {
      const result = step(hr, callbackModel, this.callbackState, this.next, this.canWait ? this.stepContext : null, this.error);
      if (result === WS_S_ASYNC && !this.canWait) {
        // A step given no context must complete synchronously; its result would never arrive.
        return fail(
          "WsAsyncExecute",
          new WsError(WS_E_INVALID_OPERATION, "WsAsyncExecute: a step returned WS_S_ASYNC although it was given no WS_ASYNC_CONTEXT."),
          this.error,
        );
      }
      return result;
    } catch (thrown) {
      // A step that throws fails with its HRESULT, and the chain goes on: the next function
      // "will be called regardless of whether or not the current function succeeds or fails".
      return fail("WsAsyncExecute", thrown, this.error);
    } finally {
      this.inStep = false;
    }
  }

  private stepCompleted(hr: HRESULT, callbackModel: WS_CALLBACK_MODEL): void {
    if (this.inStep) {
      this.completedInStep = true;
      this.completedHr = hr;
      this.completedModel = callbackModel;
      return;
    }
    const result = this.run(this.next.function, hr, callbackModel);
    if (result === WS_S_ASYNC) return;
    this.busy = false;
    // The caller's callback runs under the model of the completion that ended the chain.
    (this.completion as AsyncCompletion).callbackModel = callbackModel;
    this.settle?.(result);
  }
}
