import {
  type HRESULT,
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_E_INVALID_OPERATION,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_RAW,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCopyNode,
  WsCreateReader,
  WsCreateWriter,
  WsFlushWriter,
  WsGetWriterProperty,
  WsSetInput,
  WsSetOutput,
  WsWriteBytes,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

// Base64 written with WsWriteBytes is kept back in whole 3-byte groups, so that consecutive calls
// form one base64 text; the 1 or 2 bytes short of a group must still be in whatever hands the
// output out. The Windows SDK's raw-copy sample prints `eyAxLCAyLCAzIH0=` for `{ 1, 2, 3 }`.

const x = xmlString;
const ascii = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function textWriter(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  expect(WsSetOutput(writer.value!, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, properties)).toBe(S_OK);
  return writer.value!;
}

function property(writer: WS_XML_WRITER, id: number): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetWriterProperty(writer, id as never, value)).toBe(S_OK);
  return value.value;
}

const output = (writer: WS_XML_WRITER) => decode(property(writer, WS_XML_WRITER_PROPERTY_BYTES) as Uint8Array);
const start = (writer: WS_XML_WRITER, localName = "t") => expect(WsWriteStartElement(writer, null, x(localName), x(""))).toBe(S_OK);
const end = (writer: WS_XML_WRITER) => expect(WsWriteEndElement(writer)).toBe(S_OK);
const write = (writer: WS_XML_WRITER, text: string) => expect(WsWriteBytes(writer, ascii(text))).toBe(S_OK);

/** A reader of `text`'s bytes in the raw encoding: one base64 text at the root. */
function rawReader(text: string): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: ascii(text) } as never;
  expect(WsSetInput(reader.value!, { encodingType: WS_XML_READER_ENCODING_TYPE_RAW } as never, input, null)).toBe(S_OK);
  return reader.value!;
}

describe("base64 bytes held back by WsWriteBytes", () => {
  it("are in the output of WsCopyNode from a raw reader (the SDK sample: eyAxLCAyLCAzIH0=)", () => {
    const writer = textWriter([{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }] as never);
    expect(WsCopyNode(writer, rawReader("{ 1, 2, 3 }"))).toBe(S_OK);
    expect(output(writer)).toBe("eyAxLCAyLCAzIH0=");
  });

  it.each([
    ["a", "YQ=="],
    ["ab", "YWI="],
    ["abc", "YWJj"],
    ["abcd", "YWJjZA=="],
    ["abcde", "YWJjZGU="],
  ])("are in WS_XML_WRITER_PROPERTY_BYTES, _BUFFERS and _BYTES_WRITTEN after WsWriteBytes of %j", (bytes, base64) => {
    const writer = textWriter();
    start(writer);
    write(writer, bytes);
    expect(output(writer)).toBe(`<t>${base64}`);
    const { buffers } = property(writer, WS_XML_WRITER_PROPERTY_BUFFERS) as { buffers: Uint8Array[] };
    expect(buffers.map(decode)).toEqual([`<t>${base64}`]);
    expect(property(writer, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(3 + base64.length);
    end(writer);
    expect(output(writer)).toBe(`<t>${base64}</t>`);
  });

  it("join across consecutive WsWriteBytes calls into one base64 text, padded when it is asked for", () => {
    const writer = textWriter();
    start(writer);
    write(writer, "ab");
    write(writer, "cd");
    expect(output(writer)).toBe("<t>YWJjZA==");
    end(writer);
    expect(output(writer)).toBe("<t>YWJjZA==</t>");
  });

  it("end the base64 text when the output is asked for: later bytes are a new text (the bytes handed out stay a prefix)", () => {
    const writer = textWriter();
    start(writer);
    write(writer, "a");
    const first = property(writer, WS_XML_WRITER_PROPERTY_BYTES) as Uint8Array;
    expect(decode(first)).toBe("<t>YQ==");
    write(writer, "bc");
    end(writer);
    expect(output(writer)).toBe("<t>YQ==YmM=</t>");
    expect(decode(first)).toBe("<t>YQ=="); // what was handed out is unchanged
    // Asking again with nothing held back writes nothing more.
    expect(output(writer)).toBe("<t>YQ==YmM=</t>");
  });

  it("are written, padded, before an end element", () => {
    const writer = textWriter();
    start(writer);
    write(writer, "ab");
    end(writer);
    expect(output(writer)).toBe("<t>YWI=</t>");
  });

  it("stay with an attribute value (not output before its start tag), joining the next bytes", () => {
    const writer = textWriter();
    start(writer);
    expect(WsWriteStartAttribute(writer, null, x("a"), x(""), false)).toBe(S_OK);
    write(writer, "a");
    expect(output(writer)).toBe("");
    expect(property(writer, WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE)).toBe(true);
    write(writer, "bcd");
    expect(WsWriteEndAttribute(writer)).toBe(S_OK);
    expect(output(writer)).toBe("");
    end(writer);
    expect(output(writer)).toBe('<t a="YWJjZA=="/>');
  });

  it("are handed to the WS_WRITE_CALLBACK by WsFlushWriter on a stream", () => {
    const written: string[] = [];
    const callback = (_state: unknown, list: readonly Uint8Array[] | null): HRESULT => {
      written.push(decode(list?.[0] ?? new Uint8Array(0)));
      return S_OK;
    };
    const writer = ref<WS_XML_WRITER | null>(null);
    expect(WsCreateWriter(null, writer)).toBe(S_OK);
    const w = writer.value!;
    const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
    const stream = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: callback, writeCallbackState: null } as never;
    expect(WsSetOutput(w, encoding, stream, null)).toBe(S_OK);
    start(w);
    write(w, "abcd");
    expect(WsFlushWriter(w, 0, null)).toBe(S_OK);
    expect(written).toEqual(["<t>YWJjZA=="]);
    end(w);
    expect(WsFlushWriter(w, 0, null)).toBe(S_OK);
    expect(written).toEqual(["<t>YWJjZA==", "</t>"]);
    // BYTES stays refused on a stream (the bytes went to the callback).
    expect(WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_BYTES, ref<unknown>(undefined))).toBe(WS_E_INVALID_OPERATION);
  });
});
