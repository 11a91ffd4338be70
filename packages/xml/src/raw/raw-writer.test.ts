import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  WS_INT32_VALUE_TYPE,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_UTF8,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_CHARSET,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsFlushWriter,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteBytes,
  WsWriteChars,
  WsWriteCharsUtf8,
  WsWriteEndElement,
  WsWriteNode,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteText,
  WsWriteValue,
  WsWriteXmlnsAttribute,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { collector, firstString, newError, newWriter, RAW_WRITER, rawWriter, streamOutput, writtenBytes } from "./raw.test-support.js";

const x = xmlString;
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("WS_XML_WRITER_RAW_ENCODING to a buffer", () => {
  it("emits the bytes WsWriteBytes is given, without base64 (and text at the root needs no ALLOW_FRAGMENT)", () => {
    const writer = rawWriter([{ id: WS_XML_WRITER_PROPERTY_WRITE_DECLARATION, value: true }] as never);
    expect(WsWriteBytes(writer, Uint8Array.of(0x00, 0x3c, 0xff))).toBe(S_OK);
    expect(WsWriteBytes(writer, Uint8Array.of(0x26))).toBe(S_OK);
    expect(WsWriteBytes(writer, new Uint8Array(0))).toBe(S_OK);
    expect(writtenBytes(writer)).toEqual([0x00, 0x3c, 0xff, 0x26]);
    const written = ref<unknown>(null);
    expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN, written)).toBe(S_OK);
    expect(written.value).toBe(4);
  });

  it("decodes base64 characters into the bytes they stand for, across calls and white space", () => {
    const writer = rawWriter();
    expect(WsWriteChars(writer, "AQ")).toBe(S_OK);
    expect(writtenBytes(writer)).toEqual([]); // half a group: nothing yet
    expect(WsWriteChars(writer, "ID\r\n /w")).toBe(S_OK);
    expect(writtenBytes(writer)).toEqual([1, 2, 3]);
    expect(WsWriteCharsUtf8(writer, utf8("=="))).toBe(S_OK);
    expect(writtenBytes(writer)).toEqual([1, 2, 3, 0xff]);
  });

  it("takes bytes from a WS_XML_BASE64_TEXT as they are, and characters from a UTF-8 text or a value", () => {
    const writer = rawWriter();
    expect(WsWriteText(writer, { textType: WS_XML_TEXT_TYPE_BASE64, bytes: Uint8Array.of(9, 8) } as never)).toBe(S_OK);
    expect(WsWriteText(writer, { textType: WS_XML_TEXT_TYPE_UTF8, value: x("AAEC") } as never)).toBe(S_OK);
    // The int32 1234 is the characters "1234", which are base64 for d7 6d f8.
    expect(WsWriteValue(writer, WS_INT32_VALUE_TYPE, 1234)).toBe(S_OK);
    expect(writtenBytes(writer)).toEqual([9, 8, 0, 1, 2, 0xd7, 0x6d, 0xf8]);
  });

  it("refuses what is not base64 (WS_E_INVALID_FORMAT, which faults the writer), taking nothing of the piece", () => {
    const writer = rawWriter();
    const error = newError();
    expect(WsWriteChars(writer, "AQID", error)).toBe(S_OK);
    expect(WsWriteChars(writer, "AB<D", error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      "WsWriteChars: the character at byte 2 is not a base64 character; a raw document is written as base64 characters only.",
    );
    expect(writtenBytes(writer)).toEqual([1, 2, 3]);
    expect(WsWriteBytes(writer, Uint8Array.of(1), error)).toBe(WS_E_OBJECT_FAULTED);

    const padded = rawWriter();
    expect(WsWriteChars(padded, "AQ==", error)).toBe(S_OK);
    expect(WsWriteChars(padded, "AQID", error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      'WsWriteChars: a character follows the "=" padding that ended the base64 data (at byte 0); a raw document is written as base64 characters only.',
    );
    const paddedBytes = rawWriter();
    expect(WsWriteChars(paddedBytes, "AQ==", error)).toBe(S_OK);
    expect(WsWriteBytes(paddedBytes, Uint8Array.of(1), error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe('WsWriteBytes: bytes cannot follow the "=" padding that ended the base64 characters written before.');

    const partial = rawWriter();
    expect(WsWriteChars(partial, "AQI", error)).toBe(S_OK);
    expect(WsWriteBytes(partial, Uint8Array.of(1), error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      "WsWriteBytes: bytes cannot follow an unfinished group of four of the base64 characters written before.",
    );
    expect(WsWriteChars(rawWriter(), "=AAA", error)).toBe(WS_E_INVALID_FORMAT);
    expect(WsWriteChars(rawWriter(), "AA=A", error)).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses elements, comments and CDATA (WS_E_INVALID_OPERATION): 'No elements or comments may be written'", () => {
    const error = newError();
    expect(WsWriteStartElement(rawWriter(), null, x("a"), x(""), error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      'WsWriteStartElement: the element <a> cannot be written with WS_XML_WRITER_RAW_ENCODING, which writes only base64 characters at the root ("No elements or comments may be written").',
    );
    const comment = { nodeType: 4, value: x("c") } as { nodeType: number; value: unknown; node?: unknown };
    comment.node = comment;
    expect(WsWriteNode(rawWriter(), comment as never, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      'WsWriteNode: a comment cannot be written with WS_XML_WRITER_RAW_ENCODING, which writes only base64 characters at the root ("No elements or comments may be written").',
    );
    expect(WsWriteStartCData(rawWriter(), error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      'WsWriteStartCData: a CDATA section cannot be written with WS_XML_WRITER_RAW_ENCODING, which writes only base64 characters at the root ("No elements or comments may be written").',
    );
    // Attributes and declarations need a start element, end elements an open element: as with no element open.
    expect(WsWriteStartAttribute(rawWriter(), null, x("a"), x(""), false, error)).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteXmlnsAttribute(rawWriter(), x("p"), x("urn:p"), false, error)).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteEndElement(rawWriter(), error)).toBe(WS_E_INVALID_FORMAT);
  });

  it("bounds the document by BUFFER_MAX_SIZE (WS_E_QUOTA_EXCEEDED), and is not a text document (no CHARSET)", () => {
    const writer = rawWriter([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 4 }] as never);
    const error = newError();
    expect(WsWriteBytes(writer, Uint8Array.of(1, 2, 3), error)).toBe(S_OK);
    expect(WsWriteBytes(writer, Uint8Array.of(4, 5), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsWriteBytes: the document would grow to 5 bytes, more than the 4 of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.",
    );
    const charset = ref<unknown>(null);
    expect(WsGetWriterProperty(rawWriter(), WS_XML_WRITER_PROPERTY_CHARSET, charset)).toBe(E_INVALIDARG);
  });

  it("needs an output (E_INVALIDARG)", () => {
    expect(WsSetOutput(newWriter(), RAW_WRITER, null, null)).toBe(E_INVALIDARG);
    expect(WsSetOutput(newWriter(), RAW_WRITER, { outputType: 9 } as never, null)).toBe(E_INVALIDARG);
  });
});

describe("WS_XML_WRITER_RAW_ENCODING to a stream", () => {
  it("hands the bytes to the write callback at WsFlushWriter, and refuses BYTES", () => {
    const sink = collector();
    const writer = newWriter();
    expect(WsSetOutput(writer, RAW_WRITER, streamOutput(sink.callback), null)).toBe(S_OK);
    expect(WsWriteBytes(writer, Uint8Array.of(1, 2))).toBe(S_OK);
    expect(WsFlushWriter(writer, 3, null)).toBe(S_OK); // fewer than minSize: no call
    expect(sink.writes).toEqual([]);
    expect(WsWriteChars(writer, "AwQF")).toBe(S_OK);
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK);
    expect(WsWriteBytes(writer, Uint8Array.of(6))).toBe(S_OK);
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK);
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK);
    expect(sink.writes).toEqual([[1, 2, 3, 4, 5], [6], []]);
    expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, ref<unknown>(null))).toBe(WS_E_INVALID_OPERATION);
  });

  it("bounds what is buffered between flushes by BUFFER_MAX_SIZE", () => {
    const sink = collector();
    const writer = newWriter();
    const properties = [{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 3 }] as never;
    expect(WsSetOutput(writer, RAW_WRITER, streamOutput(sink.callback), properties)).toBe(S_OK);
    expect(WsWriteBytes(writer, Uint8Array.of(1, 2, 3))).toBe(S_OK);
    expect(WsWriteBytes(writer, Uint8Array.of(4))).toBe(WS_E_QUOTA_EXCEEDED);
    expect(sink.writes).toEqual([]);
    const flushed = newWriter();
    expect(WsSetOutput(flushed, RAW_WRITER, streamOutput(sink.callback), properties)).toBe(S_OK);
    expect(WsWriteBytes(flushed, Uint8Array.of(1, 2, 3))).toBe(S_OK);
    expect(WsFlushWriter(flushed, 0, null)).toBe(S_OK);
    expect(WsWriteBytes(flushed, Uint8Array.of(4, 5, 6))).toBe(S_OK);
    expect(WsFlushWriter(flushed, 0, null)).toBe(S_OK);
    expect(sink.writes).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});
