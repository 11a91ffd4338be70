import {
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  type WS_ERROR,
  type WS_HEAP,
  type WS_XML_ATTRIBUTE,
  type WS_XML_BUFFER,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_TEXT_NODE,
  type WS_XML_UTF8_TEXT,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsCreateHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import {
  WsCreateReader,
  WsCreateWriter,
  WsCreateXmlBuffer,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadNode,
  WsSetInput,
  WsSetInputToBuffer,
  WsSetOutput,
  WsSetOutputToBuffer,
  WsWriteEndElement,
  WsWriteStartElement,
  WsWriteXmlBufferToBytes,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

/** Helpers shared by the WS_XML_BUFFER tests; everything goes through the flat API. */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const x = (text: string): WS_XML_STRING => xmlString(text);
const str = (s: WS_XML_STRING | null) => (s === null ? "null" : decoder.decode(s.bytes));

export function newHeap(maxSize = 1 << 16): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(maxSize, 0, null, heap)).toBe(S_OK);
  return heap.value!;
}

export function newBuffer(heap: WS_HEAP = newHeap()): WS_XML_BUFFER {
  const buffer = ref<WS_XML_BUFFER | null>(null);
  expect(WsCreateXmlBuffer(heap, null, buffer)).toBe(S_OK);
  return buffer.value!;
}

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  return error.value!;
}

/** The most specific string of a WS_ERROR. */
export function message(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

export function newWriter(): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  return writer.value!;
}

export function newReader(): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  return reader.value!;
}

export function writerTo(buffer: WS_XML_BUFFER): WS_XML_WRITER {
  const writer = newWriter();
  expect(WsSetOutputToBuffer(writer, buffer, null)).toBe(S_OK);
  return writer;
}

export function readerOn(buffer: WS_XML_BUFFER): WS_XML_READER {
  const reader = newReader();
  expect(WsSetInputToBuffer(reader, buffer, null)).toBe(S_OK);
  return reader;
}

export function textReader(xml: string): WS_XML_READER {
  const reader = newReader();
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never;
  expect(WsSetInput(reader, encoding, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: utf8(xml) } as never, null)).toBe(S_OK);
  return reader;
}

export function textWriter(): WS_XML_WRITER {
  const writer = newWriter();
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  expect(WsSetOutput(writer, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
  return writer;
}

/** What a text writer has written, as a string. */
export function written(writer: WS_XML_WRITER): string {
  const value = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, value)).toBe(S_OK);
  return decoder.decode(value.value as Uint8Array);
}

/** Writes `<name>` … (children) … `</name>`, elements in no namespace. */
export function element(writer: WS_XML_WRITER, name: string, content: () => void = () => {}): void {
  expect(WsWriteStartElement(writer, null, x(name), x(""))).toBe(S_OK);
  content();
  expect(WsWriteEndElement(writer)).toBe(S_OK);
}

/** The buffer as UTF-8 text (WsWriteXmlBufferToBytes). */
export function bufferText(buffer: WS_XML_BUFFER, heap: WS_HEAP = newHeap()): string {
  const bytes = ref<Uint8Array | null>(null);
  expect(WsWriteXmlBufferToBytes(newWriter(), buffer, null, null, heap, bytes)).toBe(S_OK);
  return decoder.decode(bytes.value!);
}

export function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

/** A node as one line, for comparing whole node sequences. */
export function show(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case 1: {
      const e = node as unknown as WS_XML_ELEMENT_NODE;
      const attrs = e.attributes.map((a: WS_XML_ATTRIBUTE) =>
        a.isXmlNs
          ? ` xmlns:${str(a.prefix)}=${str(a.ns)}${a.singleQuote ? "'" : ""}`
          : ` ${str(a.prefix)}:${str(a.localName)}{${str(a.ns)}}=${str((a.value as unknown as WS_XML_UTF8_TEXT).value)}${a.singleQuote ? "'" : ""}`,
      );
      return `element ${str(e.prefix)}:${str(e.localName)}{${str(e.ns)}}${attrs.join("")}`;
    }
    case 2:
      return `text ${JSON.stringify(str(((node as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_UTF8_TEXT).value))}`;
    case 4:
      return `comment ${JSON.stringify(str((node as unknown as WS_XML_COMMENT_NODE).value))}`;
    default:
      return ["", "", "", "end", "", "", "cdata", "end-cdata", "eof", "bof"][node.nodeType]!;
  }
}

/** Every node from the reader's current one to EOF. */
export function readAll(reader: WS_XML_READER): string[] {
  const out = [show(current(reader))];
  for (let i = 0; i < 1000 && out[out.length - 1] !== "eof"; i++) {
    expect(WsReadNode(reader)).toBe(S_OK);
    out.push(show(current(reader)));
  }
  return out;
}
