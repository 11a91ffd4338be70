import {
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_TEXT,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
  type WS_XML_TEXT_NODE,
  type WS_XML_WRITER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_CHARSET,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  binaryEncoding,
  binaryWriter,
  dictionaryString,
  end,
  newWriter,
  start,
  staticDictionary,
  written,
} from "../binary-writer/binary-writer.test-support.js";
import {
  WsFillReader,
  WsFlushWriter,
  WsGetWriterProperty,
  WsReadNode,
  WsSetInput,
  WsSetOutput,
  WsWriteBytes,
  WsWriteChars,
} from "../index.js";
import { textUtf8 } from "../reader-content/node-text.js";
import { chunkedSource, current, firstString, newError, newReader, show as showNode, streamInput } from "./stream.test-support.js";

/** A node as one line; a text as its characters, whatever its type (binary texts are typed). */
function show(node: WS_XML_NODE): string {
  if (node.nodeType !== WS_XML_NODE_TYPE_TEXT) return showNode(node);
  return `text ${JSON.stringify(new TextDecoder().decode(textUtf8((node as unknown as WS_XML_TEXT_NODE).text, "test")))}`;
}

const hex = (text: string) => Uint8Array.from(text.split(/\s+/).filter(Boolean), (b) => Number.parseInt(b, 16));
const toHex = (bytes: readonly number[] | Uint8Array) =>
  Buffer.from(bytes as Uint8Array)
    .toString("hex")
    .replace(/(..)(?!$)/g, "$1 ");
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16)).join(" ");

const readerEncoding = (dictionary = staticDictionary()) =>
  ({ encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: dictionary, dynamicDictionary: null }) as never;

/** The nodes of a reader, filling `minSize` before each read; a failure ends the list. */
function nodes(reader: ReturnType<typeof newReader>, minSize: number): string[] {
  const error = newError();
  const out = [show(current(reader))];
  for (let i = 0; i < 1000 && out[out.length - 1] !== "eof"; i++) {
    let hr = WsFillReader(reader, minSize, null, error);
    if (hr === S_OK) hr = WsReadNode(reader, error);
    if (hr !== S_OK) {
      out.push(`failed 0x${(hr >>> 0).toString(16)}: ${firstString(error)}`);
      break;
    }
    out.push(show(current(reader)));
  }
  return out;
}

function streamed(data: Uint8Array, chunk: number, bufferSize = 4096, minSize = bufferSize) {
  const reader = newReader([{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: bufferSize }] as never);
  expect(WsSetInput(reader, readerEncoding(), streamInput(chunkedSource(data, chunk).callback), null)).toBe(S_OK);
  return { reader, nodes: () => nodes(reader, minSize) };
}

function buffered(data: Uint8Array): string[] {
  const reader = newReader();
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: data } as never;
  expect(WsSetInput(reader, readerEncoding(), input, null)).toBe(S_OK);
  return nodes(reader, 0);
}

// <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><a xml:lang="en">hi</a>
// <n>1 2 3</n> (an Int32 Array)</s:Body></s:Envelope>, with the static dictionary's names by id.
const ENVELOPE = hex(
  `56 02 0b 01 73 04` + // PrefixDictionaryElementS Envelope, xmlns:s = dictionary id 4 (SOAP 1.2)
    ` 56 0e` + // PrefixDictionaryElementS Body (id 14)
    ` 40 01 61 05 03 78 6d 6c 04 6c 61 6e 67 98 02 65 6e 99 02 68 69` + // <a xml:lang="en">hi</a>
    ` 03 40 01 6e 01 8d 03 01 00 00 00 02 00 00 00 03 00 00 00` + // Array: <n> Int32 x3
    ` 01 01`,
);

