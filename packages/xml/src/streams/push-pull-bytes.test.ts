import {
  E_FAIL,
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  WS_S_ASYNC,
  type WS_WRITE_CALLBACK,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsGetWriterProperty,
  WsPullBytes,
  WsPushBytes,
  WsSetOutput,
  WsWriteBytes,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { firstString, newError, utf8 } from "./stream.test-support.js";

const x = xmlString;

function writer(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const w = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(properties, w)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  expect(WsSetOutput(w.value!, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
  return w.value!;
}

function output(w: WS_XML_WRITER): string {
  const value = ref<unknown>(null);
  expect(WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_BYTES, value)).toBe(S_OK);
  return new TextDecoder().decode(value.value as Uint8Array);
}

/** A WS_PUSH_BYTES_CALLBACK that writes `pieces` through the write callback it is given. */
function pusher(pieces: Uint8Array[], seen: unknown[] = []) {
  return (state: unknown, write: WS_WRITE_CALLBACK, writeState: unknown, context: unknown, error: unknown): HRESULT => {
    seen.push(state, context, error);
    for (const piece of pieces) {
      const hr = write(writeState, [piece], null, null);
      if (hr !== S_OK) return hr;
    }
    return S_OK;
  };
}

/** A WS_PULL_BYTES_CALLBACK that gives `data` at most `chunk` bytes a call, then 0. */
function puller(data: Uint8Array, chunk: number, maxSizes: number[] = []) {
  let at = 0;
  return (_state: unknown, bytes: Uint8Array, actualSize: Ref<number>): HRESULT => {
    maxSizes.push(bytes.length);
    const n = Math.min(chunk, bytes.length, data.length - at);
    bytes.set(data.subarray(at, at + n));
    at += n;
    actualSize.value = n;
    return S_OK;
  };
}

describe("WsPushBytes", () => {
  it("writes what its callback pushes as WsWriteBytes would: one base64 text, pieces joined", () => {
    const w = writer();
    const seen: unknown[] = [];
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(S_OK);
    expect(WsPushBytes(w, pusher([utf8("ab"), utf8("c"), utf8("test\0")], seen), "state")).toBe(S_OK);
    expect(WsWriteEndElement(w)).toBe(S_OK);
    expect(output(w)).toBe("<a>YWJjdGVzdAA=</a>");
    expect(seen).toEqual(["state", null, null]); // synchronous: no context

    const same = writer();
    expect(WsWriteStartElement(same, null, x("a"), x(""))).toBe(S_OK);
    for (const piece of ["ab", "c", "test\0"]) expect(WsWriteBytes(same, utf8(piece))).toBe(S_OK);
    expect(WsWriteEndElement(same)).toBe(S_OK);
    expect(output(same)).toBe(output(w));
  });

  it("writes into an attribute, several buffers in one call", () => {
    const w = writer();
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteStartAttribute(w, null, x("b"), x(""), false)).toBe(S_OK);
    const push = (_s: unknown, write: WS_WRITE_CALLBACK, state: unknown) => write(state, [utf8("ab"), utf8("c")], null, null);
    expect(WsPushBytes(w, push, null)).toBe(S_OK);
    expect(WsWriteEndAttribute(w)).toBe(S_OK);
    expect(WsWriteEndElement(w)).toBe(S_OK);
    expect(output(w)).toBe('<a b="YWJj"/>');
  });

  it("fails with the callback's failure, with a failed write even if the callback ignores it, and faults the writer", () => {
    const error = newError();
    const failing = writer();
    expect(WsWriteStartElement(failing, null, x("a"), x(""))).toBe(S_OK);
    expect(WsPushBytes(failing, () => E_FAIL, null, error)).toBe(E_FAIL);
    expect(firstString(error)).toBe("WsPushBytes: the WS_PUSH_BYTES_CALLBACK failed with E_FAIL.");
    expect(WsWriteEndElement(failing)).toBe(WS_E_OBJECT_FAULTED);

    const small = writer([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 8 }]);
    expect(WsWriteStartElement(small, null, x("a"), x(""))).toBe(S_OK);
    const results: HRESULT[] = [];
    const ignoring = (_s: unknown, write: WS_WRITE_CALLBACK, state: unknown) => {
      results.push(write(state, [utf8("0123456789")], null, null));
      return S_OK;
    };
    // "<a>" and the base64 of the 9 bytes that make whole groups (the 10th waits for more).
    expect(WsPushBytes(small, ignoring, null, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(results).toEqual([WS_E_QUOTA_EXCEEDED]);
    expect(firstString(error)).toBe(
      "WsPushBytes: the document would grow to 15 bytes, more than the 8 of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.",
    );
  });

  it("completes synchronously: WS_S_ASYNC from the callback fails, and its write callback is dead once it returns", () => {
    const error = newError();
    const w = writer();
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(S_OK);
    let kept: (() => HRESULT) | null = null;
    const keeping = (_s: unknown, write: WS_WRITE_CALLBACK, state: unknown) => {
      kept = () => write(state, [utf8("late")], null, null);
      return WS_S_ASYNC;
    };
    expect(WsPushBytes(w, keeping, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsPushBytes: the WS_PUSH_BYTES_CALLBACK returned WS_S_ASYNC, but it was given no WS_ASYNC_CONTEXT: WsPushBytes completes synchronously.",
    );
    expect(kept!()).toBe(WS_E_INVALID_OPERATION);

    const bad = writer();
    expect(WsWriteStartElement(bad, null, x("a"), x(""))).toBe(S_OK);
    const notAnArray = (_s: unknown, write: WS_WRITE_CALLBACK, state: unknown) => write(state, utf8("ab") as never, null, null);
    expect(WsPushBytes(bad, notAnArray, null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toContain("the WS_WRITE_CALLBACK takes an array of WS_BYTES (Uint8Arrays) or null");
  });
});

describe("WsPullBytes", () => {
  it("asks its callback for bytes until it has no more, and writes them as WsWriteBytes would", () => {
    const data = new Uint8Array(10_000).map((_, i) => (i * 7) & 0xff);
    const w = writer([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 1 << 16 }]);
    const maxSizes: number[] = [];
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(S_OK);
    expect(WsPullBytes(w, puller(data, 5000, maxSizes), null)).toBe(S_OK);
    expect(WsWriteEndElement(w)).toBe(S_OK);
    expect(output(w)).toBe(`<a>${Buffer.from(data).toString("base64")}</a>`);
    // Pieces of at most 4096 (the writer's choice), until the callback reports 0.
    expect(maxSizes).toEqual([4096, 4096, 4096, 4096]);

    const small = writer();
    expect(WsWriteStartElement(small, null, x("a"), x(""))).toBe(S_OK);
    expect(WsPullBytes(small, puller(utf8("abc"), 2), null)).toBe(S_OK);
    expect(WsWriteEndElement(small)).toBe(S_OK);
    expect(output(small)).toBe("<a>YWJj</a>");
  });

  it("stops at WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE however much the callback has", () => {
    const w = writer([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 1000 }]);
    let calls = 0;
    const endless = (_s: unknown, bytes: Uint8Array, actualSize: Ref<number>) => {
      calls++;
      actualSize.value = bytes.length;
      return S_OK;
    };
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(S_OK);
    expect(WsPullBytes(w, endless, null)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(calls).toBe(1);
  });

  it("fails when the callback fails, waits, or reports more than it was given room for", () => {
    const cases: [(bytes: Uint8Array, actualSize: Ref<number>) => HRESULT, HRESULT, string][] = [
      [() => E_FAIL, E_FAIL, "WsPullBytes: the WS_PULL_BYTES_CALLBACK failed with E_FAIL."],
      [
        () => WS_S_ASYNC,
        WS_E_INVALID_OPERATION,
        "WsPullBytes: the WS_PULL_BYTES_CALLBACK returned WS_S_ASYNC, but it was given no WS_ASYNC_CONTEXT: WsPullBytes completes synchronously.",
      ],
      [
        (bytes, actualSize) => {
          actualSize.value = bytes.length + 1;
          return S_OK;
        },
        E_INVALIDARG,
        "WsPullBytes: the WS_PULL_BYTES_CALLBACK reported 4097 bytes read into a buffer of 4096 (actualSize must be 0 to maxSize).",
      ],
    ];
    for (const [behave, hr, message] of cases) {
      const w = writer();
      const error = newError();
      expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(S_OK);
      expect(WsPullBytes(w, (_s, bytes, actualSize) => behave(bytes, actualSize), null, error)).toBe(hr);
      expect(firstString(error)).toBe(message);
    }
  });
});
