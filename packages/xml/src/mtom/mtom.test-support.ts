import { readFileSync } from "node:fs";
import {
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  type WS_ERROR,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_MTOM,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  type WS_XML_TEXT_NODE,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_MTOM,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import {
  WsCreateReader,
  WsCreateWriter,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadBytes,
  WsReadNode,
  WsReadStartElement,
  WsSetInput,
  WsSetOutput,
} from "../index.js";
import { formatText } from "../values/format-text.js";

/** Helpers for the tests of this folder, which drive the flat API as an application does. */

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

export function concat(...pieces: (string | Uint8Array)[]): Uint8Array {
  const parts = pieces.map((p) => (typeof p === "string" ? utf8(p) : p));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** The 2048 bytes i % 251 that the golden EchoBytes calls carry. */
export const ECHO_BYTES = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);

const GOLDEN = new URL("../../../../../shared/golden/mono-wcf/", import.meta.url);
export const golden = (name: string) => new Uint8Array(readFileSync(new URL(name, GOLDEN)));

/** The HTTP messages of one direction of a connection: their headers (as text) and bodies (a 100 Continue has none). */
export function httpMessages(bytes: Uint8Array): { head: string; body: Uint8Array }[] {
  const messages: { head: string; body: Uint8Array }[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const headerEnd = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error(`no end of headers after byte ${pos}`);
    const head = latin1(bytes.subarray(pos, headerEnd));
    const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
    const start = headerEnd + 4;
    messages.push({ head, body: bytes.subarray(start, start + length) });
    pos = start + length;
  }
  return messages;
}

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

export interface ReaderFields {
  readMimeHeader?: boolean;
  boundary?: string;
  startUri?: string;
  startInfo?: string;
  charSet?: number;
}

/** A WS_XML_READER_MTOM_ENCODING (by default: read the MIME header; text charset AUTO). */
export function readerEncoding(fields: ReaderFields = {}): never {
  return {
    encodingType: WS_XML_READER_ENCODING_TYPE_MTOM,
    textEncoding: { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: fields.charSet ?? WS_CHARSET_AUTO },
    readMimeHeader: fields.readMimeHeader ?? true,
    startInfo: fields.startInfo ?? "",
    boundary: fields.boundary ?? "",
    startUri: fields.startUri ?? "",
  } as never;
}

export const bufferInput = (data: Uint8Array) => ({ inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: data }) as never;

export function newReader(): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  return reader.value!;
}

/** WsSetInput with MTOM on `data`: its HRESULT, and the reader. */
export function setMtomInput(
  data: Uint8Array,
  fields: ReaderFields = {},
  properties: WS_XML_READER_PROPERTY[] | null = null,
  error: WS_ERROR | null = null,
): { hr: number; reader: WS_XML_READER } {
  const reader = newReader();
  const hr = WsSetInput(reader, readerEncoding(fields), bufferInput(data), properties, error);
  return { hr, reader };
}

/** A reader on the MTOM package `data`, at BOF. */
export function mtomReader(data: Uint8Array, fields: ReaderFields = {}): WS_XML_READER {
  const { hr, reader } = setMtomInput(data, fields);
  expect(hr).toBe(S_OK);
  return reader;
}

export function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

/**
 * Every node from the reader's position to EOF, one word each: "<name>" for an element,
 * "</>" for an end element, "text:<type>:<text>" for text (its characters as the reader
 * formats them), the other kinds by name.
 */
export function nodes(reader: WS_XML_READER): string[] {
  const seen: string[] = [];
  for (;;) {
    expect(WsReadNode(reader)).toBe(S_OK);
    const node = current(reader);
    if (node.nodeType === WS_XML_NODE_TYPE_EOF) return seen;
    seen.push(describe(node));
  }
}

const decoder = new TextDecoder();

export function describe(node: WS_XML_NODE): string {
  if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
    const element = node as unknown as WS_XML_ELEMENT_NODE;
    const prefix = decoder.decode(element.prefix?.bytes);
    return `<${prefix === "" ? "" : `${prefix}:`}${decoder.decode(element.localName?.bytes)}>`;
  }
  if (node.nodeType === WS_XML_NODE_TYPE_TEXT) {
    const text = (node as unknown as WS_XML_TEXT_NODE).text!;
    return `text:${text.textType}:${decoder.decode(formatText("test", text, { qualifiedName: () => new Uint8Array(0), localOffset: () => 0 }))}`;
  }
  return ["", "", "", "</>", "comment", "", "cdata", "end-cdata", "eof", "bof"][node.nodeType]!;
}

/** Reads on to the start of the next element named `localName` and into its content (WsReadStartElement). */
export function enter(reader: WS_XML_READER, localName: string): void {
  for (;;) {
    const node = current(reader);
    if (
      node.nodeType === WS_XML_NODE_TYPE_ELEMENT &&
      decoder.decode((node as unknown as WS_XML_ELEMENT_NODE).localName?.bytes) === localName
    ) {
      expect(WsReadStartElement(reader)).toBe(S_OK);
      return;
    }
    expect(node.nodeType).not.toBe(WS_XML_NODE_TYPE_EOF);
    expect(WsReadNode(reader)).toBe(S_OK);
  }
}

/** All of the current element's content as bytes (WsReadBytes in pieces of `chunk`). */
export function readAllBytes(reader: WS_XML_READER, chunk = 100): Uint8Array {
  const pieces: Uint8Array[] = [];
  const buffer = new Uint8Array(chunk);
  for (;;) {
    const count = ref(0);
    expect(WsReadBytes(reader, buffer, count)).toBe(S_OK);
    if (count.value === 0) return concat(...pieces);
    pieces.push(buffer.slice(0, count.value));
  }
}

export interface WriterFields {
  writeMimeHeader?: boolean;
  boundary?: string;
  startUri?: string;
  startInfo?: string;
  maxInlineByteCount?: number;
  charSet?: number;
}

/** A WS_XML_WRITER_MTOM_ENCODING (by default: MIME header, boundary "B", start "root", UTF-8). */
export function writerEncoding(fields: WriterFields = {}): never {
  return {
    encodingType: WS_XML_WRITER_ENCODING_TYPE_MTOM,
    textEncoding: { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: fields.charSet ?? WS_CHARSET_UTF8 },
    writeMimeHeader: fields.writeMimeHeader ?? true,
    boundary: fields.boundary ?? "B",
    startInfo: fields.startInfo ?? "",
    startUri: fields.startUri ?? "root",
    maxInlineByteCount: fields.maxInlineByteCount ?? 4,
  } as never;
}

export const bufferOutput = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never;

/** A writer set to MTOM output in a buffer. */
export function mtomWriter(fields: WriterFields = {}, properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  expect(WsSetOutput(writer.value!, writerEncoding(fields), bufferOutput, properties)).toBe(S_OK);
  return writer.value!;
}

/** WS_XML_WRITER_PROPERTY_BYTES. */
export function writtenBytes(writer: WS_XML_WRITER): Uint8Array {
  const bytes = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes)).toBe(S_OK);
  return bytes.value as Uint8Array;
}

/** The package as text, with the ticks of the generated Content-IDs (which vary) replaced by T. */
export function normalized(bytes: Uint8Array): string {
  return latin1(bytes).replace(/http:\/\/tempuri\.org\/(\d+)\/\d+/g, "http://tempuri.org/$1/T");
}
