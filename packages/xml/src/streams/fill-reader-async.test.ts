import {
  E_FAIL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_E_INVALID_OPERATION,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
  WS_SHORT_CALLBACK,
  type WS_XML_READER,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
  WsError,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsFillReader, WsFillReaderAsync, WsReadNode, WsSetInput } from "../index.js";
import { bufferNodes, current, firstString, newError, newReader, show, streamInput, textEncoding, utf8 } from "./stream.test-support.js";

const XML = `<s:Envelope xmlns:s="urn:s"><s:Body><Add><a>1</a><b>2</b></Add></s:Body></s:Envelope>`;

/**
 * A WS_READ_CALLBACK that delivers `data` `chunk` bytes at a time and completes later, from
 * setImmediate, through the context it is given (as a socket read would); with no context it
 * cannot wait and says so (WS_S_ASYNC). `early` calls report through the context before returning.
 */
function asyncSource(data: Uint8Array, chunk: number, options: { fail?: HRESULT; model?: number; early?: boolean } = {}) {
  const source = {
    at: 0,
    calls: 0,
    contexts: [] as (WS_ASYNC_CONTEXT | null)[],
    callback: (_state: unknown, bytes: Uint8Array, actualSize: Ref<number>, context: WS_ASYNC_CONTEXT | null): HRESULT => {
      source.calls++;
      source.contexts.push(context);
      if (context === null) return WS_S_ASYNC;
      const complete = () => {
        if (options.fail !== undefined) {
          context.callback!(options.fail, WS_LONG_CALLBACK as never, context.callbackState);
          return;
        }
        const n = Math.min(chunk, bytes.length, data.length - source.at);
        bytes.set(data.subarray(source.at, source.at + n));
        source.at += n;
        actualSize.value = n;
        context.callback!(S_OK, (options.model ?? WS_LONG_CALLBACK) as never, context.callbackState);
      };
      if (options.early) complete();
      else setImmediate(complete);
      return WS_S_ASYNC;
    },
  };
  return source;
}

function asyncReader(source: ReturnType<typeof asyncSource>, bufferSize = 4096): WS_XML_READER {
  const reader = newReader([{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: bufferSize }]);
  expect(WsSetInput(reader, textEncoding(), streamInput(source.callback as never), null)).toBe(S_OK);
  return reader;
}

/** Calls WsFillReader with a context; resolves with what its callback reported, checking it came once and after the call. */
function fillWithContext(reader: WS_XML_READER, minSize: number): Promise<{ returned: HRESULT; hr: HRESULT; model: number }> {
  return new Promise((resolve, reject) => {
    let returned: HRESULT | null = null;
    let calls = 0;
    const context: WS_ASYNC_CONTEXT = {
      callback: (hr, model, state) => {
        calls++;
        if (returned === null) reject(new Error("the callback ran before WsFillReader returned"));
        if (state !== "mine") reject(new Error("the callback state was not passed back"));
        // Exactly once: wait a turn for a second call that must not come.
        setImmediate(() => (calls === 1 ? resolve({ returned: returned!, hr, model }) : reject(new Error(`${calls} callbacks`))));
      },
      callbackState: "mine",
    };
    returned = WsFillReader(reader, minSize, context);
    if (returned !== WS_S_ASYNC) resolve({ returned, hr: returned, model: -1 });
  });
}

