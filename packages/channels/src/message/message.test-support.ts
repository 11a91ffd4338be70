import { readFileSync } from "node:fs";
import {
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  type WS_ELEMENT_DESCRIPTION,
  WS_ELEMENT_FIELD_MAPPING,
  type WS_ERROR,
  type WS_FIELD_DESCRIPTION,
  type WS_HEAP,
  WS_INT32_TYPE,
  type WS_MESSAGE,
  type WS_MESSAGE_PROPERTY,
  WS_MESSAGE_PROPERTY_HEADER_BUFFER,
  WS_MESSAGE_PROPERTY_STATE,
  WS_REQUEST_MESSAGE,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_UINT32_TYPE,
  type WS_XML_BUFFER,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsCreateHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { WsCreateReader, WsCreateWriter, WsGetWriterProperty, WsSetInput, WsSetOutput, WsWriteXmlBuffer } from "@wwsapi/xml";
import { expect } from "vitest";
import { WsCreateMessage, WsGetMessageProperty, WsInitializeMessage } from "../index.js";

/** Helpers of the message tests, which drive the flat API as an application does. */

export const x = (text: string): WS_XML_STRING => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 }) as WS_XML_STRING;
export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export function newMessage(envelope: number, addressing: number, properties: readonly WS_MESSAGE_PROPERTY[] | null = null): WS_MESSAGE {
  const message = ref<WS_MESSAGE | null>(null);
  expect(WsCreateMessage(envelope as never, addressing as never, properties, message)).toBe(S_OK);
  return message.value!;
}

/** A message initialized as a request (WS_REQUEST_MESSAGE). */
export function newRequest(envelope: number, addressing: number): WS_MESSAGE {
  const message = newMessage(envelope, addressing);
  expect(WsInitializeMessage(message, WS_REQUEST_MESSAGE, null)).toBe(S_OK);
  return message;
}

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

/** A writer with UTF-8 text output to a buffer. */
export function newWriter(): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
  expect(WsSetOutput(writer.value!, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
  return writer.value!;
}

export function written(writer: WS_XML_WRITER): string {
  const bytes = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes)).toBe(S_OK);
  return text(bytes.value as Uint8Array);
}

/** A text reader (charset auto-detected) over `bytes`. */
export function newReader(bytes: Uint8Array): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO };
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
  expect(WsSetInput(reader.value!, encoding as never, input as never, null)).toBe(S_OK);
  return reader.value!;
}

/** The message's header buffer (WS_MESSAGE_PROPERTY_HEADER_BUFFER) written out as text, as the Wine tests check it. */
export function headerBufferText(message: WS_MESSAGE): string {
  const buffer = ref<unknown>(null);
  expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_HEADER_BUFFER, buffer)).toBe(S_OK);
  const writer = newWriter();
  expect(WsWriteXmlBuffer(writer, buffer.value as WS_XML_BUFFER)).toBe(S_OK);
  return written(writer);
}

export function stateOf(message: WS_MESSAGE): number {
  const state = ref<unknown>(null);
  expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_STATE, state)).toBe(S_OK);
  return state.value as number;
}

const UUID = /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

/** The text with each random MessageID replaced by the nil UUID, after checking it is a version-4 UUID in lower case. */
export const zeroIds = (xml: string): string => xml.replace(UUID, "urn:uuid:00000000-0000-0000-0000-000000000000");

/** The namespaces the envelopes use. */
export const NS = {
  soap11: "http://schemas.xmlsoap.org/soap/envelope/",
  soap12: "http://www.w3.org/2003/05/soap-envelope",
  wsa09: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
  wsa10: "http://www.w3.org/2005/08/addressing",
  none: "http://schemas.microsoft.com/ws/2005/05/addressing/none",
} as const;

/** A WS_FIELD_DESCRIPTION with the unused members zero; `offset` is the property name (spec/README.md, "Offsets"). */
export function field(f: {
  mapping: number;
  type: number;
  offset: string;
  localName?: WS_XML_STRING;
  ns?: WS_XML_STRING;
  typeDescription?: unknown;
}): WS_FIELD_DESCRIPTION {
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
  } as unknown as WS_FIELD_DESCRIPTION;
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

/** An int element field named `name` in `ns`, whose value is the property `name`. */
export const intField = (name: string, ns: WS_XML_STRING): WS_FIELD_DESCRIPTION =>
  field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x(name), ns, type: WS_INT32_TYPE, offset: name });

/** The Calculator contract of the golden WCF captures (calc.xsd0.xsd: Add { a: int, b: int }, AddResponse { AddResult: int }). */
const TEMPURI = x("http://tempuri.org/");
export const ADD_ELEMENT: WS_ELEMENT_DESCRIPTION = {
  elementLocalName: x("Add"),
  elementNs: TEMPURI,
  type: WS_STRUCT_TYPE,
  typeDescription: struct([intField("a", TEMPURI), intField("b", TEMPURI)]),
};
export const ADD_RESPONSE_ELEMENT: WS_ELEMENT_DESCRIPTION = {
  elementLocalName: x("AddResponse"),
  elementNs: TEMPURI,
  type: WS_STRUCT_TYPE,
  typeDescription: struct([intField("AddResult", TEMPURI)]),
};

/** `<u xmlns="ns"><val>1</val></u>`: the body of the Wine WsWriteBody / WsReadBody tests. */
export const U_ELEMENT: WS_ELEMENT_DESCRIPTION = {
  elementLocalName: x("u"),
  elementNs: x("ns"),
  type: WS_STRUCT_TYPE,
  typeDescription: struct(
    [field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("val"), ns: x("ns"), type: WS_UINT32_TYPE, offset: "val" })],
    {
      typeLocalName: x("t"),
      typeNs: x("ns"),
    },
  ),
};

/** The golden WCF captures (/work/shared/golden/mono-wcf/). */
export const golden = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../../shared/golden/mono-wcf/${name}`, import.meta.url)));

/** The HTTP body of a capture (after the last blank line: a 100-continue may come first). */
export function httpBody(capture: Uint8Array): Uint8Array {
  const head = Buffer.from(capture).lastIndexOf("\r\n\r\n");
  return capture.subarray(head + 4);
}