describe("WS_XML_READER_BINARY_ENCODING from a WS_XML_READER_STREAM_INPUT", () => {
  const expected = [
    "bof",
    "element s:Envelope{http://www.w3.org/2003/05/soap-envelope} xmlns:s=http://www.w3.org/2003/05/soap-envelope",
    "element s:Body{http://www.w3.org/2003/05/soap-envelope}",
    "element :a{} xml:lang{http://www.w3.org/XML/1998/namespace}=en",
    'text "hi"',
    "end",
    "element :n{}",
    'text "1"',
    "end",
    "element :n{}",
    'text "2"',
    "end",
    "element :n{}",
    'text "3"',
    "end",
    "end",
    "end",
    "eof",
  ];

  it("reads the nodes buffer input gives, however the bytes are split", () => {
    expect(buffered(ENVELOPE)).toEqual(expected);
    for (const chunk of [1, 2, 3, 7, 100]) expect(streamed(ENVELOPE, chunk).nodes()).toEqual(expected);
  });

  it("goes on through a stream buffer smaller than the document, keeping dictionary strings by id", () => {
    const small = streamed(ENVELOPE, 5, 24);
    expect(small.nodes()).toEqual(expected);
    // Read again, stopping on s:Body after the first buffer was dropped: its namespace is still the dictionary's string 4.
    const again = streamed(ENVELOPE, 30, 24);
    const reader = again.reader;
    for (let i = 0; i < 2; i++) {
      expect(WsFillReader(reader, 24, null)).toBe(S_OK);
      expect(WsReadNode(reader)).toBe(S_OK);
    }
    const body = current(reader) as unknown as WS_XML_ELEMENT_NODE;
    expect(body.ns!.dictionary).toBe(staticDictionary());
    expect(body.ns!.id).toBe(2);
  });

  it("reads a node only once all of it is buffered (WS_E_QUOTA_EXCEEDED before), then what the data holds", () => {
    // <a>: the element record is complete only with the byte after it (attributes could follow).
    const reader = newReader();
    const error = newError();
    const source = chunkedSource(hex(`40 01 61`), 3);
    expect(WsSetInput(reader, readerEncoding(), streamInput(source.callback), null)).toBe(S_OK);
    expect(WsFillReader(reader, 3, null)).toBe(S_OK);
    expect(WsReadNode(reader, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadNode: XML reader: the node at byte 0 of the binary input is not completely buffered (3 bytes are); call WsFillReader first with a minSize that covers it.",
    );
    // Once the data has ended, the element is read, and the missing end is the document's error.
    const ended = streamed(hex(`40 01 61`), 3);
    expect(ended.nodes()).toEqual([
      "bof",
      "element :a{}",
      "failed 0x803d0000: WsReadNode: binary XML: the input ends with 1 element(s) still open at byte 3",
    ]);
  });

  it("refuses a node larger than the stream buffer, and states errors at their place in the document", () => {
    const long = hex(`40 01 61 99 30 ${ascii("x".repeat(48))}`);
    expect(streamed(long, 64, 32).nodes()).toEqual([
      "bof",
      "element :a{}",
      "failed 0x803d0008: WsReadNode: XML reader: the node at byte 3 of the binary input does not fit in the 32 bytes of WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE.",
    ]);
    // A reserved record type after a buffer was dropped: the offset is the document's.
    const bad = hex(`40 01 61 40 01 62 ${"98 01 7a ".repeat(8)} 00`);
    const result = streamed(bad, 6, 16).nodes();
    expect(result[result.length - 1]).toBe("failed 0x803d0000: WsReadNode: binary XML: unknown record type 0x00 at byte 30");
    expect(WS_E_INVALID_FORMAT >>> 0).toBe(0x803d0000);
  });

  it("refuses a second root element after the buffer holding the first was dropped", () => {
    const two = hex(`40 01 61 01 ${"02 04 ".repeat(2)}${"02 00 ".repeat(8)}40 01 62 01`); // <a/>, comments, <b/>
    const result = streamed(two, 4, 16).nodes();
    expect(result.slice(0, 3)).toEqual(["bof", "element :a{}", "end"]);
    expect(result[result.length - 1]).toMatch(/^failed 0x803d0000: WsReadNode: .*second root element/);
  });
});

/** A WS_WRITE_CALLBACK that keeps what each call is given, as hex. */
function collector() {
  const writes: string[] = [];
  const callback = (_state: unknown, buffers: readonly Uint8Array[] | null) => {
    writes.push(toHex((buffers ?? []).flatMap((b) => [...b])));
    return S_OK;
  };
  return { writes, callback };
}

function binaryStreamWriter(callback: unknown, properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = newWriter();
  const output = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: callback, writeCallbackState: null } as never;
  expect(WsSetOutput(writer, binaryEncoding({ staticDictionary: staticDictionary() }), output, properties)).toBe(S_OK);
  return writer;
}

describe("WS_XML_WRITER_BINARY_ENCODING to a WS_XML_WRITER_STREAM_OUTPUT", () => {
  function writeEnvelope(writer: WS_XML_WRITER, flush: () => void) {
    start(writer, "s", dictionaryString("Envelope"), dictionaryString("http://www.w3.org/2003/05/soap-envelope"));
    start(writer, "s", dictionaryString("Body"), dictionaryString("http://www.w3.org/2003/05/soap-envelope"));
    start(writer, null, "a", "");
    expect(WsWriteChars(writer, "hi")).toBe(S_OK);
    flush();
    end(writer);
    end(writer);
    end(writer);
    flush();
  }

  it("hands WsFlushWriter's callback the records a buffer writer produces", () => {
    const buffer = binaryWriter({ staticDictionary: staticDictionary() });
    writeEnvelope(buffer, () => {});
    const sink = collector();
    const writer = binaryStreamWriter(sink.callback);
    writeEnvelope(writer, () => {});
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK);
    expect(sink.writes).toEqual([toHex(written(buffer))]);
    expect(sink.writes[0]).toBe("56 02 0b 01 73 04 56 0e 40 01 61 99 02 68 69 01 01");
  });

  it("ends an element whose last text was already flushed with an EndElement record (the text cannot change)", () => {
    const sink = collector();
    const writer = binaryStreamWriter(sink.callback);
    writeEnvelope(writer, () => expect(WsFlushWriter(writer, 0, null)).toBe(S_OK));
    expect(sink.writes).toEqual(["56 02 0b 01 73 04 56 0e 40 01 61 98 02 68 69", "01 01 01"]);
  });

  it("bounds what waits between flushes (BUFFER_MAX_SIZE), refuses BYTES, and has no CHARSET", () => {
    const sink = collector();
    const error = newError();
    const writer = binaryStreamWriter(sink.callback, [{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 8 }] as never);
    start(writer, null, "a", "");
    expect(WsWriteBytes(writer, new Uint8Array(3), error)).toBe(S_OK); // the start tag is committed: 40 01 61 9e 03 00 00 00
    expect(WsWriteBytes(writer, new Uint8Array(3), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsWriteBytes: the output buffered since the last WsFlushWriter would grow to 13 bytes, more than the 8 of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.",
    );
    const other = binaryStreamWriter(sink.callback);
    expect(WsGetWriterProperty(other, WS_XML_WRITER_PROPERTY_BYTES, ref<unknown>(null))).toBe(-2143485949); // WS_E_INVALID_OPERATION
    expect(WsGetWriterProperty(other, WS_XML_WRITER_PROPERTY_CHARSET, ref<unknown>(null))).toBe(-2147024809); // E_INVALIDARG
  });
});
