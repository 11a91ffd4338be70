import {
  ref,
  S_OK,
  WS_ENCODING_RAW,
  WS_ENCODING_XML_BINARY_1,
  WS_ENCODING_XML_BINARY_SESSION_1,
  WS_ENCODING_XML_MTOM_UTF8,
  WS_ENCODING_XML_UTF8,
  WS_ENCODING_XML_UTF16BE,
  WS_ENCODING_XML_UTF16LE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { xmlImplementation } from "@wwsapi/xml/internal";
import { describe, expect, it } from "vitest";
import { parseContentType } from "./content-type.js";
import { createEncoder } from "./create-encoder.js";

const x = (text: string) => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 }) as never;

function writer(): WS_XML_WRITER {
  const w = ref<WS_XML_WRITER | null>(null);
  xmlImplementation.WsCreateWriter(null, w, null);
  return w.value!;
}

function reader(): WS_XML_READER {
  const r = ref<WS_XML_READER | null>(null);
  xmlImplementation.WsCreateReader(null, r, null);
  return r.value!;
}

/** Writes <a:b xmlns:a="urn:t">hi</a:b> through an encoder and returns the bytes. */
function write(encoding: number, envelope = WS_ENVELOPE_VERSION_SOAP_1_2): Uint8Array {
  const encoder = createEncoder(encoding, envelope, 2048);
  const w = writer();
  encoder.startWriting(w);
  xmlImplementation.WsWriteStartElement(w, x("a"), x("b"), x("urn:t"), null);
  xmlImplementation.WsWriteChars(w, "hi", null);
  xmlImplementation.WsWriteEndElement(w, null);
  return encoder.finishWriting(w);
}

/** Reads back the first element's local name through an encoder. */
function readName(encoding: number, body: Uint8Array, contentType: string, envelope = WS_ENVELOPE_VERSION_SOAP_1_2): string {
  const encoder = createEncoder(encoding, envelope, 2048);
  const r = reader();
  encoder.startReading(r, body, contentType);
  xmlImplementation.WsReadToStartElement(r, null, null, null, null);
  const node = ref<WS_XML_NODE | null>(null);
  xmlImplementation.WsGetReaderNode(r, node, null);
  expect(node.value!.nodeType).toBe(WS_XML_NODE_TYPE_ELEMENT);
  return new TextDecoder().decode((node.value as WS_XML_ELEMENT_NODE).localName!.bytes);
}

describe("content types", () => {
  it("names the charset and, for SOAP 1.2, the action", () => {
    expect(createEncoder(WS_ENCODING_XML_UTF8, WS_ENVELOPE_VERSION_SOAP_1_1, 0).contentTypeFor("urn:act")).toBe("text/xml; charset=utf-8");
    expect(createEncoder(WS_ENCODING_XML_UTF8, WS_ENVELOPE_VERSION_SOAP_1_2, 0).contentTypeFor("urn:act")).toBe(
      'application/soap+xml; charset=utf-8; action="urn:act"',
    );
    expect(createEncoder(WS_ENCODING_XML_UTF8, WS_ENVELOPE_VERSION_SOAP_1_2, 0).contentTypeFor(null)).toBe(
      "application/soap+xml; charset=utf-8",
    );
    expect(createEncoder(WS_ENCODING_XML_UTF8, WS_ENVELOPE_VERSION_SOAP_1_2, 0).contentTypeFor('a"b')).toBe(
      'application/soap+xml; charset=utf-8; action="a\\"b"',
    );
    expect(createEncoder(WS_ENCODING_XML_UTF16LE, WS_ENVELOPE_VERSION_SOAP_1_1, 0).contentTypeFor(null)).toBe("text/xml; charset=utf-16LE");
    expect(createEncoder(WS_ENCODING_XML_UTF16BE, WS_ENVELOPE_VERSION_SOAP_1_1, 0).contentTypeFor(null)).toBe("text/xml; charset=utf-16BE");
    expect(createEncoder(WS_ENCODING_XML_BINARY_1, WS_ENVELOPE_VERSION_SOAP_1_2, 0).contentTypeFor("urn:act")).toBe(
      "application/soap+msbin1",
    );
    expect(createEncoder(WS_ENCODING_RAW, WS_ENVELOPE_VERSION_SOAP_1_2, 0).contentTypeFor(null)).toBe("application/octet-stream");
  });

  it("parses parameters, quoted or not", () => {
    const parsed = parseContentType('multipart/related; type=application/xop+xml;boundary="a\\"b";start="<r>" ');
    expect(parsed.mediaType).toBe("multipart/related");
    expect([...parsed.params]).toEqual([
      ["type", "application/xop+xml"],
      ["boundary", 'a"b'],
      ["start", "<r>"],
    ]);
    expect(() => parseContentType("nonsense")).toThrow(/not valid/);
    expect(() => parseContentType('text/xml; a="open')).toThrow(/unterminated/);
  });
});

