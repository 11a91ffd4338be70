// A user's program against the packed @wwsapi/core and @wwsapi/async-execute, installed from their
// tarballs into an empty project (tools/pack-check/run.sh). It is type-checked (strict, NodeNext)
// against the shipped .d.ts files, compiled to main.mjs and run; every check prints "PASS"/"FAIL"
// and any failure makes the exit code non-zero.

import { WsAsyncExecute, WsAsyncExecuteAsync } from "@wwsapi/async-execute";
import {
  WsError as CoreWsError,
  type HRESULT,
  hresultName,
  ref,
  S_OK,
  type WS_ASYNC_FUNCTION,
  type WS_ASYNC_STATE,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  type WS_HEAP,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
  WsAlloc,
  WsCreateError,
  WsCreateHeap,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

let failures = 0;
function check(label: string, ok: boolean, detail = ""): void {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"}\t${label}${ok || detail === "" ? "" : ` (${detail})`}`);
}
const hr = (value: HRESULT): string => `${hresultName(value)} (${value})`;

// Never called: proves the declarations are precise types, not `any`.
function typesArePrecise(heap: WS_HEAP): void {
  // @ts-expect-error WsAlloc's size is a number.
  WsAlloc(heap, "sixteen", ref<Uint8Array | null>(null));
  // @ts-expect-error a WS_HEAP is not a WS_ERROR.
  WsGetErrorString(heap, 0, ref(""));
}
void typesArePrecise;

// --- @wwsapi/core: WS_ERROR, WS_HEAP, quota, error strings --------------------------------------

const errorRef = ref<WS_ERROR | null>(null);
const created = WsCreateError(null, errorRef);
check("core: WsCreateError returns S_OK and a WS_ERROR", created === S_OK && errorRef.value !== null, hr(created));
const error: WS_ERROR | null = errorRef.value;

const heapRef = ref<WS_HEAP | null>(null);
const heapCreated = WsCreateHeap(256, 128, null, heapRef, error);
check("core: WsCreateHeap(maxSize 256) returns S_OK and a WS_HEAP", heapCreated === S_OK && heapRef.value !== null, hr(heapCreated));
const heap: WS_HEAP | null = heapRef.value;

if (heap !== null && error !== null) {
  const block = ref<Uint8Array | null>(null);
  const small = WsAlloc(heap, 100, block, error);
  check("core: WsAlloc(100) within the quota returns S_OK and a 100-byte block", small === S_OK && block.value?.length === 100, hr(small));

  const tooBig = ref<Uint8Array | null>(null);
  const over = WsAlloc(heap, 1024, tooBig, error);
  check("core: WsAlloc(1024) past the heap's max size returns WS_E_QUOTA_EXCEEDED", over === WS_E_QUOTA_EXCEEDED, `got ${hr(over)}`);

  const text = ref("");
  const got = WsGetErrorString(error, 0, text);
  check(
    "core: WsGetErrorString(error, 0) gives a non-empty string",
    got === S_OK && typeof text.value === "string" && text.value.length > 0,
    `${hr(got)}, ${JSON.stringify(text.value)}`,
  );
  if (text.value.length > 0) console.log(`  error string 0: ${JSON.stringify(text.value)}`);

  WsFreeHeap(heap);
  WsFreeError(error);
}

// --- @wwsapi/core/internal ----------------------------------------------------------------------

check(
  "core/internal: WsError resolves and is the same class as @wwsapi/core's",
  typeof WsError === "function" && WsError === CoreWsError && new WsError(WS_E_QUOTA_EXCEEDED, "x") instanceof CoreWsError,
);

// --- @wwsapi/async-execute: a 3-step chain whose middle step completes later -------------------

const newState = (): WS_ASYNC_STATE => ({ internal0: null, internal1: null, internal2: null, internal3: null, internal4: null });
const withTimeout = <T,>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        clearTimeout(timer);
        reject(reason);
      },
    );
  });

{
  const ran: string[] = [];
  const step3: WS_ASYNC_FUNCTION = (stepHr) => {
    ran.push(`step3(${hresultName(stepHr)})`);
    return S_OK;
  };
  const step2: WS_ASYNC_FUNCTION = (_hr, _model, _state, next, asyncContext) => {
    ran.push("step2");
    next.function = step3;
    if (asyncContext === null || asyncContext.callback === null) return WS_S_ASYNC; // the check below fails: the chain never ends
    const { callback, callbackState } = asyncContext;
    setTimeout(() => callback(S_OK, WS_LONG_CALLBACK, callbackState), 20);
    return WS_S_ASYNC;
  };
  const step1: WS_ASYNC_FUNCTION = (_hr, _model, _state, next) => {
    ran.push("step1");
    next.function = step2;
    return S_OK;
  };

  const token = { name: "callback state" };
  const finals: { hr: HRESULT; state: unknown; returned: boolean }[] = [];
  let returned = false;
  let firstFinal: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    firstFinal = resolve;
  });
  const flat = WsAsyncExecute(
    newState(),
    step1,
    WS_LONG_CALLBACK,
    null,
    {
      callback: (finalHr, _model, state) => {
        finals.push({ hr: finalHr, state, returned });
        firstFinal();
      },
      callbackState: token,
    },
    null,
  );
  returned = true;
  check("async-execute: WsAsyncExecute on a chain with an async middle step returns WS_S_ASYNC", flat === WS_S_ASYNC, `got ${hr(flat)}`);

  try {
    await withTimeout(finished, 2000, "WsAsyncExecute's callback");
    await new Promise((resolve) => setTimeout(resolve, 50)); // room for a (wrong) second call
  } catch (thrown) {
    console.log(`  ${(thrown as Error).message}`);
  }
  const only = finals[0];
  check(
    "async-execute: the final callback gets S_OK and the callback state exactly once, after the call returned",
    finals.length === 1 && only !== undefined && only.hr === S_OK && only.state === token && only.returned,
    `calls: ${JSON.stringify(finals.map((f) => ({ hr: hresultName(f.hr), sameState: f.state === token, afterReturn: f.returned })))}`,
  );
  check("async-execute: the steps ran in order and step 3 saw S_OK", ran.join(",") === "step1,step2,step3(S_OK)", ran.join(","));
}

// --- @wwsapi/async-execute: the Promise adapter on a synchronous chain ---------------------------

{
  const ran: number[] = [];
  const chain =
    (i: number): WS_ASYNC_FUNCTION =>
    (_hr, _model, _state, next) => {
      ran.push(i);
      next.function = i < 3 ? chain(i + 1) : null;
      return S_OK;
    };
  let result: HRESULT | string;
  try {
    result = await withTimeout(WsAsyncExecuteAsync(newState(), chain(1), WS_LONG_CALLBACK, null, null), 2000, "WsAsyncExecuteAsync");
  } catch (thrown) {
    result = thrown instanceof CoreWsError ? `rejected with WsError ${thrown.message}` : `rejected with ${String(thrown)}`;
  }
  check(
    "async-execute: await WsAsyncExecuteAsync(3 synchronous steps) resolves to S_OK",
    result === S_OK && ran.join(",") === "1,2,3",
    `result ${typeof result === "number" ? hr(result) : result}, steps ${ran.join(",")}`,
  );
}

process.exitCode = failures === 0 ? 0 : 1;
