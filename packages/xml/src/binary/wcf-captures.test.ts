import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMultiByteInt31 } from "./multi-byte-int31.js";
import { readRecords } from "./read-records.js";
import type { DecodedRecord, NbfxRecord } from "./records.js";
import { SessionDictionary } from "./session-dictionary.js";
import { readStringTable, writeStringTable } from "./string-table.js";
import { uuidToString } from "./value-formats.js";
import { writeRecords } from "./write-records.js";

/*
 * Real bytes written by WCF (Mono 6.8) and recorded on the wire: /work/shared/golden/mono-wcf,
 * described in /work/shared/golden/README.md. Add(2,3)=5, Echo("hello é世 <&>"), EchoBytes of 2048
 * bytes i % 251.
 *
 * httpbinary-*: HTTP requests and responses whose body is application/soap+msbin1 ([MC-NBFS]).
 * nettcp-*: [MC-NMF] framing around [MC-NBFSE] messages (a StringTable, then the document).
 * Every document is decoded, checked against what the capture is known to hold, and encoded back
 * to exactly the captured bytes.
 */

const GOLDEN = new URL("../../../../../shared/golden/mono-wcf/", import.meta.url);
const capture = (name: string) => new Uint8Array(readFileSync(new URL(name, GOLDEN)));
const strip = (records: readonly DecodedRecord[]) => records.map(({ offset: _o, recordType: _t, ...r }) => r as NbfxRecord);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The bodies of the HTTP messages in one direction of a connection (skipping 100 Continue, which has none). */
function httpBodies(bytes: Uint8Array): Uint8Array[] {
  const bodies: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const headerEnd = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error(`no end of headers after byte ${pos}`);
    const head = text(bytes.subarray(pos, headerEnd));
    const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
    const start = headerEnd + 4;
    if (length > 0) bodies.push(bytes.subarray(start, start + length));
    pos = start + length;
  }
  return bodies;
}

/** The payloads of the SizedEnvelope records of an [MC-NMF] stream (just enough of [MC-NMF] to find them). */
function sizedEnvelopes(bytes: Uint8Array): Uint8Array[] {
  const envelopes: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const type = bytes[pos++];
    switch (type) {
      case 0x00: // Version: major, minor
        pos += 2;
        break;
      case 0x01: // Mode
      case 0x03: // Known Encoding
        pos += 1;
        break;
      case 0x02: {
        // Via: a length-prefixed URI
        const { value, next } = readMultiByteInt31(bytes, pos);
        pos = next + value;
        break;
      }
      case 0x06: {
        // Sized Envelope
        const { value, next } = readMultiByteInt31(bytes, pos);
        envelopes.push(bytes.subarray(next, next + value));
        pos = next + value;
        break;
      }
      case 0x07: // End
      case 0x0b: // Preamble Ack
      case 0x0c: // Preamble End
        break;
      default:
        throw new Error(`unexpected [MC-NMF] record 0x${type?.toString(16)} at byte ${pos - 1}`);
    }
  }
  return envelopes;
}

/** One [MC-NBFSE] message: its StringTable, added to the direction's session, then the document. */
function readSessionMessage(payload: Uint8Array, session: SessionDictionary) {
  const table = readStringTable(payload, 0, { session });
  const records = readRecords(payload.subarray(table.end), { session });
  // Encoding back: the same table, then the same records, give the same payload.
  const again = new Uint8Array([...writeStringTable(table.strings), ...writeRecords(records)]);
  expect(again).toEqual(payload);
  return { strings: table.strings, records };
}

/** Names and values of the body of a request or response, the part after <s:Body>. */
function bodyOf(records: readonly DecodedRecord[]): NbfxRecord[] {
  const body = records.findIndex((r) => r.kind === "element" && typeof r.name !== "string" && r.name.text === "Body");
  return strip(records.slice(body + 1));
}

/** The SOAP 1.2 + WS-Addressing 1.0 envelope start that WCF writes with the binary encoders. */
const ENVELOPE_START: NbfxRecord[] = [
  { kind: "element", prefix: "s", name: { dictionaryId: 0x02, text: "Envelope" } },
  { kind: "xmlns", prefix: "s", namespace: { dictionaryId: 0x04, text: "http://www.w3.org/2003/05/soap-envelope" } },
  { kind: "xmlns", prefix: "a", namespace: { dictionaryId: 0x06, text: "http://www.w3.org/2005/08/addressing" } },
  { kind: "element", prefix: "s", name: { dictionaryId: 0x08, text: "Header" } },
];
const mustUnderstand: NbfxRecord = {
  kind: "attribute",
  prefix: "s",
  name: { dictionaryId: 0x00, text: "mustUnderstand" },
  value: { textType: "one" },
};

