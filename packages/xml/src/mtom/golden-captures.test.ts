import { S_OK, type WS_XML_WRITER } from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsCopyNode, WsReadToStartElement, WsWriteBytes, WsWriteEndElement, WsWriteStartElement } from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { parseContentType } from "./content-type.js";
import {
  concat,
  ECHO_BYTES,
  enter,
  golden,
  httpMessages,
  latin1,
  mtomReader,
  mtomWriter,
  nodes,
  readAllBytes,
  writtenBytes,
} from "./mtom.test-support.js";

/*
 * MTOM packages written by a WCF implementation (Mono 6.8) and recorded on the wire
 * (/work/shared/golden/mono-wcf, described in its README): EchoBytes of 2048 bytes i % 251.
 *
 * mtom-bytes-1: Mono's own request. mtom-handmade-1: a correct request made by hand
 * (peers/mono-wcf/make_mtom_request.py), and Mono's reply. Mono's messages are "malformed" at the
 * HTTP level only: its HTTP Content-Type has no boundary, and the package's MIME header
 * (MIME-Version, Content-Type with boundary and start) is in the HTTP body — which is what
 * WS_XML_READER_MTOM_ENCODING reads with readMimeHeader TRUE, and what our writer writes with
 * writeMimeHeader TRUE.
 */

const [monoRequest] = httpMessages(golden("mtom-bytes-1.c2s.bin"));
const [handmadeRequest] = httpMessages(golden("mtom-handmade-1.c2s.bin"));
const [monoReply] = httpMessages(golden("mtom-handmade-1.s2c.bin"));

const SOAP = xmlString("http://schemas.xmlsoap.org/soap/envelope/");
const TEMPURI = xmlString("http://tempuri.org/");
const XOP = 'xmlns:xop="http://www.w3.org/2004/08/xop/include"';

/** The nodes of an EchoBytes envelope whose `wrapper` holds the payload as an Include. */
const envelopeNodes = (operation: string, wrapper: string) => [
  "<s:Envelope>",
  "<s:Body>",
  `<${operation}>`,
  `<${wrapper}>`,
  `text:3:${Buffer.from(ECHO_BYTES).toString("base64")}`,
  "</>",
  "</>",
  "</>",
  "</>",
];

/** Writes <s:Envelope><s:Body><operation xmlns=tempuri><wrapper>bytes</wrapper>… as a WCF client or service does. */
function writeEnvelope(writer: WS_XML_WRITER, operation: string, wrapper: string): void {
  expect(WsWriteStartElement(writer, xmlString("s"), xmlString("Envelope"), SOAP)).toBe(S_OK);
  expect(WsWriteStartElement(writer, xmlString("s"), xmlString("Body"), SOAP)).toBe(S_OK);
  expect(WsWriteStartElement(writer, null, xmlString(operation), TEMPURI)).toBe(S_OK);
  expect(WsWriteStartElement(writer, null, xmlString(wrapper), TEMPURI)).toBe(S_OK);
  expect(WsWriteBytes(writer, ECHO_BYTES)).toBe(S_OK);
  for (let i = 0; i < 4; i++) expect(WsWriteEndElement(writer)).toBe(S_OK);
}

/** The boundary and start of a package's MIME header (`MIME-Version`, then `Content-Type`). */
function mimeHeaderParameters(body: Uint8Array): { boundary: string; startUri: string } {
  const line = /^Content-Type: (.*)\r$/m.exec(latin1(body.subarray(0, 400)))![1]!;
  const params = parseContentType({ name: "content-type", value: line, offset: 0 }, "golden").params;
  return { boundary: params.get("boundary")!, startUri: params.get("start")!.slice(1, -1) };
}