describe("encoders", () => {
  it("writes UTF-8 text and reads it back", () => {
    const bytes = write(WS_ENCODING_XML_UTF8);
    expect(new TextDecoder().decode(bytes)).toBe('<a:b xmlns:a="urn:t">hi</a:b>');
    expect(readName(WS_ENCODING_XML_UTF8, bytes, "application/soap+xml; charset=utf-8")).toBe("b");
  });

  it("writes UTF-16LE and UTF-16BE text", () => {
    expect(Buffer.from(write(WS_ENCODING_XML_UTF16LE)).toString("utf16le")).toContain('<a:b xmlns:a="urn:t">hi</a:b>');
    const be = Buffer.from(write(WS_ENCODING_XML_UTF16BE));
    expect(be[0] === 0 || be[0] === 0xfe).toBe(true);
    expect(readName(WS_ENCODING_XML_UTF16LE, write(WS_ENCODING_XML_UTF16LE), "application/soap+xml; charset=utf-16LE")).toBe("b");
  });

  it("writes binary records and reads them back", () => {
    const bytes = write(WS_ENCODING_XML_BINARY_1);
    // [MC-NBFX] PrefixElementA (0x5E), name "b" inline.
    expect([...bytes.subarray(0, 3)]).toEqual([0x5e, 0x01, 0x62]);
    expect(readName(WS_ENCODING_XML_BINARY_1, bytes, "application/soap+msbin1")).toBe("b");
  });

  it("writes an MTOM package whose parameters go in the Content-Type, and reads it back", () => {
    const encoder = createEncoder(WS_ENCODING_XML_MTOM_UTF8, WS_ENVELOPE_VERSION_SOAP_1_2, 0);
    const w = writer();
    encoder.startWriting(w);
    xmlImplementation.WsWriteStartElement(w, x("a"), x("b"), x("urn:t"), null);
    xmlImplementation.WsWriteEndElement(w, null);
    const bytes = encoder.finishWriting(w);
    const contentType = encoder.contentTypeFor("urn:act");
    const parsed = parseContentType(contentType);
    expect(parsed.mediaType).toBe("multipart/related");
    expect(parsed.params.get("type")).toBe("application/xop+xml");
    expect(parsed.params.get("start")).toBe("<http://tempuri.org/0>");
    expect(parsed.params.get("start-info")).toBe("application/soap+xml");
    expect(parsed.params.get("action")).toBe("urn:act");
    const boundary = parsed.params.get("boundary")!;
    expect(boundary).toMatch(/^uuid:[0-9a-f-]{36}\+id=1$/);
    expect(Buffer.from(bytes).toString("latin1").startsWith(`\r\n--${boundary}\r\nContent-ID: <http://tempuri.org/0>\r\n`)).toBe(true);
    expect(readName(WS_ENCODING_XML_MTOM_UTF8, bytes, contentType)).toBe("b");
  });

  it("writes raw bytes as they are (WS_ENCODING_RAW) and reads them back", () => {
    const encoder = createEncoder(WS_ENCODING_RAW, WS_ENVELOPE_VERSION_SOAP_1_2, 0);
    const w = writer();
    encoder.startWriting(w);
    expect(xmlImplementation.WsWriteBytes(w, new Uint8Array([0, 1, 0xfe, 0xff]), null)).toBe(S_OK);
    const bytes = encoder.finishWriting(w);
    expect([...bytes]).toEqual([0, 1, 0xfe, 0xff]);
    const r = reader();
    encoder.startReading(r, bytes, "image/png");
    const read = new Uint8Array(8);
    const count = ref(0);
    // The reader starts on BOF; the bytes are the text that follows.
    expect(xmlImplementation.WsReadNode(r, null)).toBe(S_OK);
    expect(xmlImplementation.WsReadBytes(r, read, count, null)).toBe(S_OK);
    expect([...read.subarray(0, count.value)]).toEqual([0, 1, 0xfe, 0xff]);
  });

  it("refuses a content type of another encoding with WS_E_INVALID_FORMAT", () => {
    const encoder = createEncoder(WS_ENCODING_XML_UTF8, WS_ENVELOPE_VERSION_SOAP_1_1, 0);
    expect(() => encoder.startReading(reader(), write(WS_ENCODING_XML_UTF8), "application/soap+xml; charset=utf-8")).toThrow(
      `The message's Content-Type "application/soap+xml" does not match the channel's encoding, which expects text/xml.`,
    );
  });

  it("takes the binary session encoding from the net.tcp module (application/soap+msbinsession1)", () => {
    expect(createEncoder(WS_ENCODING_XML_BINARY_SESSION_1, WS_ENVELOPE_VERSION_SOAP_1_2, 2048).contentTypeFor(null)).toBe(
      "application/soap+msbinsession1",
    );
  });
});

void S_OK;
