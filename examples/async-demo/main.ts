import { fileURLToPath } from "node:url";
import { WsAsyncExecute, WsAsyncExecuteAsync } from "@wwsapi/async-execute";
import {
  hresultName,
  ref,
  S_OK,
  type WS_ANY_URL,
  type WS_ASYNC_FUNCTION,
  type WS_ASYNC_STATE,
  type WS_ERROR,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_LONG_CALLBACK,
  WS_URL_NETTCP_SCHEME_TYPE,
  WsAlloc,
  WsCombineUrl,
  WsCreateError,
  WsCreateHeap,
  WsDecodeUrl,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorString,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { newDigestState, openStep } from "./file-digest.js";

/**
 * `pnpm demo:async`: the asynchronous model of WWSAPI on Node's event
 * loop — a WsAsyncExecute chain doing file I/O, the same chain through the Promise API, a
 * million-step synchronous chain, and the heap, error and URL functions of @wwsapi/core.
 */
const say = (text = "") => console.log(text);
const name = (hr: number) => `${hresultName(hr)} (0x${(hr >>> 0).toString(16).toUpperCase().padStart(8, "0")})`;
const newState = (): WS_ASYNC_STATE => ({ internal0: null, internal1: null, internal2: null, internal3: null, internal4: null });
const specFile = fileURLToPath(new URL("../../spec/functions.json", import.meta.url));

say("wwsapi-ts demo: the WWSAPI asynchronous model on Node's event loop\n");

// 1. A chain of asynchronous file reads, driven by WsAsyncExecute with a WS_ASYNC_CONTEXT.
say("1. WsAsyncExecute with a WS_ASYNC_CONTEXT: hash spec/functions.json in 16 KiB reads");
const digest = newDigestState(specFile, 16 * 1024);
const started = process.hrtime.bigint();
const finished = new Promise<void>((resolve) => {
  const hr = WsAsyncExecute(newState(), openStep, WS_LONG_CALLBACK, digest, {
    callback: (result, model) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      say(
        `   callback: ${name(result)}, ${model === WS_LONG_CALLBACK ? "WS_LONG_CALLBACK" : "WS_SHORT_CALLBACK"}, after ${ms.toFixed(1)} ms`,
      );
      say(
        `   ${digest.bytes.toLocaleString("en-US")} bytes, ${digest.lines.toLocaleString("en-US")} lines, ${digest.chunks} chunks, ${digest.asyncSteps} asynchronous steps`,
      );
      say(`   sha256 ${digest.digest}`);
      resolve();
    },
    callbackState: null,
  });
  say(`   WsAsyncExecute returned ${name(hr)}: the chain goes on while the event loop runs`);
});
await finished;

// 2. The same chain through the Promise adapter that the generator emits for every async-capable function.
say("\n2. The same chain through the Promise API (WsAsyncExecuteAsync)");
const again = newDigestState(specFile, 64 * 1024);
const hr = await WsAsyncExecuteAsync(newState(), openStep, WS_LONG_CALLBACK, again);
say(`   resolved with ${name(hr)}; same digest: ${again.digest === digest.digest}, ${again.chunks} chunks of 64 KiB`);

// 3. Without a context the chain must complete synchronously; steps that complete at once do.
say("\n3. A synchronous chain of 1,000,000 steps (no WS_ASYNC_CONTEXT): constant stack");
let steps = 0;
let sum = 0;
const addStep: WS_ASYNC_FUNCTION = (result, _model, _state, next) => {
  sum += ++steps;
  if (steps < 1_000_000) next.function = addStep;
  return result;
};
const t0 = process.hrtime.bigint();
const syncHr = WsAsyncExecute(newState(), addStep, WS_LONG_CALLBACK, null, null);
const ns = Number(process.hrtime.bigint() - t0);
say(
  `   ${name(syncHr)} after ${steps.toLocaleString("en-US")} steps in ${(ns / 1e6).toFixed(1)} ms (${(ns / steps).toFixed(1)} ns/step); 1+2+...+n = ${sum}`,
);
say(
  `   the same chain asked to wait (file I/O) without a context: ${name(WsAsyncExecute(newState(), openStep, WS_LONG_CALLBACK, newDigestState(specFile, 1024), null))}`,
);

// 4. Heaps have quotas, and failures explain themselves through WS_ERROR.
say("\n4. WS_HEAP quotas and WS_ERROR strings");
const errorRef = ref<WS_ERROR | null>(null);
const heapRef = ref<WS_HEAP | null>(null);
WsCreateError(null, errorRef);
WsCreateHeap(4096, 1024, null, heapRef, errorRef.value);
const [error, heap] = [errorRef.value!, heapRef.value!];
const block = ref<Uint8Array | null>(null);
say(`   WsAlloc(3000) -> ${name(WsAlloc(heap, 3000, block, error))}, a block of ${block.value?.length} bytes`);
say(`   WsAlloc(2000) -> ${name(WsAlloc(heap, 2000, block, error))}`);
const message = ref("");
WsGetErrorString(error, 0, message);
say(`   WsGetErrorString(0): "${message.value}"`);
const requested = ref<unknown>(0);
WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested, error);
say(`   WS_HEAP_PROPERTY_REQUESTED_SIZE = ${requested.value}`);

// 5. URLs as WWSAPI decodes and combines them.
say("\n5. URLs");
const url = ref<WS_ANY_URL | null>(null);
WsDecodeUrl("net.tcp://[::1]/Calculator/Service.svc?wsdl", 0, heap, url, error);
const u = url.value!;
say(
  `   WsDecodeUrl: scheme ${u.scheme === WS_URL_NETTCP_SCHEME_TYPE ? "net.tcp" : u.scheme}, host "${u.host}", port ${u.port} (default), path "${u.path}", query "${u.query}"`,
);
const combined = ref("");
WsCombineUrl("http://example.org/a/b/c", "../d?x=1", 0, heap, combined, error);
say(`   WsCombineUrl("http://example.org/a/b/c", "../d?x=1") = "${combined.value}"`);

WsFreeHeap(heap);
WsFreeError(error);
say(`\ndone: ${syncHr === S_OK && hr === S_OK ? "every step behaved as documented" : "something went wrong"}`);
