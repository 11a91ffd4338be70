import {
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_1_0,
  WS_BLANK_MESSAGE,
  WS_E_INVALID_FORMAT,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_STRING_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WsInitializeMessage, WsReadEnvelopeStart, WsRemoveHeader, WsResetMessage, WsSetHeader } from "../index.js";
import { messageOf } from "./index.js";
import { NS, newMessage, newReader, x } from "./message.test-support.js";
import { xmlCall } from "./xml-plumbing.js";

/**
 * `message.action`, which the channel reads for SOAPAction or the content type of every message:
 * known from WsSetHeader without reading the header back, read once from a received envelope, and
 * never stale after the header is replaced, removed or the message reset.
 */

const reads = vi.spyOn(xmlCall, "readType");
afterEach(() => reads.mockClear());

function blank() {
  const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
  expect(WsInitializeMessage(message, WS_BLANK_MESSAGE, null, null)).toBe(S_OK);
  return message;
}

function received(headers: string) {
  const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
  const xml = `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header>${headers}</s:Header><s:Body/></s:Envelope>`;
  expect(WsReadEnvelopeStart(message, newReader(new TextEncoder().encode(xml)), null, null)).toBe(S_OK);
  return message;
}

describe("message.action", () => {
  it.each([
    ["WS_WSZ_TYPE", WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, (s: string) => s],
    ["WS_STRING_TYPE", WS_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, (s: string) => s],
    ["WS_XML_STRING_TYPE", WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x],
  ] as const)("is the text WsSetHeader was given as %s, without reading the header back", (_name, type, option, value) => {
    const message = blank();
    const action = "http://tempuri.org/I/Op a&<b>\r\n\u00e9";
    expect(WsSetHeader(message, WS_ACTION_HEADER, type, option, value(action), null)).toBe(S_OK);
    expect(messageOf(message).action).toBe(action);
    expect(messageOf(message).action).toBe(action);
    expect(reads).not.toHaveBeenCalled();
  });

  it("follows WsSetHeader's replacement, WsRemoveHeader, WsResetMessage and a new WsInitializeMessage", () => {
    const message = blank();
    WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:first", null);
    expect(messageOf(message).action).toBe("urn:first");
    WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:second", null);
    expect(messageOf(message).action).toBe("urn:second");
    expect(WsRemoveHeader(message, WS_ACTION_HEADER, null)).toBe(S_OK);
    expect(messageOf(message).action).toBe(null);
    WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:third", null);
    expect(WsResetMessage(message, null)).toBe(S_OK);
    expect(WsInitializeMessage(message, WS_BLANK_MESSAGE, null, null)).toBe(S_OK);
    expect(messageOf(message).action).toBe(null);
  });

  it("is read from a received envelope once", () => {
    const message = received(`<a:Action s:mustUnderstand="1">urn:received &amp; read</a:Action>`);
    expect(messageOf(message).action).toBe("urn:received & read");
    expect(messageOf(message).action).toBe("urn:received & read");
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("is not taken from a value WsSetHeader refuses: WS_XML_STRING bytes that are not UTF-8", () => {
    const message = blank();
    const bytes = new Uint8Array([0x75, 0x72, 0x6e, 0x3a, 0xff]);
    expect(
      WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, { bytes, dictionary: null, id: 0 }, null),
    ).toBe(WS_E_INVALID_FORMAT);
    expect(messageOf(message).action).toBe(null);
  });

  it("still refuses two Action headers", () => {
    const message = received(`<a:Action>urn:one</a:Action><a:Action>urn:two</a:Action>`);
    expect(() => messageOf(message).action).toThrow(expect.objectContaining({ hr: WS_E_INVALID_FORMAT }));
  });
});
