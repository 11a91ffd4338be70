import {
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  type WS_ELEMENT_DESCRIPTION,
  type WS_ERROR,
  type WS_FIELD_DESCRIPTION,
  type WS_HEAP,
  WS_READ_REQUIRED_POINTER,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsCreateHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import { binaryReader } from "../binary-writer/binary-writer.test-support.js";
import { WsCreateWriter, WsGetWriterProperty, WsReadElement, WsSetOutput, WsWriteElement } from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import { xmlString } from "../text-utils/xml-string.js";

/** Helpers of the serializer's tests, which drive the flat API as an application does. */

export const x = (text: string): WS_XML_STRING => xmlString(text);
export const EMPTY_NS = x("");
export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export function newHeap(maxSize = 1 << 16): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(maxSize, 0, null, heap)).toBe(S_OK);
  return heap.value!;
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

/** A writer with UTF-8 text output (or binary, [MC-NBFX] without dictionaries) to a buffer. */
export function newWriter(binary = false): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const encoding = binary
    ? {
        encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
        staticDictionary: null,
        dynamicStringCallback: null,
        dynamicStringCallbackState: null,
      }
    : { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
  expect(WsSetOutput(writer.value!, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
  return writer.value!;
}

export function writtenBytes(writer: WS_XML_WRITER): Uint8Array {
  const bytes = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes)).toBe(S_OK);
  return bytes.value as Uint8Array;
}

export const written = (writer: WS_XML_WRITER): string => text(writtenBytes(writer));

/**
 * A WS_FIELD_DESCRIPTION in the wwsapi-ts binding (`offset` is the property name, field-binding.ts),
 * with every member the test does not give at its zero.
 */
export function field(f: Partial<WS_FIELD_DESCRIPTION> & Pick<WS_FIELD_DESCRIPTION, "mapping" | "type" | "offset">): WS_FIELD_DESCRIPTION {
  return {
    localName: null,
    ns: null,
    typeDescription: null,
    options: 0,
    defaultValue: null,
    countOffset: 0,
    itemLocalName: null,
    itemNs: null,
    itemRange: null,
    ...f,
  };
}

export function struct(fields: WS_FIELD_DESCRIPTION[], more: Partial<WS_STRUCT_DESCRIPTION> = {}): WS_STRUCT_DESCRIPTION {
  return {
    size: 8 * fields.length,
    alignment: 8,
    fields,
    typeLocalName: null,
    typeNs: null,
    parentType: null,
    subTypes: [],
    structOptions: 0,
    ...more,
  };
}

export const STRUCT = WS_STRUCT_TYPE;

/** A struct value as the library returns them: an object without prototype, for toEqual against plain literals. */
export const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));

/** The element <t> (no namespace) of type `type` described by `description`, for WsWriteElement / WsReadElement. */
export const elementT = (description: unknown, type: number = WS_STRUCT_TYPE) =>
  ({ elementLocalName: x("t"), elementNs: EMPTY_NS, type, typeDescription: description }) as unknown as WS_ELEMENT_DESCRIPTION;

/** Writes `value` as <t> (WsWriteElement, text or binary): the HRESULT, the bytes, the text and the first error string. */
export function writeT(description: unknown, value: unknown, binary = false, type: number = WS_STRUCT_TYPE) {
  const writer = newWriter(binary);
  const error = newError();
  const hr = WsWriteElement(writer, elementT(description, type), WS_WRITE_REQUIRED_POINTER, value, error);
  const bytes = hr === S_OK ? writtenBytes(writer) : new Uint8Array(0);
  return { hr, bytes, text: text(bytes), message: hr === S_OK ? "" : firstString(error) };
}

/** Reads <t> (WsReadElement) from text or binary input: the HRESULT, the value and the first error string. */
export function readT(
  input: string | Uint8Array,
  description: unknown,
  binary = false,
  heap: WS_HEAP = newHeap(),
  type: number = WS_STRUCT_TYPE,
) {
  const value = ref<unknown>("unset");
  const error = newError();
  const reader = binary ? binaryReader(input as Uint8Array) : readerOn(input);
  const hr = WsReadElement(reader, elementT(description, type), WS_READ_REQUIRED_POINTER, heap, value, error);
  return { hr, value: value.value, message: hr === S_OK ? "" : firstString(error) };
}

/** Bytes as space-separated hex, for exact binary expectations. */
export const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** A value read back, as a plain object tree (no null prototypes) for toEqual; Uint8Arrays and handles kept. */
export function plainTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainTree);
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plainTree(v);
  return out;
}
