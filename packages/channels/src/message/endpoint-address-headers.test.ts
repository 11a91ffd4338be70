import {
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_BLANK_MESSAGE,
  type WS_ELEMENT_DESCRIPTION,
  type WS_ENDPOINT_ADDRESS,
  WS_ENDPOINT_ADDRESS_TYPE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_FAULT_MESSAGE,
  WS_FAULT_TO_HEADER,
  WS_FAULT_TYPE,
  WS_FROM_HEADER,
  WS_MESSAGE_ID_HEADER,
  WS_READ_REQUIRED_VALUE,
  WS_REPLY_TO_HEADER,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsAddressMessage,
  WsGetHeader,
  WsInitializeMessage,
  WsReadBody,
  WsReadEnvelopeEnd,
  WsReadEnvelopeStart,
  WsSetHeader,
  WsWriteBody,
  WsWriteEnvelopeEnd,
  WsWriteEnvelopeStart,
} from "../index.js";
import {
  ADD_ELEMENT,
  golden,
  headerBufferText,
  httpBody,
  NS,
  newMessage,
  newReader,
  newWriter,
  text,
  written,
  x,
} from "./message.test-support.js";

/**
 * ReplyTo, FaultTo and From: WS_ENDPOINT_ADDRESS values ("This header is used with
 * WS_ENDPOINT_ADDRESS_TYPE"), serialized by the XML layer's WS_ENDPOINT_ADDRESS_TYPE with the
 * message's addressing version.
 */

const address = (url: string): WS_ENDPOINT_ADDRESS => ({ url, headers: null, extensions: null, identity: null });
const ADD = "http://tempuri.org/ICalculator/Add";

describe("endpoint-address headers", () => {
  it("ReplyTo, FaultTo and From, written and read back (WS-Addressing 1.0)", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(message, WS_BLANK_MESSAGE, null);
    expect(
      WsSetHeader(message, WS_REPLY_TO_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_WRITE_REQUIRED_VALUE, address("http://client/reply")),
    ).toBe(S_OK);
    expect(
      WsSetHeader(message, WS_FAULT_TO_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_WRITE_REQUIRED_VALUE, address("http://client/fault")),
    ).toBe(S_OK);
    expect(WsSetHeader(message, WS_FROM_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_WRITE_REQUIRED_VALUE, address("http://client/"))).toBe(S_OK);
    expect(headerBufferText(message)).toBe(
      `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header>` +
        "<a:ReplyTo><a:Address>http://client/reply</a:Address></a:ReplyTo>" +
        "<a:FaultTo><a:Address>http://client/fault</a:Address></a:FaultTo>" +
        "<a:From><a:Address>http://client/</a:Address></a:From></s:Header><s:Body/></s:Envelope>",
    );
    const value = ref<unknown>(null);
    expect(WsGetHeader(message, WS_FAULT_TO_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    expect((value.value as WS_ENDPOINT_ADDRESS).url).toBe("http://client/fault");
  });

  it("WCF's ReplyTo read as a WS_ENDPOINT_ADDRESS: the anonymous address, which the XML layer gives as an empty URL", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsReadEnvelopeStart(message, newReader(httpBody(golden("wshttp-add-1.c2s.bin"))), null, null);
    const value = ref<unknown>(null);
    expect(WsGetHeader(message, WS_REPLY_TO_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    expect((value.value as WS_ENDPOINT_ADDRESS).url).toBe("");
  });

  it("our wsHttp Add request, byte for byte WCF's (its MessageID copied)", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(message, WS_BLANK_MESSAGE, null);
    WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x(ADD));
    WsSetHeader(message, WS_MESSAGE_ID_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:uuid:e56419af-1b86-49ef-aa24-c9b279e3eaae");
    expect(
      WsSetHeader(message, WS_REPLY_TO_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_WRITE_REQUIRED_VALUE, address(`${NS.wsa10}/anonymous`)),
    ).toBe(S_OK);
    WsAddressMessage(message, address("http://127.0.0.1:28080/calc/ws"));
    const writer = newWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    WsWriteBody(message, ADD_ELEMENT, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 3 });
    WsWriteEnvelopeEnd(message);
    expect(written(writer)).toBe(text(httpBody(golden("wshttp-add-1.c2s.bin"))).replace('<?xml version="1.0" encoding="utf-8"?>', ""));
  });

  it("WS-Addressing 0.9 (SOAP 1.1): the 2004/08 namespace", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    WsInitializeMessage(message, WS_BLANK_MESSAGE, null);
    expect(WsSetHeader(message, WS_FROM_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_WRITE_REQUIRED_VALUE, address("http://me/"))).toBe(S_OK);
    expect(headerBufferText(message)).toBe(
      `<s:Envelope xmlns:a="${NS.wsa09}" xmlns:s="${NS.soap11}"><s:Header><a:From><a:Address>http://me/</a:Address></a:From></s:Header><s:Body/></s:Envelope>`,
    );
  });

  it("WS_FAULT_MESSAGE falls back on the ReplyTo when there is no FaultTo", () => {
    const source = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(source, WS_BLANK_MESSAGE, null);
    WsSetHeader(source, WS_REPLY_TO_HEADER, WS_ENDPOINT_ADDRESS_TYPE, WS_WRITE_REQUIRED_VALUE, address("http://client/reply"));
    const fault = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsInitializeMessage(fault, WS_FAULT_MESSAGE, source)).toBe(S_OK);
    expect(headerBufferText(fault)).toContain('<a:To s:mustUnderstand="1">http://client/reply</a:To>');
  });
});

describe("a fault body (WS_FAULT_TYPE, also the XML layer's)", () => {
  it("reads with a description without a name, as the Wine WsReadBody test does", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      "<s:Fault><faultcode>s:Client</faultcode><faultstring>OLS Exception</faultstring></s:Fault></s:Body></s:Envelope>";
    expect(WsReadEnvelopeStart(message, newReader(new TextEncoder().encode(xml)), null, null)).toBe(S_OK);
    const value = ref<unknown>(null);
    const description: WS_ELEMENT_DESCRIPTION = { elementLocalName: null, elementNs: null, type: WS_FAULT_TYPE, typeDescription: null };
    expect(WsReadBody(message, description, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    const fault = value.value as { code: { value: { localName: { bytes: Uint8Array } }; subCode: unknown }; reasons: { text: string }[] };
    expect(text(fault.code.value.localName.bytes)).toBe("Client");
    expect(fault.code.subCode).toBe(null);
    expect(fault.reasons.map((reason) => reason.text)).toEqual(["OLS Exception"]);
    expect(WsReadEnvelopeEnd(message)).toBe(S_OK);
  });
});
