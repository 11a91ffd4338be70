import {
  E_FAIL,
  E_INVALIDARG,
  type HRESULT,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
  WS_SHORT_CALLBACK,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
  type WsError,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsFlushWriter,
  WsFlushWriterAsync,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { firstString, newError } from "./stream.test-support.js";

const x = xmlString;
const decoder = new TextDecoder();

function newWriter(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(properties, writer)).toBe(S_OK);
  return writer.value!;
}

/**
 * A WS_WRITE_CALLBACK that keeps copies of what it is given. `later` completes each write from
 * setImmediate through the context (a socket write); `fail` fails it.
 */
function collector(options: { later?: boolean; fail?: HRESULT; model?: number } = {}) {
  const sink = {
    writes: [] as { bytes: string; count: number; context: boolean; error: unknown }[],
    callback: (state: unknown, list: readonly Uint8Array[] | null, context: WS_ASYNC_CONTEXT | null, error: unknown): HRESULT => {
      const buffers = list?.[0] ?? new Uint8Array(0);
      const count = list?.length ?? 0;
      expect(state).toBe("sink");
      sink.writes.push({ bytes: decoder.decode(buffers), count, context: context !== null, error });
      if (!options.later) return options.fail ?? S_OK;
      if (context === null) return WS_S_ASYNC; // it would have to wait, and cannot
      setImmediate(() => context.callback!(options.fail ?? S_OK, (options.model ?? WS_LONG_CALLBACK) as never, context.callbackState));
      return WS_S_ASYNC;
    },
    get text() {
      return sink.writes.map((w) => w.bytes).join("");
    },
  };
  return sink;
}

function streamWriter(sink: ReturnType<typeof collector>, properties: WS_XML_WRITER_PROPERTY[] | null = null, charSet = WS_CHARSET_UTF8) {
  const writer = newWriter();
  expect(
    WsSetOutput(
      writer,
      { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet } as never,
      { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: sink.callback, writeCallbackState: "sink" } as never,
      properties,
    ),
  ).toBe(S_OK);
  return writer;
}

function bufferWriter(properties: WS_XML_WRITER_PROPERTY[] | null = null, charSet = WS_CHARSET_UTF8) {
  const writer = newWriter();
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet } as never;
  expect(WsSetOutput(writer, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, properties)).toBe(S_OK);
  return writer;
}

function property(writer: WS_XML_WRITER, id: number, error: WS_ERROR | null = null): unknown {
  const value = ref<unknown>(undefined);
  const hr = WsGetWriterProperty(writer, id as never, value, error);
  return hr === S_OK ? value.value : hr;
}

/** A small SOAP-like document, with a flush after each part when `flush` is given. */
function writeDocument(writer: WS_XML_WRITER, flush: () => void = () => {}) {
  expect(WsWriteStartElement(writer, x("s"), x("Envelope"), x("urn:s"))).toBe(S_OK);
  expect(WsWriteStartElement(writer, x("s"), x("Body"), x("urn:s"))).toBe(S_OK);
  flush();
  expect(WsWriteStartElement(writer, null, x("Add"), x("urn:calc"))).toBe(S_OK);
  expect(WsWriteStartAttribute(writer, null, x("note"), x(""), false)).toBe(S_OK);
  expect(WsWriteChars(writer, "1 < 2 & é")).toBe(S_OK);
  expect(WsWriteEndAttribute(writer)).toBe(S_OK);
  flush();
  expect(WsWriteChars(writer, "x".repeat(100))).toBe(S_OK);
  flush();
  for (let i = 0; i < 3; i++) expect(WsWriteEndElement(writer)).toBe(S_OK);
  flush();
}

