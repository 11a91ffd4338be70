import { readFileSync } from "node:fs";
import {
  ref,
  S_OK,
  WS_ENCODING_XML_BINARY_1,
  type WS_XML_DICTIONARY,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_INPUT_TYPE_BUFFER,
} from "@wwsapi/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { WsCreateReader, WsGetDictionary, WsReadStartElement, WsReadToStartElement, WsSetInput, WsSkipNode } from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { bytes, element, int32, nillable, optional, string, struct, type ValueOf } from "./index.js";
import { decode, newWriter, plain, readerOn, writtenBytes } from "./typed.test-support.js";

/**
 * The Calculator contract of the golden WCF captures (Mono WCF; /work/shared/golden/mono-wcf),
 * described with the builders from its schema, calc.xsd0.xsd: every parameter is
 * `<xs:element minOccurs="0" name=… type=…/>` in an element of the operation's name, Echo's strings
 * are also nillable="true", in http://tempuri.org/ with elementFormDefault="qualified".
 */
const TEMPURI = "http://tempuri.org/";
const Add = struct("Add", TEMPURI, { a: optional(element(int32, "a")), b: optional(element(int32, "b")) });
const AddResponse = struct("AddResponse", TEMPURI, { AddResult: optional(element(int32, "AddResult")) });
const Echo = struct("Echo", TEMPURI, { text: optional(nillable(element(string, "text"))) });
const EchoResponse = struct("EchoResponse", TEMPURI, { EchoResult: optional(nillable(element(string, "EchoResult"))) });
const EchoBytes = struct("EchoBytes", TEMPURI, { data: optional(element(bytes, "data")) });
const EchoBytesResponse = struct("EchoBytesResponse", TEMPURI, { EchoBytesResult: optional(element(bytes, "EchoBytesResult")) });

/** What the captures carry: Add(2, 3) = 5, Echo("hello é世 <&>"), EchoBytes of 2048 bytes i % 251. */
const ECHOED = "hello é世 <&>";
const DATA = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);

const golden = (name: string) => readFileSync(new URL(`../../../../../shared/golden/mono-wcf/${name}`, import.meta.url));

/** The HTTP body of a capture: after the last blank line (a reply's 100 Continue comes first). */
function httpBody(capture: Buffer): Buffer {
  return capture.subarray(capture.lastIndexOf("\r\n\r\n") + 4);
}

/** [MC-NBFS]: application/soap+msbin1 is [MC-NBFX] with the static dictionary of WS_ENCODING_XML_BINARY_1. */
function binaryReaderOn(bytes: Uint8Array): WS_XML_READER {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  expect(WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary)).toBe(S_OK);
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: dictionary.value, dynamicDictionary: null };
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
  expect(WsSetInput(reader.value!, encoding as never, input as never, null)).toBe(S_OK);
  return reader.value!;
}

const BODY = xmlString("Body");
const HEADER = xmlString("Header");

/** The reader moved into the SOAP Body of the envelope (past the Header, if any), before the Body's first child. */
function inBody(reader: WS_XML_READER): WS_XML_READER {
  expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK); // Envelope
  expect(WsReadStartElement(reader)).toBe(S_OK);
  const found = ref(false);
  expect(WsReadToStartElement(reader, HEADER, null, found)).toBe(S_OK);
  if (found.value) expect(WsSkipNode(reader)).toBe(S_OK);
  expect(WsReadToStartElement(reader, BODY, null, found)).toBe(S_OK);
  expect(found.value).toBe(true);
  expect(WsReadStartElement(reader)).toBe(S_OK);
  return reader;
}

const textBody = (name: string) => inBody(readerOn(httpBody(golden(name))));
const binaryBody = (name: string) => inBody(binaryReaderOn(httpBody(golden(name))));

/** WCF's body element, byte for byte: what lies between <s:Body> and </s:Body> in a text capture. */
function wcfBodyElement(name: string): Buffer {
  const body = httpBody(golden(name));
  const start = body.indexOf("<s:Body>") + "<s:Body>".length;
  return body.subarray(start, body.indexOf("</s:Body>"));
}

function written<T>(type: { write(writer: never, value: T): void }, value: T, binary = false): Buffer {
  const writer = newWriter(binary);
  type.write(writer as never, value);
  return Buffer.from(writtenBytes(writer));
}