describe("httpbinary-add: Add(2,3) over HTTP with application/soap+msbin1", () => {
  const [request] = httpBodies(capture("httpbinary-add-1.c2s.bin"));
  const [response] = httpBodies(capture("httpbinary-add-1.s2c.bin"));

  it("finds the 215-byte request body after the HTTP headers", () => {
    expect(request?.length).toBe(215);
    expect(text(capture("httpbinary-add-1.c2s.bin").subarray(0, 200))).toContain("Content-Type: application/soap+msbin1");
  });

  it("decodes the whole request: envelope, addressing headers by dictionary id, body with Add a=2 b=3", () => {
    const records = readRecords(request!);
    const messageId = records[8];
    expect(strip(records)).toEqual([
      ...ENVELOPE_START,
      { kind: "element", prefix: "a", name: { dictionaryId: 0x0a, text: "Action" } },
      mustUnderstand,
      { kind: "text", textType: "chars8", value: "http://tempuri.org/ICalculator/Add", withEndElement: true },
      { kind: "element", prefix: "a", name: { dictionaryId: 0x1a, text: "MessageID" } },
      { kind: "text", textType: "uniqueId", value: (messageId as { value: Uint8Array }).value, withEndElement: true },
      { kind: "element", prefix: "a", name: { dictionaryId: 0x2c, text: "ReplyTo" } },
      // Mono spells Address out (PrefixElementA) although the static dictionary has it (0x2A).
      { kind: "element", prefix: "a", name: "Address" },
      { kind: "text", textType: "chars8", value: "http://www.w3.org/2005/08/addressing/anonymous", withEndElement: true },
      { kind: "endElement" },
      { kind: "element", prefix: "a", name: { dictionaryId: 0x0c, text: "To" } },
      mustUnderstand,
      { kind: "text", textType: "chars8", value: "http://127.0.0.1:28080/calc/binary", withEndElement: true },
      { kind: "endElement" },
      { kind: "element", prefix: "s", name: { dictionaryId: 0x0e, text: "Body" } },
      { kind: "element", prefix: "", name: "Add" },
      { kind: "xmlns", prefix: "", namespace: "http://tempuri.org/" },
      { kind: "element", prefix: "", name: "a" },
      { kind: "text", textType: "int8", value: 2, withEndElement: true },
      { kind: "element", prefix: "", name: "b" },
      { kind: "text", textType: "int8", value: 3, withEndElement: true },
      { kind: "endElement" },
      { kind: "endElement" },
      { kind: "endElement" },
    ]);
    expect(messageId).toMatchObject({ textType: "uniqueId", offset: 55, recordType: 0xad });
    expect(uuidToString((messageId as { value: Uint8Array }).value)).toBe("09920dde-dc35-48c9-ad0d-0a63b01e2d4f");
    // The record types as they are on the wire.
    expect(records.slice(0, 7).map((r) => r.recordType)).toEqual([0x56, 0x0b, 0x0b, 0x56, 0x44, 0x1e, 0x99]);
    expect(records.at(-1)?.offset).toBe(214);
  });

  it("re-encodes the request to the identical 215 bytes", () => {
    expect(writeRecords(readRecords(request!))).toEqual(request);
  });

  it("decodes the response, AddResult 5 relating to the request's MessageID, and re-encodes it", () => {
    const records = readRecords(response!);
    const relatesTo = records.findIndex((r) => r.kind === "element" && typeof r.name !== "string" && r.name.text === "RelatesTo");
    expect(records[relatesTo + 1]).toMatchObject({
      textType: "uniqueId",
      value: (readRecords(request!)[8] as { value: Uint8Array }).value,
    });
    expect(bodyOf(records)).toEqual([
      { kind: "element", prefix: "", name: "AddResponse" },
      { kind: "xmlns", prefix: "", namespace: "http://tempuri.org/" },
      { kind: "element", prefix: "", name: "AddResult" },
      { kind: "text", textType: "int8", value: 5, withEndElement: true },
      { kind: "endElement" },
      { kind: "endElement" },
      { kind: "endElement" },
    ]);
    expect(writeRecords(records)).toEqual(response);
  });
});