describe("a writer with WS_XML_WRITER_STREAM_OUTPUT", () => {
  it("hands WsFlushWriter's callback the bytes a buffer writer produces", () => {
    const expected = bufferWriter();
    writeDocument(expected);
    const bytes = property(expected, WS_XML_WRITER_PROPERTY_BYTES) as Uint8Array;
    expect(decoder.decode(bytes)).toBe(
      `<s:Envelope xmlns:s="urn:s"><s:Body><Add note="1 &lt; 2 &amp; é" xmlns="urn:calc">${"x".repeat(100)}</Add></s:Body></s:Envelope>`,
    );
    const sink = collector();
    const writer = streamWriter(sink);
    writeDocument(writer, () => expect(WsFlushWriter(writer, 0, null)).toBe(S_OK));
    expect(sink.text).toBe(decoder.decode(bytes));
    // The start tag is written once committed: the first flush comes before <s:Body> is.
    expect(sink.writes.map((w) => w.bytes)).toEqual([
      `<s:Envelope xmlns:s="urn:s">`,
      `<s:Body>`,
      `<Add note="1 &lt; 2 &amp; é" xmlns="urn:calc">${"x".repeat(100)}`,
      `</Add></s:Body></s:Envelope>`,
    ]);
    expect(sink.writes.every((w) => w.count === 1 && !w.context && w.error === null)).toBe(true);
  });

  it("writes UTF-16 and the declaration as buffer output does", () => {
    const properties: WS_XML_WRITER_PROPERTY[] = [{ id: WS_XML_WRITER_PROPERTY_WRITE_DECLARATION, value: true }];
    const expected = bufferWriter(properties, WS_CHARSET_UTF16BE);
    writeDocument(expected);
    const sink = { chunks: [] as Uint8Array[] };
    const writer = newWriter();
    const callback = (_s: unknown, buffers: readonly Uint8Array[] | null) => {
      for (const bytes of buffers ?? []) sink.chunks.push(bytes.slice());
      return S_OK;
    };
    const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF16BE } as never;
    const output = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: callback, writeCallbackState: null } as never;
    expect(WsSetOutput(writer, encoding, output, properties)).toBe(S_OK);
    writeDocument(writer, () => expect(WsFlushWriter(writer, 0, null)).toBe(S_OK));
    expect(Buffer.concat(sink.chunks)).toEqual(Buffer.from(property(expected, WS_XML_WRITER_PROPERTY_BYTES) as Uint8Array));
  });

  it("flushes only when minSize bytes are buffered, and always with minSize 0 (no buffer when none are)", () => {
    const sink = collector();
    const writer = streamWriter(sink);
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK);
    expect(sink.writes).toEqual([{ bytes: "", count: 0, context: false, error: null }]);
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteChars(writer, "12345")).toBe(S_OK);
    expect(property(writer, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(8); // "<a>12345"
    expect(WsFlushWriter(writer, 9, null)).toBe(S_OK);
    expect(sink.writes).toHaveLength(1);
    expect(WsFlushWriter(writer, 8, null)).toBe(S_OK);
    expect(sink.writes[1]).toEqual({ bytes: "<a>12345", count: 1, context: false, error: null });
    // "the number of bytes that have been written to the writer since the last call to WsFlushWriter"
    expect(property(writer, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(0);
  });

  it("buffers at most WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE between flushes: writing past it fails at once", () => {
    const properties: WS_XML_WRITER_PROPERTY[] = [{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 16 }];
    const sink = collector();
    const writer = streamWriter(sink, properties);
    const error = newError();
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteChars(writer, "0123456789012")).toBe(S_OK); // 16 bytes buffered
    expect(WsWriteChars(writer, "3", error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsWriteChars: the output buffered since the last WsFlushWriter would grow to 17 bytes, more than the 16 of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.",
    );
    expect(sink.writes).toHaveLength(0); // writing never calls the callback itself

    // With flushes in between, any length goes through.
    const flushing = collector();
    const long = streamWriter(flushing, [...properties, { id: WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE, value: 4 }]);
    expect(WsWriteStartElement(long, null, x("a"), x(""))).toBe(S_OK);
    for (let i = 0; i < 100; i++) {
      expect(WsWriteChars(long, "0123456789")).toBe(S_OK);
      expect(WsFlushWriter(long, 6, null)).toBe(S_OK);
    }
    expect(WsWriteEndElement(long)).toBe(S_OK);
    expect(WsFlushWriter(long, 0, null)).toBe(S_OK);
    expect(flushing.text).toBe(`<a>${"0123456789".repeat(100)}</a>`);
  });

  it("has no WS_XML_WRITER_PROPERTY_BYTES or _BUFFERS (the bytes went to the callback)", () => {
    const writer = streamWriter(collector());
    const error = newError();
    expect(property(writer, WS_XML_WRITER_PROPERTY_BYTES, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsGetWriterProperty: WS_XML_WRITER_PROPERTY_BYTES is not available with WS_XML_WRITER_STREAM_OUTPUT; WsFlushWriter hands the bytes to the WS_WRITE_CALLBACK.",
    );
    expect(property(writer, WS_XML_WRITER_PROPERTY_BUFFERS)).toBe(WS_E_INVALID_OPERATION);
  });

  it("needs a write callback, whatever the encoding", () => {
    const writer = newWriter();
    const error = newError();
    const text = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
    expect(
      WsSetOutput(
        writer,
        text,
        { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: 5, writeCallbackState: null } as never,
        null,
        error,
      ),
    ).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsSetOutput: the stream output's writeCallback must be a WS_WRITE_CALLBACK function, not number 5.");
    const binary = { encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY } as never;
    const badCallback = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: null, writeCallbackState: null } as never;
    expect(WsSetOutput(writer, binary, badCallback, null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsSetOutput: the stream output's writeCallback must be a WS_WRITE_CALLBACK function, not null.");
  });

  it("fails the flush, and faults the writer, when the callback fails", () => {
    const writer = streamWriter(collector({ fail: E_FAIL }));
    const error = newError();
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(WsFlushWriter(writer, 0, null, error)).toBe(E_FAIL);
    expect(firstString(error)).toBe("WsFlushWriter: the WS_WRITE_CALLBACK failed with E_FAIL.");
    expect(WsFlushWriter(writer, 0, null)).toBe(WS_E_OBJECT_FAULTED);
  });
});

describe("WsFlushWriter with a write callback that completes later", () => {
  it("returns WS_S_ASYNC and calls back exactly once, after it returned; the writer is held meanwhile", async () => {
    const sink = collector({ later: true });
    const writer = streamWriter(sink);
    const error = newError();
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    const reported: [HRESULT, number][] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const context: WS_ASYNC_CONTEXT = {
      callback: (hr, model) => {
        reported.push([hr, model]);
        setImmediate(done);
      },
      callbackState: null,
    };
    expect(WsFlushWriter(writer, 0, context)).toBe(WS_S_ASYNC);
    expect(reported).toEqual([]);
    expect(sink.writes).toEqual([{ bytes: "<a/>", count: 1, context: true, error: null }]);
    expect(WsWriteStartElement(writer, null, x("b"), x(""), error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toContain("the WS_XML_WRITER is in use by a pending WsFlushWriter");
    await finished;
    expect(reported).toEqual([[S_OK, WS_LONG_CALLBACK]]);
    // Usable again: a second root element is refused as it would be on any writer.
    expect(WsWriteStartElement(writer, null, x("b"), x(""))).toBe(WS_E_INVALID_FORMAT);
  });

  it("flushes through the Promise adapter, and reports a failure there", async () => {
    const sink = collector({ later: true, model: WS_SHORT_CALLBACK });
    const writer = streamWriter(sink);
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    await expect(WsFlushWriterAsync(writer, 0)).resolves.toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    await expect(WsFlushWriterAsync(writer, 0)).resolves.toBe(S_OK);
    // "If WsWriteStartElement has been called, but the element has not been committed … then this
    // element will not be flushed": the first flush had nothing to write; the element became <a/>.
    expect(sink.writes.map((w) => w.bytes)).toEqual(["", "<a/>"]);

    const failing = streamWriter(collector({ later: true, fail: E_FAIL }));
    const rejected = await WsFlushWriterAsync(failing, 0).catch((e: unknown) => e);
    expect((rejected as WsError).hr).toBe(E_FAIL);
    expect(WsFlushWriter(failing, 0, null)).toBe(WS_E_OBJECT_FAULTED);
  });

  it("without a context, fails at once when the callback would have to wait", () => {
    const writer = streamWriter(collector({ later: true }));
    const error = newError();
    expect(WsFlushWriter(writer, 0, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsFlushWriter would have to wait for the WS_WRITE_CALLBACK (it returned WS_S_ASYNC), and was called without a WS_ASYNC_CONTEXT. Pass a WS_ASYNC_CONTEXT, or use WsFlushWriterAsync (the Promise API).",
    );
  });
});
