import {
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_1_0,
  WS_BLANK_MESSAGE,
  WS_ENCODING_XML_BINARY_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_MESSAGE_ID_HEADER,
  WS_UNIQUE_ID_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_DICTIONARY,
  WS_XML_STRING_TYPE,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { WsCreateWriter, WsGetDictionary, WsGetWriterProperty, WsSetOutput } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import { WsAddressMessage, WsInitializeMessage, WsSetHeader, WsWriteBody, WsWriteEnvelopeEnd, WsWriteEnvelopeStart } from "../index.js";
import { ADD_ELEMENT, golden, httpBody, newMessage, newRequest, x } from "./message.test-support.js";

/**
 * The envelope through a binary writer whose staticDictionary is [MC-NBFS]'s (as the channel's
 * binary encoders set it): the envelope's names are dictionary strings, the MessageID a UniqueIdText
 * record, mustUnderstand the One record — record for record what WCF sent in the httpbinary capture
 * (/work/shared/golden/mono-wcf/httpbinary-add-1.c2s.bin, SOAP 1.2 + WS-Addressing 1.0).
 */

function binaryWriter(): WS_XML_WRITER {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  expect(WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary)).toBe(S_OK);
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const encoding = {
    encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
    staticDictionary: dictionary.value,
    dynamicStringCallback: null,
    dynamicStringCallbackState: null,
  };
  expect(WsSetOutput(writer.value!, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
  return writer.value!;
}

const hex = (writer: WS_XML_WRITER): string => {
  const bytes = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes)).toBe(S_OK);
  return Buffer.from(bytes.value as Uint8Array).toString("hex");
};
const ascii = (text: string) => Buffer.from(text).toString("hex");

describe("a binary envelope", () => {
  it("WCF's Add request over httpbinary, record for record, but the xmlns order and WCF's ReplyTo", () => {
    const wcf = Buffer.from(httpBody(golden("httpbinary-add-1.c2s.bin"))).toString("hex");
    const action = "http://tempuri.org/ICalculator/Add";
    const anonymous = "http://www.w3.org/2005/08/addressing/anonymous";
    const guid = "de0d920935dcc948ad0d0a63b01e2d4f";
    // WCF declares xmlns:s then xmlns:a; WWSAPI a then s (the Wine tests' text envelopes). WCF's
    // ReplyTo is the anonymous address, which WWSAPI does not send.
    const replyTo = `442c5e07${ascii("Address")}992e${ascii(anonymous)}01`;
    expect(wcf).toContain(`56020b0173040b016106`);
    expect(wcf).toContain(replyTo);
    const expected = wcf.replace("56020b0173040b016106", "56020b0161060b017304").replace(replyTo, "");

    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(message, WS_BLANK_MESSAGE, null);
    WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x(action));
    const id = { uri: "", guid: Uint8Array.from(Buffer.from(guid, "hex")) };
    expect(WsSetHeader(message, WS_MESSAGE_ID_HEADER, WS_UNIQUE_ID_TYPE, WS_WRITE_REQUIRED_VALUE, id)).toBe(S_OK);
    id.guid.fill(0); // the header keeps its own copy
    WsAddressMessage(message, { url: "http://127.0.0.1:28080/calc/binary", headers: null, extensions: null, identity: null });
    const writer = binaryWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    WsWriteBody(message, ADD_ELEMENT, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 3 });
    WsWriteEnvelopeEnd(message);
    expect(hex(writer)).toBe(expected);
  });

  it("a request's own MessageID is a UniqueIdText record (0xAD + its 16 bytes)", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const writer = binaryWriter();
    WsWriteEnvelopeStart(message, writer, null, null);
    WsWriteEnvelopeEnd(message);
    expect(hex(writer)).toMatch(/^56020b0161060b0173045608441aad[0-9a-f]{32}01560e0101$/);
  });
});