describe("httpbinary-echo: Echo of a string with non-ASCII and XML-special characters", () => {
  it("decodes the string as UTF-8 Chars8Text, both ways, and re-encodes both messages", () => {
    const [request] = httpBodies(capture("httpbinary-echo-1.c2s.bin"));
    const [response] = httpBodies(capture("httpbinary-echo-1.s2c.bin"));
    for (const body of [request!, response!]) {
      const records = readRecords(body);
      expect(records.some((r) => r.kind === "text" && r.textType === "chars8" && r.value === "hello é世 <&>")).toBe(true);
      expect(writeRecords(records)).toEqual(body);
    }
    expect(bodyOf(readRecords(request!)).slice(0, 4)).toEqual([
      { kind: "element", prefix: "", name: "Echo" },
      { kind: "xmlns", prefix: "", namespace: "http://tempuri.org/" },
      { kind: "element", prefix: "", name: "text" },
      { kind: "text", textType: "chars8", value: "hello é世 <&>", withEndElement: true },
    ]);
  });
});

describe("nettcp: [MC-NBFSE] messages with StringTables in a binary session", () => {
  it("nettcp-add: the request's table holds 'a' and 'b', which the body uses as ids 1 and 3", () => {
    const [request] = sizedEnvelopes(capture("nettcp-add-1.c2s.bin"));
    const [response] = sizedEnvelopes(capture("nettcp-add-1.s2c.bin"));

    const c2s = readSessionMessage(request!, new SessionDictionary());
    expect(c2s.strings).toEqual(["a", "b"]);
    expect(strip(c2s.records).slice(0, 4)).toEqual(ENVELOPE_START);
    expect(bodyOf(c2s.records)).toEqual([
      { kind: "element", prefix: "", name: "Add" },
      { kind: "xmlns", prefix: "", namespace: "http://tempuri.org/" },
      { kind: "element", prefix: "", name: { dictionaryId: 1, text: "a" } },
      { kind: "text", textType: "int8", value: 2, withEndElement: true },
      { kind: "element", prefix: "", name: { dictionaryId: 3, text: "b" } },
      { kind: "text", textType: "int8", value: 3, withEndElement: true },
      { kind: "endElement" },
      { kind: "endElement" },
      { kind: "endElement" },
    ]);

    // The server's direction has a session of its own, so its first string is id 1 again.
    const s2c = readSessionMessage(response!, new SessionDictionary());
    expect(s2c.strings).toEqual(["AddResult"]);
    expect(bodyOf(s2c.records).slice(2, 4)).toEqual([
      { kind: "element", prefix: "", name: { dictionaryId: 1, text: "AddResult" } },
      { kind: "text", textType: "int8", value: 5, withEndElement: true },
    ]);
  });

  it("nettcp-addecho: the second message's table continues the ids of the first (5, and 3 for the server)", () => {
    const client = new SessionDictionary();
    const server = new SessionDictionary();
    const requests = sizedEnvelopes(capture("nettcp-addecho-1.c2s.bin")).map((m) => readSessionMessage(m, client));
    const responses = sizedEnvelopes(capture("nettcp-addecho-1.s2c.bin")).map((m) => readSessionMessage(m, server));
    expect(requests.map((m) => m.strings)).toEqual([["a", "b"], ["text"]]);
    expect(responses.map((m) => m.strings)).toEqual([["AddResult"], ["EchoResult"]]);
    expect(bodyOf(requests[1]!.records).slice(2, 4)).toEqual([
      { kind: "element", prefix: "", name: { dictionaryId: 5, text: "text" } },
      { kind: "text", textType: "chars8", value: "hello é世 <&>", withEndElement: true },
    ]);
    expect(bodyOf(responses[1]!.records).slice(2, 4)).toEqual([
      { kind: "element", prefix: "", name: { dictionaryId: 3, text: "EchoResult" } },
      { kind: "text", textType: "chars8", value: "hello é世 <&>", withEndElement: true },
    ]);
    // A message read without its session fails on the first odd id, at that id's offset.
    expect(() => readRecords(sizedEnvelopes(capture("nettcp-addecho-1.c2s.bin"))[1]!.subarray(6))).toThrow(
      /session dictionary string id 5 .*at byte/,
    );
  });

  it("nettcp-bytes: 2048 bytes as Bytes16Text (2046) then Bytes8TextWithEndElement (2), both directions", () => {
    const expected = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);
    for (const name of ["nettcp-bytes-1.c2s.bin", "nettcp-bytes-1.s2c.bin"]) {
      const [message] = sizedEnvelopes(capture(name));
      const { records } = readSessionMessage(message!, new SessionDictionary());
      const chunks = records.filter((r) => r.kind === "text" && (r.textType === "bytes16" || r.textType === "bytes8"));
      expect(chunks.map((r) => [r.recordType, (r as { value: Uint8Array }).value.length])).toEqual([
        [0xa0, 2046],
        [0x9f, 2],
      ]);
      expect(new Uint8Array(chunks.flatMap((r) => [...(r as { value: Uint8Array }).value]))).toEqual(expected);
    }
  });
});
