import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED, type WS_XML_STRING, type WS_XML_WRITER } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { describe, expect, it } from "vitest";
import { FramingReader } from "../framing/read-records.js";
import { BinarySessionEncoder, createBinarySessionEncoder } from "./binary-session-encoder.js";
import { capture, hex, newReader, newWriter, readerText } from "./tcp.test-support.js";

/**
 * [MC-NBFSE] over net.tcp: the golden Mono captures decode message by message with one encoder per
 * direction (the StringTables and the XML they carry), the writer's StringTables and ids, the
 * 2048-byte session quota both ways, and the errors of bad tables and undefined ids.
 */

const CT = "application/soap+msbinsession1";
const encoder = new TextEncoder();
const str = (text: string): WS_XML_STRING => ({ bytes: encoder.encode(text), dictionary: null, id: 0 });
const bytes = (...parts: (number | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "number" ? [part] : [...encoder.encode(part)])));

/** The payloads of the Sized Envelope Records of one direction of a capture. */
function payloads(name: string): Uint8Array[] {
  return new FramingReader().feed(capture(name)).flatMap((record) => (record.type === "sized-envelope" ? [record.payload] : []));
}

function decodeAll(name: string): { texts: string[]; strings: string[][] } {
  const session = new BinarySessionEncoder();
  const texts: string[] = [];
  const strings: string[][] = [];
  for (const payload of payloads(name)) {
    const reader = newReader();
    session.startReading(reader, payload, CT);
    texts.push(readerText(reader));
    strings.push([...session.receivedStrings]);
    xml.WsFreeReader(reader);
  }
  return { texts, strings };
}

const HEADER_REQUEST = (action: string, id: string) =>
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header>' +
  `<a:Action s:mustUnderstand="1">http://tempuri.org/ICalculator/${action}</a:Action><a:MessageID>urn:uuid:${id}</a:MessageID>` +
  "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>" +
  '<a:To s:mustUnderstand="1">net.tcp://127.0.0.1:18083/calc/tcp</a:To></s:Header><s:Body>';
const HEADER_REPLY = (action: string, id: string) =>
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header>' +
  `<a:Action s:mustUnderstand="1">http://tempuri.org/ICalculator/${action}</a:Action><a:RelatesTo>urn:uuid:${id}</a:RelatesTo>` +
  "</s:Header><s:Body>";
const END = "</s:Body></s:Envelope>";
const ECHO = "hello é世 &lt;&amp;&gt;";

describe("golden Mono net.tcp captures, decoded with the session encoder", () => {
  it("nettcp-add: Add(2,3) with the StringTable [a, b], AddResponse with [AddResult]", () => {
    const id = "c6c2b3c4-82ba-4f38-a7a0-4a38a4c460cc";
    expect(decodeAll("nettcp-add-1.c2s.bin")).toEqual({
      texts: [`${HEADER_REQUEST("Add", id)}<Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add>${END}`],
      strings: [["a", "b"]],
    });
    expect(decodeAll("nettcp-add-1.s2c.bin")).toEqual({
      texts: [`${HEADER_REPLY("AddResponse", id)}<AddResponse xmlns="http://tempuri.org/"><AddResult>5</AddResult></AddResponse>${END}`],
      strings: [["AddResult"]],
    });
    // The first message starts with its StringTable: size 4, then "a" and "b" (ids 1 and 3).
    expect(hex(payloads("nettcp-add-1.c2s.bin")[0]!.subarray(0, 5))).toBe("0401610162");
  });

  it("nettcp-echo: Echo of a string with non-ASCII and markup characters", () => {
    const id = "9698a4f7-5e91-4279-ba8d-d3d5ac757d1c";
    expect(decodeAll("nettcp-echo-1.c2s.bin")).toEqual({
      texts: [`${HEADER_REQUEST("Echo", id)}<Echo xmlns="http://tempuri.org/"><text>${ECHO}</text></Echo>${END}`],
      strings: [["text"]],
    });
    expect(decodeAll("nettcp-echo-1.s2c.bin")).toEqual({
      texts: [
        `${HEADER_REPLY("EchoResponse", id)}<EchoResponse xmlns="http://tempuri.org/"><EchoResult>${ECHO}</EchoResult></EchoResponse>${END}`,
      ],
      strings: [["EchoResult"]],
    });
  });

  it("nettcp-bytes: 2048 bytes i % 251 as base64 both ways", () => {
    const data = Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 251)).toString("base64");
    const id = "eade04a4-1ed5-4166-adb1-a4a0b0316b11";
    expect(decodeAll("nettcp-bytes-1.c2s.bin")).toEqual({
      texts: [`${HEADER_REQUEST("EchoBytes", id)}<EchoBytes xmlns="http://tempuri.org/"><data>${data}</data></EchoBytes>${END}`],
      strings: [["data"]],
    });
    expect(decodeAll("nettcp-bytes-1.s2c.bin")).toEqual({
      texts: [
        `${HEADER_REPLY("EchoBytesResponse", id)}<EchoBytesResponse xmlns="http://tempuri.org/"><EchoBytesResult>${data}</EchoBytesResult></EchoBytesResponse>${END}`,
      ],
      strings: [["EchoBytesResult"]],
    });
  });

  it("nettcp-addecho: the dictionary lasts across the two calls of one session", () => {
    const add = "e058264c-4091-40a7-9f5e-c7611e988167";
    const echo = "7c936202-f2e4-456a-aad7-a169aede0396";
    expect(decodeAll("nettcp-addecho-1.c2s.bin")).toEqual({
      texts: [
        `${HEADER_REQUEST("Add", add)}<Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add>${END}`,
        `${HEADER_REQUEST("Echo", echo)}<Echo xmlns="http://tempuri.org/"><text>${ECHO}</text></Echo>${END}`,
      ],
      // "text" is the third string of the session: id 5.
      strings: [
        ["a", "b"],
        ["a", "b", "text"],
      ],
    });
    expect(decodeAll("nettcp-addecho-1.s2c.bin")).toEqual({
      texts: [
        `${HEADER_REPLY("AddResponse", add)}<AddResponse xmlns="http://tempuri.org/"><AddResult>5</AddResult></AddResponse>${END}`,
        `${HEADER_REPLY("EchoResponse", echo)}<EchoResponse xmlns="http://tempuri.org/"><EchoResult>${ECHO}</EchoResult></EchoResponse>${END}`,
      ],
      strings: [["AddResult"], ["AddResult", "EchoResult"]],
    });
    // The second request's table holds only the new string: size 5, "text".
    expect(hex(payloads("nettcp-addecho-1.c2s.bin")[1]!.subarray(0, 6))).toBe("050474657874");
  });

  it("a second message that uses an id of the first without its table fails alone: a fresh session has no id 5", () => {
    const second = payloads("nettcp-addecho-1.c2s.bin")[1]!;
    // Re-table the second message as if it were the first: ids 1 and 3 are not defined then.
    const fresh = new BinarySessionEncoder();
    const reader = newReader();
    fresh.startReading(reader, second, CT);
    expect(() => readerText(reader)).toThrow(expect.objectContaining({ hr: WS_E_INVALID_FORMAT }));
  });
});