/** The Content-ID of the (one) binary part of a package. */
const partId = (body: Uint8Array) => /cid:([^"]+)"/.exec(latin1(body))![1]!;

/** `ours` with its binary part's generated Content-ID replaced by `theirs` (as Latin-1, so bytes stay bytes). */
function withPartId(ours: Uint8Array, theirs: string): Uint8Array {
  const text = latin1(ours).replaceAll(partId(ours), theirs);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

describe("golden MTOM captures: reading", () => {
  it("reads Mono's request, whose MIME header is in the body (readMimeHeader TRUE), down to the 2048 bytes", () => {
    expect(nodes(mtomReader(monoRequest!.body))).toEqual(envelopeNodes("EchoBytes", "data"));
    const reader = mtomReader(monoRequest!.body);
    enter(reader, "data");
    expect(readAllBytes(reader, 100)).toEqual(ECHO_BYTES);
  });

  it("reads Mono's reply the same way", () => {
    expect(nodes(mtomReader(monoReply!.body))).toEqual(envelopeNodes("EchoBytesResponse", "EchoBytesResult"));
    const reader = mtomReader(monoReply!.body);
    enter(reader, "EchoBytesResult");
    expect(readAllBytes(reader, 2048)).toEqual(ECHO_BYTES);
  });

  it("reads the hand-made request with the parameters of its HTTP Content-Type (readMimeHeader FALSE)", () => {
    const header = /^Content-Type: (.*)$/m.exec(handmadeRequest!.head)![1]!;
    const params = parseContentType({ name: "content-type", value: header, offset: 0 }, "HTTP").params;
    expect([...params]).toEqual([
      ["type", "application/xop+xml"],
      ["boundary", "uuid:bnd-1"],
      ["start", "<root@example.org>"],
      ["start-info", "text/xml"],
    ]);
    const fields = {
      readMimeHeader: false,
      boundary: params.get("boundary")!,
      startUri: params.get("start")!,
      startInfo: params.get("start-info")!,
    };
    expect(nodes(mtomReader(handmadeRequest!.body, fields))).toEqual(envelopeNodes("EchoBytes", "data"));
    const reader = mtomReader(handmadeRequest!.body, fields);
    enter(reader, "data");
    expect(readAllBytes(reader, 1)).toEqual(ECHO_BYTES);
  });
});

describe("golden MTOM captures: writing", () => {
  /*
   * WCF's choices that are not deterministic are given to our writer as they were on the wire —
   * the boundary (a GUID and a counter) and the root part's Content-ID (start), which are fields of
   * WS_XML_WRITER_MTOM_ENCODING — or substituted: a binary part's Content-ID holds the time
   * (http://tempuri.org/1/<ticks>), ours the time we write. Mono's startInfo was empty, so its root
   * part says type="" and its MIME header has no start-info; ours, given the same, says the same.
   * maxInlineByteCount 767 is WCF's threshold (2048 bytes go to a part either way). Everything else
   * — MIME-Version, the header order, Content-Transfer-Encoding 8bit / binary, the content types,
   * the CRLFs, the XML, the close delimiter — is byte for byte the same.
   */
  for (const [name, body, operation, wrapper] of [
    ["request", monoRequest!.body, "EchoBytes", "data"],
    ["reply", monoReply!.body, "EchoBytesResponse", "EchoBytesResult"],
  ] as const) {
    it(`writes Mono's ${name} byte for byte but for the binary part's time-based Content-ID`, () => {
      const writer = mtomWriter({ ...mimeHeaderParameters(body), startInfo: "", maxInlineByteCount: 767 });
      writeEnvelope(writer, operation, wrapper);
      const ours = writtenBytes(writer);
      expect(partId(ours)).toMatch(/^http:\/\/tempuri\.org\/1\/\d{18}$/);
      expect(partId(body)).toMatch(/^http:\/\/tempuri\.org\/1\/\d{18}$/);
      expect(withPartId(ours, partId(body))).toEqual(body);
    });

    it(`copies Mono's ${name} from an MTOM reader to an MTOM writer (WsCopyNode) into the same package`, () => {
      const reader = mtomReader(body);
      expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
      const writer = mtomWriter({ ...mimeHeaderParameters(body), startInfo: "", maxInlineByteCount: 767 });
      expect(WsCopyNode(writer, reader, null)).toBe(S_OK);
      expect(withPartId(writtenBytes(writer), partId(body))).toEqual(body);
    });
  }

  it("writes the hand-made request but for its part's Content-ID and the CRLF WCF puts before the first delimiter", () => {
    const writer = mtomWriter({
      writeMimeHeader: false,
      boundary: "uuid:bnd-1",
      startUri: "root@example.org",
      startInfo: "text/xml",
      maxInlineByteCount: 767,
    });
    writeEnvelope(writer, "EchoBytes", "data");
    const ours = writtenBytes(writer);
    // Without a MIME header WCF's layout still begins each delimiter with CRLF (RFC 2046: the CRLF
    // belongs to the delimiter; at the start it ends an empty preamble); the script began with "--".
    expect(latin1(ours.subarray(0, 14))).toBe("\r\n--uuid:bnd-1");
    expect(withPartId(ours.subarray(2), "part1@example.org")).toEqual(handmadeRequest!.body);
    expect(latin1(handmadeRequest!.body)).toContain(`<xop:Include href="cid:part1@example.org" ${XOP}/>`);
  });

  it("writes what reads back: our package of the golden envelope gives the same nodes and bytes", () => {
    const writer = mtomWriter({ boundary: "b", startUri: "r", startInfo: "text/xml", maxInlineByteCount: 767 });
    writeEnvelope(writer, "EchoBytes", "data");
    const ours = writtenBytes(writer);
    expect(nodes(mtomReader(ours))).toEqual(envelopeNodes("EchoBytes", "data"));
    const reader = mtomReader(concat(ours));
    enter(reader, "data");
    expect(readAllBytes(reader)).toEqual(ECHO_BYTES);
  });
});
