import { createHash, type Hash } from "node:crypto";
import { close, open, read } from "node:fs";
import {
  type HRESULT,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_ASYNC_FUNCTION,
  type WS_ASYNC_OPERATION,
  type WS_CALLBACK_MODEL,
  WS_E_ENDPOINT_FAILURE,
  WS_E_INVALID_OPERATION,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
} from "@wwsapi/core";

/**
 * A WsAsyncExecute chain that does real I/O: open a file, read it in chunks, hash and count it,
 * close it. Each I/O step starts a Node callback operation, returns WS_S_ASYNC, and reports its
 * result through the WS_ASYNC_CONTEXT it was given — exactly how a C program written against
 * webservices.h chains asynchronous calls. Written the C way on purpose: it is what a port of
 * such a program looks like.
 */
export interface DigestState {
  path: string;
  chunkSize: number;
  fd: number;
  buffer: Buffer;
  hash: Hash;
  bytes: number;
  lines: number;
  chunks: number;
  asyncSteps: number;
  digest: string;
  failure: string | null;
}

export function newDigestState(path: string, chunkSize: number): DigestState {
  return {
    path,
    chunkSize,
    fd: -1,
    buffer: Buffer.alloc(chunkSize),
    hash: createHash("sha256"),
    bytes: 0,
    lines: 0,
    chunks: 0,
    asyncSteps: 0,
    digest: "",
    failure: null,
  };
}

/** Completes a step: with a context, later through its callback; without one, it cannot wait. */
function finishLater(state: DigestState, asyncContext: WS_ASYNC_CONTEXT | null, start: (done: (hr: HRESULT) => void) => void): HRESULT {
  // File I/O always waits, and waiting without a context would block the event loop: fail at
  // once, as every wwsapi-ts operation does (design §6).
  if (asyncContext === null) return WS_E_INVALID_OPERATION;
  state.asyncSteps++;
  start((hr) => asyncContext.callback!(hr, WS_LONG_CALLBACK as WS_CALLBACK_MODEL, asyncContext.callbackState));
  return WS_S_ASYNC;
}

const fail = (state: DigestState, what: string, error: NodeJS.ErrnoException) => {
  state.failure = `${what}: ${error.message}`;
  return WS_E_ENDPOINT_FAILURE;
};

export const openStep: WS_ASYNC_FUNCTION = (_hr, _model, callbackState, next, asyncContext) => {
  const state = callbackState as DigestState;
  next.function = readStep;
  return finishLater(state, asyncContext, (done) =>
    open(state.path, "r", (error, fd) => {
      if (error) return done(fail(state, "open", error));
      state.fd = fd;
      done(S_OK);
    }),
  );
};

const readStep: WS_ASYNC_FUNCTION = (hr, _model, callbackState, next: WS_ASYNC_OPERATION, asyncContext) => {
  const state = callbackState as DigestState;
  if (hr < 0) return hr; // the open failed: end the chain with its HRESULT
  return finishLater(state, asyncContext, (done) =>
    read(state.fd, state.buffer, 0, state.chunkSize, null, (error, count) => {
      if (error) {
        next.function = closeStep;
        return done(fail(state, "read", error));
      }
      if (count === 0) {
        next.function = closeStep;
        return done(S_OK);
      }
      const chunk = state.buffer.subarray(0, count);
      state.hash.update(chunk);
      for (const byte of chunk) if (byte === 0x0a) state.lines++;
      state.bytes += count;
      state.chunks++;
      next.function = readStep; // loop: the chain goes on until the file ends
      done(S_OK);
    }),
  );
};

const closeStep: WS_ASYNC_FUNCTION = (hr, _model, callbackState, _next, asyncContext) => {
  const state = callbackState as DigestState;
  state.digest = state.hash.digest("hex");
  return finishLater(state, asyncContext, (done) => close(state.fd, () => done(hr)));
};