describe("the Calculator contract described with the builders", () => {
  it("infers the operations' values from the schema's descriptions", () => {
    expectTypeOf<ValueOf<typeof Add>>().toEqualTypeOf<{ a?: number | undefined; b?: number | undefined }>();
    expectTypeOf<ValueOf<typeof Echo>>().toEqualTypeOf<{ text?: string | null | undefined }>();
    expectTypeOf<ValueOf<typeof EchoBytesResponse>>().toEqualTypeOf<{ EchoBytesResult?: Uint8Array | undefined }>();
  });

  it("reads WCF's text requests and replies (SOAP 1.1, BasicHttpBinding)", () => {
    expect(plain(Add.read(textBody("basic-add-1.c2s.bin")))).toEqual({ a: 2, b: 3 });
    expect(plain(AddResponse.read(textBody("basic-add-1.s2c.bin")))).toEqual({ AddResult: 5 });
    expect(plain(Echo.read(textBody("basic-echo-1.c2s.bin")))).toEqual({ text: ECHOED });
    expect(plain(EchoResponse.read(textBody("basic-echo-1.s2c.bin")))).toEqual({ EchoResult: ECHOED });
    expect(plain(EchoBytes.read(textBody("basic-bytes-1.c2s.bin")))).toEqual({ data: DATA });
    expect(plain(EchoBytesResponse.read(textBody("basic-bytes-1.s2c.bin")))).toEqual({ EchoBytesResult: DATA });
  });

  it("reads WCF's binary requests and replies (application/soap+msbin1)", () => {
    expect(plain(Add.read(binaryBody("httpbinary-add-1.c2s.bin")))).toEqual({ a: 2, b: 3 });
    expect(plain(AddResponse.read(binaryBody("httpbinary-add-1.s2c.bin")))).toEqual({ AddResult: 5 });
    expect(plain(Echo.read(binaryBody("httpbinary-echo-1.c2s.bin")))).toEqual({ text: ECHOED });
    expect(plain(EchoResponse.read(binaryBody("httpbinary-echo-1.s2c.bin")))).toEqual({ EchoResult: ECHOED });
  });

  it("writes the requests' body elements byte for byte as WCF does, in text", () => {
    expect(decode(wcfBodyElement("basic-add-1.c2s.bin"))).toBe('<Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add>');
    expect(written(Add, { a: 2, b: 3 }).toString("hex")).toBe(wcfBodyElement("basic-add-1.c2s.bin").toString("hex"));
    expect(written(Echo, { text: ECHOED }).toString("hex")).toBe(wcfBodyElement("basic-echo-1.c2s.bin").toString("hex"));
    expect(written(EchoBytes, { data: DATA }).toString("hex")).toBe(wcfBodyElement("basic-bytes-1.c2s.bin").toString("hex"));
  });

  it("writes the replies' body elements byte for byte as WCF does, in text", () => {
    expect(written(AddResponse, { AddResult: 5 }).toString("hex")).toBe(wcfBodyElement("basic-add-1.s2c.bin").toString("hex"));
    expect(written(EchoResponse, { EchoResult: ECHOED }).toString("hex")).toBe(wcfBodyElement("basic-echo-1.s2c.bin").toString("hex"));
    expect(written(EchoBytesResponse, { EchoBytesResult: DATA }).toString("hex")).toBe(
      wcfBodyElement("basic-bytes-1.s2c.bin").toString("hex"),
    );
  });

  it("writes the requests' body elements byte for byte as WCF does, in binary (no dictionary string in them)", () => {
    /** The capture's records from the body's first element through the EndElement that closes it (the Body's and Envelope's follow). */
    const wcfBinaryBody = (name: string, first: string) => {
      const capture = httpBody(golden(name));
      const start = capture.indexOf(Buffer.concat([Buffer.from([0x40, first.length]), Buffer.from(first)]));
      return capture.subarray(start, capture.length - 2).toString("hex");
    };
    expect(written(Add, { a: 2, b: 3 }, true).toString("hex")).toBe(wcfBinaryBody("httpbinary-add-1.c2s.bin", "Add"));
    expect(written(Echo, { text: ECHOED }, true).toString("hex")).toBe(wcfBinaryBody("httpbinary-echo-1.c2s.bin", "Echo"));
    expect(written(AddResponse, { AddResult: 5 }, true).toString("hex")).toBe(wcfBinaryBody("httpbinary-add-1.s2c.bin", "AddResponse"));
    expect(written(EchoResponse, { EchoResult: ECHOED }, true).toString("hex")).toBe(
      wcfBinaryBody("httpbinary-echo-1.s2c.bin", "EchoResponse"),
    );
  });
});
