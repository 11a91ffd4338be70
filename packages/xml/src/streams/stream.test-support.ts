import {
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  type WS_ERROR,
  type WS_READ_CALLBACK,
  type WS_XML_ATTRIBUTE,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  WS_XML_READER_INPUT_TYPE_STREAM,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
  type WS_XML_TEXT_NODE,
  type WS_XML_UTF8_TEXT,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import { WsCreateReader, WsFillReader, WsGetReaderNode, WsGetReaderProperty, WsReadNode, WsSetInput } from "../index.js";

/** Helpers for the tests of this folder, which drive the flat API as an application does. */

export const utf8 = (text: string) => new TextEncoder().encode(text);
const decoder = new TextDecoder();
const str = (s: { bytes: Uint8Array } | null) => (s === null ? "null" : decoder.decode(s.bytes));

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, error)).toBe(S_OK);
  return error.value!;
}

/** The first (most specific) string of a WS_ERROR. */
export function firstString(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

export function newReader(properties: WS_XML_READER_PROPERTY[] | null = null): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(properties, reader)).toBe(S_OK);
  return reader.value!;
}

export const textEncoding = (charSet = WS_CHARSET_AUTO) => ({ encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet }) as never;

export function streamInput(readCallback: WS_READ_CALLBACK, readCallbackState: unknown = null) {
  return { inputType: WS_XML_READER_INPUT_TYPE_STREAM, readCallback, readCallbackState } as never;
}

/**
 * A WS_READ_CALLBACK that delivers `data` at most `chunk` bytes a call, synchronously, and counts
 * its calls and the maxSize it was offered.
 */
export function chunkedSource(data: Uint8Array, chunk: number) {
  const source = {
    at: 0,
    calls: 0,
    maxSizes: [] as number[],
    callback: ((_state: unknown, bytes: Uint8Array, actualSize: Ref<number>): HRESULT => {
      source.calls++;
      source.maxSizes.push(bytes.length);
      const n = Math.min(chunk, bytes.length, data.length - source.at);
      bytes.set(data.subarray(source.at, source.at + n));
      source.at += n;
      actualSize.value = n;
      return S_OK;
    }) as WS_READ_CALLBACK,
  };
  return source;
}

/** A reader on `data` as a stream delivered `chunk` bytes at a time. */
export function streamReader(data: string | Uint8Array, chunk: number, properties: WS_XML_READER_PROPERTY[] | null = null) {
  const source = chunkedSource(typeof data === "string" ? utf8(data) : data, chunk);
  const reader = newReader();
  expect(WsSetInput(reader, textEncoding(), streamInput(source.callback), properties)).toBe(S_OK);
  return { reader, source };
}

export function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

export function streamBufferSize(reader: WS_XML_READER): number {
  const value = ref<unknown>(null);
  expect(WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value)).toBe(S_OK);
  return value.value as number;
}

/** A node as one line, for comparing whole node sequences. */
export function show(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case 1: {
      const e = node as unknown as WS_XML_ELEMENT_NODE;
      const attrs = e.attributes.map((a: WS_XML_ATTRIBUTE) =>
        a.isXmlNs
          ? ` xmlns:${str(a.prefix)}=${str(a.ns)}`
          : ` ${str(a.prefix)}:${str(a.localName)}{${str(a.ns)}}=${str((a.value as unknown as WS_XML_UTF8_TEXT).value)}`,
      );
      return `element ${str(e.prefix)}:${str(e.localName)}{${str(e.ns)}}${attrs.join("")}${e.isEmpty ? " empty" : ""}`;
    }
    case 2:
      return `text ${JSON.stringify(str(((node as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_UTF8_TEXT).value))}`;
    case 4:
      return `comment ${JSON.stringify(str((node as unknown as WS_XML_COMMENT_NODE).value))}`;
    default:
      return ["", "", "", "end", "", "", "cdata", "end-cdata", "eof", "bof"][node.nodeType]!;
  }
}

/** The nodes of `xml` read from a buffer, BOF to EOF. */
export function bufferNodes(xml: string | Uint8Array, properties: WS_XML_READER_PROPERTY[] | null = null): string[] {
  const reader = newReader();
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: typeof xml === "string" ? utf8(xml) : xml } as never;
  expect(WsSetInput(reader, textEncoding(), input, properties)).toBe(S_OK);
  return readToEof(reader, () => S_OK);
}

/**
 * The nodes of a stream reader, BOF to EOF, as an application reads them: before each node it asks
 * for `minSize` bytes (the stream buffer's size by default) with WsFillReader. Stops at a failure,
 * whose HRESULT and message end the list.
 */
export function streamNodes(reader: WS_XML_READER, minSize = streamBufferSize(reader)): string[] {
  return readToEof(reader, (error) => WsFillReader(reader, minSize, null, error));
}

function readToEof(reader: WS_XML_READER, fill: (error: WS_ERROR) => number): string[] {
  const error = newError();
  const out = [show(current(reader))];
  for (let i = 0; i < 100_000 && out[out.length - 1] !== "eof"; i++) {
    let hr = fill(error);
    if (hr === S_OK) hr = WsReadNode(reader, error);
    if (hr !== S_OK) {
      out.push(`failed 0x${(hr >>> 0).toString(16)}: ${firstString(error)}`);
      break;
    }
    out.push(show(current(reader)));
  }
  return out;
}