describe("WsFillReader with a read callback that completes later", () => {
  it("returns WS_S_ASYNC and calls back exactly once, after it returned; then the nodes can be read", async () => {
    const source = asyncSource(utf8(XML), 10);
    const reader = asyncReader(source);
    const out = [show(current(reader))];
    while (out[out.length - 1] !== "eof") {
      const fill = await fillWithContext(reader, 4096);
      expect(fill).toEqual(
        fill.returned === WS_S_ASYNC
          ? { returned: WS_S_ASYNC, hr: S_OK, model: WS_LONG_CALLBACK }
          : { returned: S_OK, hr: S_OK, model: -1 },
      );
      expect(WsReadNode(reader)).toBe(S_OK);
      out.push(show(current(reader)));
    }
    expect(out).toEqual(bufferNodes(XML));
    // The callback always got a context of WsFillReader's own (never the caller's).
    expect(source.contexts.every((c) => c !== null && c.callbackState === null)).toBe(true);
    expect(source.calls).toBe(Math.ceil(XML.length / 10) + 1);
  });

  it("fills through the Promise adapter, WsFillReaderAsync", async () => {
    const reader = asyncReader(asyncSource(utf8(XML), 7));
    const out = [show(current(reader))];
    while (out[out.length - 1] !== "eof") {
      await expect(WsFillReaderAsync(reader, 4096)).resolves.toBe(S_OK);
      expect(WsReadNode(reader)).toBe(S_OK);
      out.push(show(current(reader)));
    }
    expect(out).toEqual(bufferNodes(XML));
  });

  it("holds the reader while it waits: WsReadNode then fails (WS_E_INVALID_OPERATION), and works after", async () => {
    const reader = asyncReader(asyncSource(utf8(XML), 4096));
    const error = newError();
    const pending = WsFillReaderAsync(reader, 10);
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsReadNode: the WS_XML_READER is in use by a pending WsFillReader; a single-threaded handle allows one operation at a time, so WsReadNode cannot start until it completes.",
    );
    expect(WsFillReader(reader, 10, null, error)).toBe(WS_E_INVALID_OPERATION);
    await expect(pending).resolves.toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("element s:Envelope{urn:s} xmlns:s=urn:s");
  });

  it("without a context, fails at once when the callback would have to wait", () => {
    const source = asyncSource(utf8(XML), 10);
    const reader = asyncReader(source);
    const error = newError();
    expect(WsFillReader(reader, 10, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsFillReader would have to wait for the WS_READ_CALLBACK (it returned WS_S_ASYNC), and was called without a WS_ASYNC_CONTEXT. Pass a WS_ASYNC_CONTEXT, or use WsFillReaderAsync (the Promise API).",
    );
    expect(source.contexts).toEqual([null]);
  });

  it("reports the callback's failure through the caller's callback, and the reader keeps it", async () => {
    const reader = asyncReader(asyncSource(utf8(XML), 10, { fail: E_FAIL }));
    const error = newError();
    const fill = await fillWithContext(reader, 10);
    expect(fill).toEqual({ returned: WS_S_ASYNC, hr: E_FAIL, model: WS_LONG_CALLBACK });
    expect(WsReadNode(reader, error)).toBe(E_FAIL);
    expect(firstString(error)).toBe(
      "WsReadNode: the reader failed earlier and needs new input (WsSetInput): WsFillReader: the WS_READ_CALLBACK failed with E_FAIL.",
    );
    const rejected = await WsFillReaderAsync(asyncReader(asyncSource(utf8(XML), 10, { fail: E_FAIL })), 10).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(WsError);
    expect((rejected as WsError).message).toBe("WsFillReader: the WS_READ_CALLBACK failed with E_FAIL.");
  });

  it("calls back as the last read completed: WS_SHORT_CALLBACK when that was inside its I/O completion", async () => {
    const fill = await fillWithContext(asyncReader(asyncSource(utf8(XML), 4096, { model: WS_SHORT_CALLBACK })), 10);
    expect(fill).toEqual({ returned: WS_S_ASYNC, hr: S_OK, model: WS_SHORT_CALLBACK });
  });

  it("completes synchronously when the callback does (directly, or through the context before returning)", async () => {
    for (const early of [true, false]) {
      const data = utf8(XML);
      let at = 0;
      const callback = (_s: unknown, bytes: Uint8Array, actualSize: Ref<number>, context: WS_ASYNC_CONTEXT | null): HRESULT => {
        const n = Math.min(8, bytes.length, data.length - at);
        bytes.set(data.subarray(at, at + n));
        at += n;
        actualSize.value = n;
        if (!early) return S_OK;
        context!.callback!(S_OK, WS_SHORT_CALLBACK as never, context!.callbackState);
        return WS_S_ASYNC;
      };
      const reader = newReader();
      expect(WsSetInput(reader, textEncoding(), streamInput(callback as never), null)).toBe(S_OK);
      // 40 bytes in pieces of 8: five calls, all finished before WsFillReader returns, which reports S_OK.
      expect(await fillWithContext(reader, 40)).toEqual({ returned: S_OK, hr: S_OK, model: -1 });
      expect(at).toBe(40);
    }
  });
});
