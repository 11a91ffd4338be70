import {
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { expect } from "vitest";
import { WsCreateReader, WsCreateWriter, WsGetWriterProperty, WsSetInput, WsSetOutput } from "../index.js";

/** Helpers of the typed layer's tests: readers and writers made with the flat API, as an application makes them. */

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A reader on `input`: UTF-8 text, or [MC-NBFX] binary records with no dictionary. */
export function readerOn(input: string | Uint8Array, binary = false): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  const encoding = binary
    ? { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null }
    : { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
  const bytes = typeof input === "string" ? utf8(input) : input;
  const bufferInput = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
  expect(WsSetInput(reader.value!, encoding as never, bufferInput as never, null)).toBe(S_OK);
  return reader.value!;
}

/** A writer with UTF-8 text output (or [MC-NBFX] binary without dictionaries) to a buffer. */
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

export const written = (writer: WS_XML_WRITER): string => decode(writtenBytes(writer));

/** A struct value as a plain object (the library's have no prototype), for toEqual. */
export const plain = <T>(value: T): T => ({ ...value });
