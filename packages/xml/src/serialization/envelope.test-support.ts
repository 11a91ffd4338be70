import {
  ref,
  S_OK,
  type WS_ELEMENT_DESCRIPTION,
  type WS_ERROR,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_READ_REQUIRED_VALUE,
  type WS_TYPE,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_BUFFER,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WsGetErrorString,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { expect } from "vitest";
import { STATIC_XML_DICTIONARY } from "../binary-reader/static-dictionary-object.js";
import {
  WsCopyNode,
  WsCreateReader,
  WsCreateWriter,
  WsCreateXmlBuffer,
  WsReadElement,
  WsReadNode,
  WsReadToStartElement,
  WsSetInput,
  WsSetOutput,
  WsSetOutputToBuffer,
  WsWriteElement,
  WsWriteXmlBufferToBytes,
} from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import { newWriter, text, writtenBytes, x } from "./serialization.test-support.js";

/** Helpers of the WS_ENDPOINT_ADDRESS_TYPE and WS_FAULT_TYPE tests. */

/** A WS_XML_BUFFER on `heap` holding the top-level elements of `xml` (a fragment), copied with WsCopyNode. */
export function bufferFrom(heap: WS_HEAP, xml: string): WS_XML_BUFFER {
  const buffer = ref<WS_XML_BUFFER | null>(null);
  expect(WsCreateXmlBuffer(heap, null, buffer)).toBe(S_OK);
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  expect(WsSetOutputToBuffer(writer.value!, buffer.value!, [{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }])).toBe(S_OK);
  const reader = readerOn(`<w>${xml}</w>`);
  expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
  expect(WsReadNode(reader)).toBe(S_OK);
  for (;;) {
    const found = ref(false);
    expect(WsReadToStartElement(reader, null, null, found)).toBe(S_OK);
    if (!found.value) break;
    expect(WsCopyNode(writer.value!, reader)).toBe(S_OK);
  }
  return buffer.value!;
}

/** A buffer's content as UTF-8 text. */
export function bufferXml(buffer: WS_XML_BUFFER | null, heap: WS_HEAP): string | null {
  if (buffer === null) return null;
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const bytes = ref<Uint8Array | null>(null);
  expect(
    WsWriteXmlBufferToBytes(writer.value!, buffer, null, [{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }], heap, bytes),
  ).toBe(S_OK);
  return text(bytes.value!);
}

/** A binary writer to a buffer, with the [MC-NBFS] static dictionary or none. */
export function binaryWriter(dictionary: boolean): WS_XML_WRITER {
  if (!dictionary) return newWriter(true);
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const encoding = {
    encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
    staticDictionary: STATIC_XML_DICTIONARY,
    dynamicStringCallback: null,
    dynamicStringCallbackState: null,
  };
  expect(WsSetOutput(writer.value!, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
  return writer.value!;
}

export function binaryReaderOn(bytes: Uint8Array, dictionary: boolean): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  const encoding = {
    encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
    staticDictionary: dictionary ? STATIC_XML_DICTIONARY : null,
    dynamicDictionary: null,
  };
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
  expect(WsSetInput(reader.value!, encoding as never, input as never, null)).toBe(S_OK);
  return reader.value!;
}

export function element(localName: string, ns: string, type: WS_TYPE, typeDescription: unknown): WS_ELEMENT_DESCRIPTION {
  return { elementLocalName: x(localName), elementNs: x(ns), type, typeDescription };
}

/** WsWriteElement of `value` to `writer`; the bytes written. */
export function writeElementBytes(writer: WS_XML_WRITER, description: WS_ELEMENT_DESCRIPTION, value: unknown): Uint8Array {
  expect(WsWriteElement(writer, description, WS_WRITE_REQUIRED_VALUE, value)).toBe(S_OK);
  return writtenBytes(writer);
}

/** WsReadElement with WS_READ_REQUIRED_VALUE: the HRESULT and the value. */
export function readElement(
  reader: WS_XML_READER,
  description: WS_ELEMENT_DESCRIPTION,
  heap: WS_HEAP | null,
  error: WS_ERROR | null = null,
) {
  const value = ref<unknown>(null);
  const hr = WsReadElement(reader, description, WS_READ_REQUIRED_VALUE, heap, value, error);
  return { hr, value: value.value as never };
}

export function requestedSize(heap: WS_HEAP): number {
  const size = ref<unknown>(0);
  expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, size)).toBe(S_OK);
  return size.value as number;
}

export function errorText(error: WS_ERROR): string {
  const s = ref("");
  expect(WsGetErrorString(error, 0, s)).toBe(S_OK);
  return s.value;
}
