import {
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_MESSAGE_STATE_DONE,
  WS_MESSAGE_STATE_WRITING,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsFlushBody, WsSetHeader, WsWriteBody, WsWriteEnvelopeEnd, WsWriteEnvelopeStart } from "../index.js";
import { headerBufferText, NS, newRequest, newWriter, stateOf, U_ELEMENT, written, x, zeroIds } from "./message.test-support.js";

/**
 * The bytes WsWriteEnvelopeStart, WsWriteBody and WsWriteEnvelopeEnd write, and the header buffer
 * (WS_MESSAGE_PROPERTY_HEADER_BUFFER), for each envelope and addressing version. The SOAP 1.1 +
 * WS-Addressing 0.9, SOAP 1.2 + 1.0, transport and WS_ENVELOPE_VERSION_NONE forms are the ones the
 * Wine conformance tests record from Windows; the other pairs follow the same rules. MessageIDs
 * are random: zeroIds checks each is a v4 UUID and puts the nil UUID in its place.
 */

const ID = "urn:uuid:00000000-0000-0000-0000-000000000000";

interface Case {
  readonly name: string;
  readonly envelope: number;
  readonly addressing: number;
  /** The header buffer of a fresh request. */
  readonly request: string;
  /** What WsWriteEnvelopeStart writes for it (the Body's start is still open in the writer). */
  readonly start: string;
}

const CASES: readonly Case[] = [
  {
    name: "SOAP 1.1 + WS-Addressing 0.9 (MessageID and the anonymous ReplyTo)",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_1,
    addressing: WS_ADDRESSING_VERSION_0_9,
    request:
      `<s:Envelope xmlns:a="${NS.wsa09}" xmlns:s="${NS.soap11}"><s:Header><a:MessageID>${ID}</a:MessageID>` +
      `<a:ReplyTo><a:Address>${NS.wsa09}/role/anonymous</a:Address></a:ReplyTo></s:Header><s:Body/></s:Envelope>`,
    start:
      `<s:Envelope xmlns:a="${NS.wsa09}" xmlns:s="${NS.soap11}"><s:Header><a:MessageID>${ID}</a:MessageID>` +
      `<a:ReplyTo><a:Address>${NS.wsa09}/role/anonymous</a:Address></a:ReplyTo></s:Header>`,
  },
  {
    name: "SOAP 1.2 + WS-Addressing 1.0 (MessageID only)",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_2,
    addressing: WS_ADDRESSING_VERSION_1_0,
    request: `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header><a:MessageID>${ID}</a:MessageID></s:Header><s:Body/></s:Envelope>`,
    start: `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header><a:MessageID>${ID}</a:MessageID></s:Header>`,
  },
  {
    name: "SOAP 1.1 + WS-Addressing 1.0",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_1,
    addressing: WS_ADDRESSING_VERSION_1_0,
    request: `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap11}"><s:Header><a:MessageID>${ID}</a:MessageID></s:Header><s:Body/></s:Envelope>`,
    start: `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap11}"><s:Header><a:MessageID>${ID}</a:MessageID></s:Header>`,
  },
  {
    name: "SOAP 1.2 + WS-Addressing 0.9",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_2,
    addressing: WS_ADDRESSING_VERSION_0_9,
    request:
      `<s:Envelope xmlns:a="${NS.wsa09}" xmlns:s="${NS.soap12}"><s:Header><a:MessageID>${ID}</a:MessageID>` +
      `<a:ReplyTo><a:Address>${NS.wsa09}/role/anonymous</a:Address></a:ReplyTo></s:Header><s:Body/></s:Envelope>`,
    start:
      `<s:Envelope xmlns:a="${NS.wsa09}" xmlns:s="${NS.soap12}"><s:Header><a:MessageID>${ID}</a:MessageID>` +
      `<a:ReplyTo><a:Address>${NS.wsa09}/role/anonymous</a:Address></a:ReplyTo></s:Header>`,
  },
  {
    name: "SOAP 1.1 + transport addressing (no headers: an empty Header)",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_1,
    addressing: WS_ADDRESSING_VERSION_TRANSPORT,
    request: `<s:Envelope xmlns:s="${NS.soap11}"><s:Header/><s:Body/></s:Envelope>`,
    start: `<s:Envelope xmlns:s="${NS.soap11}"><s:Header/>`,
  },
  {
    name: "SOAP 1.2 + transport addressing",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_2,
    addressing: WS_ADDRESSING_VERSION_TRANSPORT,
    request: `<s:Envelope xmlns:s="${NS.soap12}"><s:Header/><s:Body/></s:Envelope>`,
    start: `<s:Envelope xmlns:s="${NS.soap12}"><s:Header/>`,
  },
  {
    name: "WS_ENVELOPE_VERSION_NONE + transport addressing (no namespace, no prefix)",
    envelope: WS_ENVELOPE_VERSION_NONE,
    addressing: WS_ADDRESSING_VERSION_TRANSPORT,
    request: "<Envelope><Header/><Body/></Envelope>",
    start: "<Envelope><Header/>",
  },
];