/** <Add xmlns="http://tempuri.org/"><a>2</a><Envelope/></Add> through the session writer. */
function writeAdd(session: BinarySessionEncoder, writer: WS_XML_WRITER, extra: string[] = []): Uint8Array {
  session.startWriting(writer);
  xml.WsWriteStartElement(writer, null, str("Add"), str("http://tempuri.org/"), null);
  xml.WsWriteStartElement(writer, null, str("a"), str("http://tempuri.org/"), null);
  xml.WsWriteChars(writer, "2", null);
  xml.WsWriteEndElement(writer, null);
  for (const name of extra) {
    xml.WsWriteStartElement(writer, null, str(name), str("http://tempuri.org/"), null);
    xml.WsWriteEndElement(writer, null);
  }
  xml.WsWriteEndElement(writer, null);
  return session.finishWriting(writer);
}

describe("writing", () => {
  it("the first message carries the strings it adds; the next one uses their ids with an empty table", () => {
    const session = createBinarySessionEncoder();
    const writer = newWriter();
    expect(session.contentTypeFor(null)).toBe(CT);
    const first = writeAdd(session, writer, ["Envelope"]);
    // StringTable: size 0x18, "Add" (id 1), "http://tempuri.org/" (id 3). Then ShortDictionaryElement 1,
    // ShortDictionaryXmlnsAttribute 3, <a> written out (one letter), "Envelope" written out: it is a
    // text of the static dictionary given without a reference to it, so the callback leaves it.
    expect(hex(first)).toBe(
      `1803${hex(bytes("Add"))}13${hex(bytes("http://tempuri.org/"))}42010a03400161990132` + `4008${hex(bytes("Envelope"))}0101`,
    );
    const second = writeAdd(session, writer, ["Envelope"]);
    expect(hex(second)).toBe(`0042010a034001619901324008${hex(bytes("Envelope"))}0101`);
    expect(session.sentStrings).toEqual(["Add", "http://tempuri.org/"]);

    const peer = new BinarySessionEncoder();
    for (const message of [first, second]) {
      const reader = newReader();
      peer.startReading(reader, message, CT);
      expect(readerText(reader)).toBe('<Add xmlns="http://tempuri.org/"><a>2</a><Envelope/></Add>');
    }
    expect(peer.receivedStrings).toEqual(["Add", "http://tempuri.org/"]);
  });

  it("a message abandoned before finishWriting adds nothing", () => {
    const session = new BinarySessionEncoder();
    const writer = newWriter();
    session.startWriting(writer);
    xml.WsWriteStartElement(writer, null, str("Lost"), str("urn:lost"), null);
    const next = writeAdd(session, writer);
    expect(session.sentStrings).toEqual(["Add", "http://tempuri.org/"]);
    expect(next[0]).toBe(0x18);
  });

  it("strings that would take the session over the quota are written out instead", () => {
    const session = new BinarySessionEncoder({ maxSessionDictionarySize: 22 });
    const writer = newWriter();
    // "Add" (3) + "http://tempuri.org/" (19) = 22 fit exactly; "More" does not.
    const message = writeAdd(session, writer, ["More"]);
    expect(session.sentStrings).toEqual(["Add", "http://tempuri.org/"]);
    expect(hex(message)).toContain(`4004${hex(bytes("More"))}`);
  });
});

