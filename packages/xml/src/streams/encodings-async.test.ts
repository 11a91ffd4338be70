import {
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_LONG_CALLBACK,
  WS_S_ASYNC,
  type WS_XML_BASE64_TEXT,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_RAW,
  type WS_XML_TEXT_NODE,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_RAW,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsFillReaderAsync,
  WsFlushWriterAsync,
  WsReadNode,
  WsSetInput,
  WsSetOutput,
  WsWriteBytes,
  WsWriteEndElement,
  WsWriteStartElement,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { current, newReader, show, streamInput } from "./stream.test-support.js";

/** A WS_READ_CALLBACK that delivers `data` `chunk` bytes at a time, completing later (setImmediate) through its context. */
function laterSource(data: Uint8Array, chunk: number) {
  let at = 0;
  return (_state: unknown, bytes: Uint8Array, actualSize: Ref<number>, context: WS_ASYNC_CONTEXT | null): HRESULT => {
    if (context === null) return WS_S_ASYNC;
    setImmediate(() => {
      const n = Math.min(chunk, bytes.length, data.length - at);
      bytes.set(data.subarray(at, at + n));
      at += n;
      actualSize.value = n;
      context.callback!(S_OK, WS_LONG_CALLBACK as never, context.callbackState);
    });
    return WS_S_ASYNC;
  };
}

/** A WS_WRITE_CALLBACK that takes its buffers later (setImmediate), keeping a copy of each write as hex. */
function laterSink() {
  const writes: string[] = [];
  const callback = (_state: unknown, buffers: readonly Uint8Array[] | null, context: WS_ASYNC_CONTEXT | null): HRESULT => {
    const copy = Buffer.from((buffers ?? []).flatMap((b) => [...b])).toString("hex");
    if (context === null) return WS_S_ASYNC;
    setImmediate(() => {
      writes.push(copy);
      context.callback!(S_OK, WS_LONG_CALLBACK as never, context.callbackState);
    });
    return WS_S_ASYNC;
  };
  return { writes, callback };
}

describe("WsFillReaderAsync and WsFlushWriterAsync with the binary and raw encodings", () => {
  it("read a binary document from a callback that completes later", async () => {
    const reader = newReader();
    const data = Uint8Array.of(0x40, 0x01, 0x61, 0x99, 0x02, 0x68, 0x69); // <a>hi</a>
    const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null } as never;
    expect(WsSetInput(reader, encoding, streamInput(laterSource(data, 3) as never), null)).toBe(S_OK);
    const lines = [show(current(reader))];
    for (let i = 0; i < 10 && lines.at(-1) !== "eof"; i++) {
      await expect(WsFillReaderAsync(reader, 64)).resolves.toBe(S_OK);
      expect(WsReadNode(reader)).toBe(S_OK);
      lines.push(show(current(reader)));
    }
    expect(lines).toEqual(["bof", "element :a{}", 'text "hi"', "end", "eof"]);
  });

  it("read raw bytes from a callback that completes later", async () => {
    const reader = newReader();
    expect(
      WsSetInput(
        reader,
        { encodingType: WS_XML_READER_ENCODING_TYPE_RAW } as never,
        streamInput(laterSource(Uint8Array.of(1, 2, 3, 4), 2) as never),
        null,
      ),
    ).toBe(S_OK);
    await expect(WsFillReaderAsync(reader, 4)).resolves.toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    const text = (current(reader) as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_BASE64_TEXT;
    expect([...text.bytes]).toEqual([1, 2, 3]);
    await expect(WsFillReaderAsync(reader, 4)).resolves.toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect([...((current(reader) as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_BASE64_TEXT).bytes]).toEqual([4]);
  });

  it("flush binary and raw output to a callback that completes later", async () => {
    for (const [encodingType, write, expected] of [
      [
        WS_XML_WRITER_ENCODING_TYPE_BINARY,
        (w: never) => {
          expect(WsWriteStartElement(w, null, xmlString("a"), xmlString(""))).toBe(S_OK);
          expect(WsWriteEndElement(w)).toBe(S_OK);
        },
        "40016101",
      ],
      [WS_XML_WRITER_ENCODING_TYPE_RAW, (w: never) => expect(WsWriteBytes(w, Uint8Array.of(0xca, 0xfe))).toBe(S_OK), "cafe"],
    ] as const) {
      const sink = laterSink();
      const writer = { value: null as never };
      expect(WsCreateWriter(null, writer)).toBe(S_OK);
      const output = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: sink.callback, writeCallbackState: null } as never;
      expect(WsSetOutput(writer.value, { encodingType, staticDictionary: null, dynamicStringCallback: null } as never, output, null)).toBe(
        S_OK,
      );
      write(writer.value);
      await expect(WsFlushWriterAsync(writer.value, 0)).resolves.toBe(S_OK);
      expect(sink.writes).toEqual([expected]);
    }
  });
});