describe("a request's envelope, for each envelope and addressing version", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const message = newRequest(c.envelope, c.addressing);
      expect(zeroIds(headerBufferText(message))).toBe(c.request);
      const writer = newWriter();
      expect(WsWriteEnvelopeStart(message, writer, null, null)).toBe(S_OK);
      expect(stateOf(message)).toBe(WS_MESSAGE_STATE_WRITING);
      expect(zeroIds(written(writer))).toBe(c.start);
      // The header buffer is the same after the envelope was started.
      expect(zeroIds(headerBufferText(message))).toBe(c.request);
      const value = { val: 1 };
      expect(WsWriteBody(message, U_ELEMENT, WS_WRITE_REQUIRED_POINTER, value)).toBe(S_OK);
      expect(WsFlushBody(message, 0, null)).toBe(S_OK);
      expect(WsWriteEnvelopeEnd(message)).toBe(S_OK);
      expect(stateOf(message)).toBe(WS_MESSAGE_STATE_DONE);
      const body = c.envelope === WS_ENVELOPE_VERSION_NONE ? ["<Body>", "</Body></Envelope>"] : ["<s:Body>", "</s:Body></s:Envelope>"];
      expect(zeroIds(written(writer))).toBe(`${c.start}${body[0]}<u xmlns="ns"><val>1</val></u>${body[1]}`);
    });
  }

  it("an empty body: <s:Body/> (the Wine WsWriteEnvelopeEnd test)", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const writer = newWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    expect(WsWriteEnvelopeEnd(message)).toBe(S_OK);
    expect(zeroIds(written(writer))).toBe(
      `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header><a:MessageID>${ID}</a:MessageID></s:Header><s:Body/></s:Envelope>`,
    );
  });
});

describe("the Action header in each addressing version", () => {
  it('WS-Addressing 1.0: <a:Action s:mustUnderstand="1"> after the MessageID; set again, replaced in place', () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "action")).toBe(S_OK);
    const expected = (action: string) =>
      `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header><a:MessageID>${ID}</a:MessageID>` +
      `<a:Action s:mustUnderstand="1">${action}</a:Action></s:Header><s:Body/></s:Envelope>`;
    expect(zeroIds(headerBufferText(message))).toBe(expected("action"));
    const writer = newWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    // Windows takes a new Action after WsWriteEnvelopeStart too: the header buffer changes, the output does not.
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x("action2"))).toBe(S_OK);
    expect(zeroIds(headerBufferText(message))).toBe(expected("action2"));
    expect(zeroIds(written(writer))).toBe(expected("action").replace("<s:Body/></s:Envelope>", ""));
  });

  it('transport addressing: the header buffer holds <Action … xmlns="…/addressing/none">, the wire envelope does not', () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_TRANSPORT);
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "action")).toBe(S_OK);
    expect(headerBufferText(message)).toBe(
      `<s:Envelope xmlns:s="${NS.soap12}"><s:Header><Action s:mustUnderstand="1" xmlns="${NS.none}">action</Action></s:Header><s:Body/></s:Envelope>`,
    );
    const writer = newWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    WsWriteEnvelopeEnd(message);
    expect(written(writer)).toBe(`<s:Envelope xmlns:s="${NS.soap12}"><s:Header/><s:Body/></s:Envelope>`);
  });

  it("WS_ENVELOPE_VERSION_NONE: mustUnderstand in no namespace", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_NONE, WS_ADDRESSING_VERSION_TRANSPORT);
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "action")).toBe(S_OK);
    expect(headerBufferText(message)).toBe(
      `<Envelope><Header><Action mustUnderstand="1" xmlns="${NS.none}">action</Action></Header><Body/></Envelope>`,
    );
  });
});

describe("the doneCallback", () => {
  it("runs once, when the message is reset or freed, with its state", async () => {
    const { WsResetMessage, WsFreeMessage } = await import("../index.js");
    const calls: unknown[] = [];
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsWriteEnvelopeStart(message, newWriter(), (state) => calls.push(state), "first");
    WsWriteEnvelopeEnd(message);
    expect(calls).toEqual([]);
    expect(WsResetMessage(message)).toBe(S_OK);
    expect(calls).toEqual(["first"]);
    WsFreeMessage(message);
    expect(calls).toEqual(["first"]);
    const ok = ref(0);
    expect(ok.value).toBe(0);
  });
});
