import {
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_BLANK_MESSAGE,
  WS_E_INVALID_FORMAT,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_MESSAGE_ID_HEADER,
  WS_MESSAGE_PROPERTY_IS_FAULT,
  WS_MESSAGE_STATE_DONE,
  WS_MESSAGE_STATE_READING,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_REPLY_MESSAGE,
  WS_STRING_TYPE,
  WS_TO_HEADER,
  WS_UNIQUE_ID_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsAddressMessage,
  WsCheckMustUnderstandHeaders,
  WsGetHeader,
  WsGetMessageProperty,
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
  ADD_RESPONSE_ELEMENT,
  firstString,
  golden,
  headerBufferText,
  httpBody,
  NS,
  newError,
  newHeap,
  newMessage,
  newReader,
  newWriter,
  stateOf,
  text,
  written,
  x,
} from "./message.test-support.js";

/**
 * The Calculator's Add(2, 3) as a Mono WCF client sent it (/work/shared/golden/mono-wcf/):
 * basicHttpBinding (SOAP 1.1, no WS-Addressing), a custom SOAP 1.2 binding and wsHttpBinding (SOAP
 * 1.2 + WS-Addressing 1.0), read with WsReadEnvelopeStart / WsGetHeader / WsReadBody; and our own
 * Add request written and compared with WCF's bytes where WCF's choices are deterministic.
 */

const ADD = "http://tempuri.org/ICalculator/Add";

interface Capture {
  readonly file: string;
  readonly envelope: number;
  readonly addressing: number;
  readonly to: string | null;
  readonly messageId: string | null;
}

const CAPTURES: readonly Capture[] = [
  {
    file: "basic-add-1.c2s.bin",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_1,
    addressing: WS_ADDRESSING_VERSION_TRANSPORT,
    to: null,
    messageId: null,
  },
  {
    file: "soap12-add-1.c2s.bin",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_2,
    addressing: WS_ADDRESSING_VERSION_1_0,
    to: "http://127.0.0.1:28080/calc/soap12",
    messageId: "urn:uuid:4dca34f7-89a9-4bd3-9d53-cd5e6850dc49",
  },
  {
    file: "wshttp-add-1.c2s.bin",
    envelope: WS_ENVELOPE_VERSION_SOAP_1_2,
    addressing: WS_ADDRESSING_VERSION_1_0,
    to: "http://127.0.0.1:28080/calc/ws",
    messageId: "urn:uuid:e56419af-1b86-49ef-aa24-c9b279e3eaae",
  },
];

