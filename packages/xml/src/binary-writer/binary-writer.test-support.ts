import { readFileSync } from "node:fs";
import {
  ref,
  S_OK,
  type WS_DYNAMIC_STRING_CALLBACK,
  WS_ENCODING_XML_BINARY_1,
  type WS_ERROR,
  type WS_XML_DICTIONARY,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BYTES,
  type WS_XML_WRITER_PROPERTY_ID,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import {
  WsCreateReader,
  WsCreateWriter,
  WsGetDictionary,
  WsGetWriterProperty,
  WsSetInput,
  WsSetOutput,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteText,
  WsWriteXmlnsAttribute,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

/** Helpers of the binary writer's tests: writers with binary output, strings, the golden captures. */

const encoder = new TextEncoder();

export const x = (text: string): WS_XML_STRING => xmlString(text);
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
export const bytesOf = (...parts: (number | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "number" ? [part] : [...encoder.encode(part)])));

/** The [MC-NBFS] static dictionary, as WsGetDictionary gives it. */
export function staticDictionary(): WS_XML_DICTIONARY {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  expect(WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary)).toBe(S_OK);
  return dictionary.value!;
}

/** The string of the static dictionary with this text (its `dictionary` and `id` set). */
export function dictionaryString(text: string): WS_XML_STRING {
  const found = staticDictionary().strings.find((s) => new TextDecoder().decode(s.bytes) === text);
  if (found === undefined) throw new Error(`"${text}" is not in the static dictionary`);
  return found;
}

export interface BinaryOptions {
  staticDictionary?: WS_XML_DICTIONARY | null;
  dynamicStringCallback?: WS_DYNAMIC_STRING_CALLBACK | null;
  dynamicStringCallbackState?: unknown;
}

export function newWriter(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(properties, writer)).toBe(S_OK);
  return writer.value!;
}

export function binaryEncoding(options: BinaryOptions = {}) {
  return {
    encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
    staticDictionary: options.staticDictionary ?? null,
    dynamicStringCallback: options.dynamicStringCallback ?? null,
    dynamicStringCallbackState: options.dynamicStringCallbackState ?? null,
  } as never;
}

export const BUFFER_OUTPUT = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never;
export const UTF8_TEXT = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: 1 } as never;

export function setBinary(
  writer: WS_XML_WRITER,
  options: BinaryOptions = {},
  properties: WS_XML_WRITER_PROPERTY[] | null = null,
  error: WS_ERROR | null = null,
): number {
  return WsSetOutput(writer, binaryEncoding(options), BUFFER_OUTPUT, properties, error);
}

/** A writer set to binary buffer output. */
export function binaryWriter(options: BinaryOptions = {}, properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = newWriter();
  expect(setBinary(writer, options, properties)).toBe(S_OK);
  return writer;
}

export function property(writer: WS_XML_WRITER, id: WS_XML_WRITER_PROPERTY_ID): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetWriterProperty(writer, id, value)).toBe(S_OK);
  return value.value;
}

/** WS_XML_WRITER_PROPERTY_BYTES. */
export function written(writer: WS_XML_WRITER): Uint8Array {
  return property(writer, WS_XML_WRITER_PROPERTY_BYTES) as Uint8Array;
}

export const utf8 = (text: string): WS_XML_TEXT => ({ textType: WS_XML_TEXT_TYPE_UTF8, value: x(text) }) as never;

export const start = (w: WS_XML_WRITER, prefix: string | null, localName: string | WS_XML_STRING, ns: string | WS_XML_STRING) =>
  expect(
    WsWriteStartElement(
      w,
      prefix === null ? null : x(prefix),
      typeof localName === "string" ? x(localName) : localName,
      typeof ns === "string" ? x(ns) : ns,
    ),
  ).toBe(S_OK);

export const end = (w: WS_XML_WRITER) => expect(WsWriteEndElement(w)).toBe(S_OK);

export const xmlns = (w: WS_XML_WRITER, prefix: string | null, ns: string | WS_XML_STRING) =>
  expect(WsWriteXmlnsAttribute(w, prefix === null ? null : x(prefix), typeof ns === "string" ? x(ns) : ns, false)).toBe(S_OK);

/** An attribute written with WsWriteStartAttribute, `write` (its value), WsWriteEndAttribute. */
export function attribute(
  w: WS_XML_WRITER,
  prefix: string | null,
  localName: string | WS_XML_STRING,
  ns: string | WS_XML_STRING,
  write: () => void = () => {},
) {
  expect(
    WsWriteStartAttribute(
      w,
      prefix === null ? null : x(prefix),
      typeof localName === "string" ? x(localName) : localName,
      typeof ns === "string" ? x(ns) : ns,
      false,
    ),
  ).toBe(S_OK);
  write();
  expect(WsWriteEndAttribute(w)).toBe(S_OK);
}

export const text = (w: WS_XML_WRITER, value: WS_XML_TEXT) => expect(WsWriteText(w, value)).toBe(S_OK);

export function newReader(): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  return reader.value!;
}

/** A reader on binary bytes with the given dictionaries. */
export function binaryReader(
  bytes: Uint8Array,
  staticDictionary: WS_XML_DICTIONARY | null = null,
  dynamicDictionary: WS_XML_DICTIONARY | null = null,
): WS_XML_READER {
  const reader = newReader();
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary, dynamicDictionary };
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
  expect(WsSetInput(reader, encoding as never, input as never, null)).toBe(S_OK);
  return reader;
}

/** A reader on UTF-8 text. */
export function textReader(xml: string): WS_XML_READER {
  const reader = newReader();
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: 1 };
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: encoder.encode(xml) };
  expect(WsSetInput(reader, encoding as never, input as never, null)).toBe(S_OK);
  return reader;
}

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  return error.value!;
}

export function firstString(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

// --- the golden captures (/work/shared/golden/mono-wcf, see its README) ------------------------

const GOLDEN = new URL("../../../../../shared/golden/mono-wcf/", import.meta.url);

export const capture = (name: string) => new Uint8Array(readFileSync(new URL(name, GOLDEN)));

/** The bodies of the HTTP messages in one direction of a connection. */
export function httpBodies(bytes: Uint8Array): Uint8Array[] {
  const bodies: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const headerEnd = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error(`no end of headers after byte ${pos}`);
    const head = new TextDecoder().decode(bytes.subarray(pos, headerEnd));
    const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
    const start = headerEnd + 4;
    if (length > 0) bodies.push(bytes.subarray(start, start + length));
    pos = start + length;
  }
  return bodies;
}

/** The body of the first HTTP message of a capture. */
export const httpBody = (name: string): Uint8Array => httpBodies(capture(name))[0]!;