describe("reading", () => {
  const reader = () => newReader();

  it("refuses another content type with WS_E_INVALID_FORMAT, and stays usable", () => {
    const session = new BinarySessionEncoder();
    expect(() => session.startReading(reader(), bytes(0x00, 0x40, 0x01, "x", 0x01), "application/soap+msbin1")).toThrow(
      expect.objectContaining({ hr: WS_E_INVALID_FORMAT }),
    );
    const r = reader();
    session.startReading(r, bytes(0x00, 0x40, 0x01, "x", 0x01), `${CT}; charset=x`);
    expect(readerText(r)).toBe("<x/>");
  });

  it("an id no StringTable defined is WS_E_INVALID_FORMAT when the reader meets it", () => {
    const session = new BinarySessionEncoder();
    const r = reader();
    // Table ["x"] (id 1); the element uses id 3.
    session.startReading(r, bytes(0x02, 0x01, "x", 0x42, 0x03, 0x01), CT);
    let error: unknown;
    try {
      readerText(r);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WsError);
    expect((error as WsError).hr).toBe(WS_E_INVALID_FORMAT);
    expect((error as WsError).message).toContain("dictionary string id 3");
  });

  it("a string already in a prior StringTable is WS_E_INVALID_FORMAT, and the session has failed", () => {
    const session = new BinarySessionEncoder();
    session.startReading(reader(), bytes(0x02, 0x01, "x", 0x42, 0x01, 0x01), CT);
    const again = () => session.startReading(reader(), bytes(0x02, 0x01, "x", 0x42, 0x01, 0x01), CT);
    expect(again).toThrow(expect.objectContaining({ hr: WS_E_INVALID_FORMAT }));
    expect(again).toThrow(/prior StringTable/);
    // Final: even a valid message is refused with the same error.
    expect(() => session.startReading(reader(), bytes(0x00, 0x40, 0x01, "y", 0x01), CT)).toThrow(/prior StringTable/);
    expect(() => session.startWriting(newWriter())).toThrow(/prior StringTable/);
  });

  it("a StringTable whose size runs past the message is WS_E_INVALID_FORMAT", () => {
    const session = new BinarySessionEncoder();
    expect(() => session.startReading(reader(), bytes(0x09, 0x01, "x"), CT)).toThrow(expect.objectContaining({ hr: WS_E_INVALID_FORMAT }));
  });

  it("the received strings may total 2048 bytes by default; one byte more is WS_E_QUOTA_EXCEEDED and the session fails", () => {
    const session = new BinarySessionEncoder();
    // Sixteen strings of 127 bytes (2032) plus one of 16: 2048 exactly, over two messages.
    const table = (strings: string[]) => {
      const body = strings.flatMap((s) => [s.length, ...encoder.encode(s)]);
      const size = body.length < 0x80 ? [body.length] : [(body.length & 0x7f) | 0x80, body.length >> 7];
      return Uint8Array.from([...size, ...body, 0x40, 0x01, 0x7a, 0x01]);
    };
    const big = Array.from({ length: 16 }, (_, i) => String.fromCharCode(0x61 + i).repeat(127));
    session.startReading(reader(), table(big), CT);
    session.startReading(reader(), table(["0123456789abcdef"]), CT);
    expect(session.receivedStrings).toHaveLength(17);
    const over = () => session.startReading(reader(), table(["!"]), CT);
    expect(over).toThrow(expect.objectContaining({ hr: WS_E_QUOTA_EXCEEDED }));
    expect(over).toThrow(/maximum session dictionary size \(2048\)/);
    expect(() => session.startReading(reader(), table([]), CT)).toThrow(/maximum session dictionary size/);
  });

  it("counts UTF-8 bytes: a quota of 4 holds one string of two 2-byte characters", () => {
    const session = new BinarySessionEncoder({ maxSessionDictionarySize: 4 });
    session.startReading(reader(), Uint8Array.from([0x05, 0x04, ...encoder.encode("éé"), 0x42, 0x01, 0x01]), CT);
    expect(session.receivedStrings).toEqual(["éé"]);
    expect(() => session.startReading(reader(), bytes(0x02, 0x01, "x", 0x01), CT)).toThrow(
      expect.objectContaining({ hr: WS_E_QUOTA_EXCEEDED }),
    );
  });

  it("refuses an invalid quota", () => {
    expect(() => new BinarySessionEncoder({ maxSessionDictionarySize: -1 })).toThrow(/maxSessionDictionarySize/);
  });
});