describe("reading WCF's Add requests", () => {
  for (const c of CAPTURES) {
    it(c.file, () => {
      const message = newMessage(c.envelope, c.addressing);
      const reader = newReader(httpBody(golden(c.file)));
      expect(WsReadEnvelopeStart(message, reader, null, null)).toBe(S_OK);
      expect(stateOf(message)).toBe(WS_MESSAGE_STATE_READING);
      const value = ref<unknown>(null);
      if (c.messageId === null) {
        // basicHttpBinding sends no headers: the Action travelled in SOAPAction.
        expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_OPTIONAL_POINTER, null, value)).toBe(S_OK);
        expect(value.value).toBe(null);
      } else {
        expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value)).toBe(S_OK);
        expect(value.value).toBe(ADD);
        expect(WsGetHeader(message, WS_TO_HEADER, WS_STRING_TYPE, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
        expect(value.value).toBe(c.to);
        expect(WsGetHeader(message, WS_MESSAGE_ID_HEADER, WS_XML_STRING_TYPE, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
        expect(text((value.value as { bytes: Uint8Array }).bytes)).toBe(c.messageId);
        // Action and To carry mustUnderstand="1"; addressing headers count as understood.
        expect(WsCheckMustUnderstandHeaders(message)).toBe(S_OK);
      }
      expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_IS_FAULT, value)).toBe(S_OK);
      expect(value.value).toBe(false);
      expect(WsReadBody(message, ADD_ELEMENT, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(S_OK);
      expect({ ...(value.value as object) }).toEqual({ a: 2, b: 3 });
      expect(WsReadEnvelopeEnd(message)).toBe(S_OK);
      expect(stateOf(message)).toBe(WS_MESSAGE_STATE_DONE);
    });
  }

  it("the MessageID as a WS_UNIQUE_ID: a urn:uuid: becomes its GUID, in Windows memory order", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsReadEnvelopeStart(message, newReader(httpBody(golden("wshttp-add-1.c2s.bin"))), null, null);
    const value = ref<unknown>(null);
    expect(WsGetHeader(message, WS_MESSAGE_ID_HEADER, WS_UNIQUE_ID_TYPE, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    const id = value.value as { uri: string | null; guid: Uint8Array };
    expect(Buffer.from(id.guid).toString("hex")).toBe("af1964e5861bef49aa24c9b279e3eaae");
  });

  it("a SOAP 1.2 request read by a SOAP 1.1 message: WS_E_INVALID_FORMAT naming both envelopes", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_1_0);
    const error = newError();
    expect(WsReadEnvelopeStart(message, newReader(httpBody(golden("wshttp-add-1.c2s.bin"))), null, null, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      `WsReadEnvelopeStart: expected the element {${NS.soap11}}Envelope (SOAP 1.1), found {${NS.soap12}}Envelope.`,
    );
  });

  it("replying to WCF's wsHttp request: RelatesTo is its MessageID, and no To for the anonymous ReplyTo", () => {
    const request = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsReadEnvelopeStart(request, newReader(httpBody(golden("wshttp-add-1.c2s.bin"))), null, null);
    const reply = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsInitializeMessage(reply, WS_REPLY_MESSAGE, request)).toBe(S_OK);
    expect(WsSetHeader(reply, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, `${ADD}Response`)).toBe(S_OK);
    const writer = newWriter();
    WsWriteEnvelopeStart(reply, writer, null, null);
    expect(WsWriteBody(reply, ADD_RESPONSE_ELEMENT, WS_WRITE_REQUIRED_POINTER, { AddResult: 5 })).toBe(S_OK);
    WsWriteEnvelopeEnd(reply);
    // WCF's reply (wshttp-add-1.s2c.bin) has the Action first; ours follows the order the headers were set in.
    const wcf = text(httpBody(golden("wshttp-add-1.s2c.bin"))).replace('<?xml version="1.0" encoding="utf-8"?>', "");
    const relatesTo = "<a:RelatesTo>urn:uuid:e56419af-1b86-49ef-aa24-c9b279e3eaae</a:RelatesTo>";
    const action = `<a:Action s:mustUnderstand="1">${ADD}Response</a:Action>`;
    expect(wcf).toContain(`${action}${relatesTo}`);
    expect(written(writer)).toBe(wcf.replace(`${action}${relatesTo}`, `${relatesTo}${action}`));
  });
});

describe("writing our own Add request and comparing with WCF's bytes", () => {
  it("basicHttpBinding (SOAP 1.1, transport addressing): the same Body; WWSAPI writes an empty <s:Header/>", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_TRANSPORT);
    WsInitializeMessage(message, WS_BLANK_MESSAGE, null);
    WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, ADD);
    const writer = newWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    WsWriteBody(message, ADD_ELEMENT, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 3 });
    WsWriteEnvelopeEnd(message);
    const wcf = text(httpBody(golden("basic-add-1.c2s.bin"))).replace('<?xml version="1.0" encoding="utf-8"?>', "");
    expect(written(writer)).toBe(wcf.replace("<s:Body>", "<s:Header/><s:Body>"));
  });

  it("wsHttpBinding (SOAP 1.2 + WS-Addressing 1.0) without ReplyTo: WCF's bytes but its anonymous ReplyTo", () => {
    // Headers in WCF's order, WCF's MessageID; the ReplyTo (a WS_ENDPOINT_ADDRESS) is in the endpoint-address tests.
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(message, WS_BLANK_MESSAGE, null);
    WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x(ADD));
    WsSetHeader(message, WS_MESSAGE_ID_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:uuid:e56419af-1b86-49ef-aa24-c9b279e3eaae");
    expect(WsAddressMessage(message, { url: "http://127.0.0.1:28080/calc/ws", headers: null, extensions: null, identity: null })).toBe(
      S_OK,
    );
    const writer = newWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    WsWriteBody(message, ADD_ELEMENT, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 3 });
    WsWriteEnvelopeEnd(message);
    const wcf = text(httpBody(golden("wshttp-add-1.c2s.bin"))).replace('<?xml version="1.0" encoding="utf-8"?>', "");
    const replyTo = `<a:ReplyTo><a:Address>${NS.wsa10}/anonymous</a:Address></a:ReplyTo>`;
    expect(wcf).toContain(replyTo);
    expect(written(writer)).toBe(wcf.replace(replyTo, ""));
    expect(headerBufferText(message)).toContain(`<a:To s:mustUnderstand="1">http://127.0.0.1:28080/calc/ws</a:To>`);
  });
});
