import {
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  type WS_ERROR,
  type WS_HEAP,
  type WS_XML_NODE,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  type WS_XML_TEXT_NODE,
  type WS_XML_UTF8_TEXT,
  WsCreateError,
  WsCreateHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import { WsCreateReader, WsGetReaderNode, WsReadStartElement, WsReadToStartElement, WsSetInput } from "../index.js";

/** Helpers for the tests of this folder, which drive the flat API as an application does. */

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export function newReader(): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  return reader.value!;
}

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, error)).toBe(S_OK);
  return error.value!;
}

export function newHeap(maxSize = 1 << 16): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(maxSize, 0, null, heap)).toBe(S_OK);
  return heap.value!;
}

/** The first (most specific) string of a WS_ERROR. */
export function firstString(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

/** A reader on `xml` (UTF-8 text in a buffer), at BOF. */
export function readerOn(xml: string | Uint8Array, properties: WS_XML_READER_PROPERTY[] | null = null): WS_XML_READER {
  const reader = newReader();
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: typeof xml === "string" ? utf8(xml) : xml } as never;
  expect(WsSetInput(reader, { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never, input, properties)).toBe(
    S_OK,
  );
  return reader;
}

/** A reader on `xml` moved onto its first element (WsReadToStartElement). */
export function onElement(xml: string): WS_XML_READER {
  const reader = readerOn(xml);
  expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
  return reader;
}

/** A reader on `xml` moved into the content of its first element (WsReadToStartElement, WsReadStartElement). */
export function inContent(xml: string): WS_XML_READER {
  const reader = onElement(xml);
  expect(WsReadStartElement(reader)).toBe(S_OK);
  return reader;
}

export function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

/** The current node in one word ("text:abc" for text), to compare positions. */
export function where(reader: WS_XML_READER): string {
  const node = current(reader);
  if (node.nodeType === 2) return `text:${text(((node as unknown as WS_XML_TEXT_NODE).text as WS_XML_UTF8_TEXT).value.bytes)}`;
  return ["", "element", "", "end", "comment", "", "cdata", "end-cdata", "eof", "bof"][node.nodeType]!;
}
