import { readFileSync } from "node:fs";
import {
  ref,
  S_OK,
  WS_ELEMENT_FIELD_MAPPING,
  WS_INT32_TYPE,
  WS_READ_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_POINTER,
  type WS_XML_READER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsReadElement, WsReadStartElement, WsReadToStartElement, WsWriteElement } from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import { field, newHeap, newWriter, STRUCT, struct, writtenBytes, x } from "./serialization.test-support.js";

/**
 * The Calculator contract of the golden captures (Mono WCF, BasicHttpBinding, SOAP 1.1 text, and
 * the binary message encoding over HTTP), described as WsUtil would describe it for the
 * service's WSDL (calc.xsd0.xsd: Add { a: int, b: int }, AddResponse { AddResult: int }).
 */
const TEMPURI = x("http://tempuri.org/");
const ADD = struct([
  field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("a"), ns: TEMPURI, type: WS_INT32_TYPE, offset: "a" }),
  field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("b"), ns: TEMPURI, type: WS_INT32_TYPE, offset: "b" }),
]);
const ADD_RESPONSE = struct([
  field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("AddResult"), ns: TEMPURI, type: WS_INT32_TYPE, offset: "AddResult" }),
]);
const ADD_ELEMENT = { elementLocalName: x("Add"), elementNs: TEMPURI, type: STRUCT, typeDescription: ADD };
const ADD_RESPONSE_ELEMENT = { elementLocalName: x("AddResponse"), elementNs: TEMPURI, type: STRUCT, typeDescription: ADD_RESPONSE };

const golden = (name: string) => readFileSync(new URL(`../../../../../shared/golden/mono-wcf/${name}`, import.meta.url));

/** The HTTP body of a capture (after the last blank line: the 100-continue comes first in replies). */
function httpBody(capture: Buffer): Buffer {
  return capture.subarray(capture.lastIndexOf("\r\n\r\n") + 4);
}

/** A reader inside the SOAP Body of an envelope, on its first child. */
function inBody(envelope: Uint8Array): WS_XML_READER {
  const reader = readerOn(envelope);
  expect(WsReadToStartElement(reader, x("Envelope"), null, null)).toBe(S_OK);
  expect(WsReadStartElement(reader)).toBe(S_OK);
  expect(WsReadToStartElement(reader, x("Body"), null, null)).toBe(S_OK);
  expect(WsReadStartElement(reader)).toBe(S_OK);
  return reader;
}

describe("the Calculator contract against WCF's messages", () => {
  it("reads WCF's Add request body", () => {
    const value = ref<unknown>(null);
    expect(
      WsReadElement(inBody(httpBody(golden("basic-add-1.c2s.bin"))), ADD_ELEMENT as never, WS_READ_REQUIRED_POINTER, newHeap(), value),
    ).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ a: 2, b: 3 });
  });

  it("reads WCF's AddResponse", () => {
    const value = ref<unknown>(null);
    const reply = httpBody(golden("basic-add-1.s2c.bin"));
    expect(WsReadElement(inBody(reply), ADD_RESPONSE_ELEMENT as never, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ AddResult: 5 });
  });

  it("writes the Add body byte for byte as WCF does, in text", () => {
    const body = httpBody(golden("basic-add-1.c2s.bin")).toString("utf8");
    const wcf = body.slice(body.indexOf("<s:Body>") + "<s:Body>".length, body.indexOf("</s:Body>"));
    expect(wcf).toBe('<Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add>');
    const writer = newWriter();
    expect(WsWriteElement(writer, ADD_ELEMENT as never, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 3 })).toBe(S_OK);
    expect(Buffer.from(writtenBytes(writer)).toString("utf8")).toBe(wcf);
  });

  it("writes the Add body byte for byte as WCF does, in binary ([MC-NBFX] records of the httpbinary capture)", () => {
    const capture = httpBody(golden("httpbinary-add-1.c2s.bin"));
    // The body element: 0x40 (ShortElement) "Add" … through the EndElement (0x01) that closes it.
    const start = capture.indexOf(Buffer.from([0x40, 0x03, 0x41, 0x64, 0x64]));
    const wcf = capture.subarray(start, capture.length - 2); // then the Body's and the Envelope's EndElements
    expect(wcf.toString("hex")).toBe(`4003416464${"0813"}${Buffer.from("http://tempuri.org/").toString("hex")}40016189024001628903` + "01");
    const writer = newWriter(true);
    expect(WsWriteElement(writer, ADD_ELEMENT as never, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 3 })).toBe(S_OK);
    expect(Buffer.from(writtenBytes(writer)).toString("hex")).toBe(wcf.toString("hex"));
  });
});
