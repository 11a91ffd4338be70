import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_E_INVALID_FORMAT,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  type WS_MESSAGE,
  WS_MESSAGE_PROPERTY_ADDRESSING_VERSION,
  WS_MESSAGE_PROPERTY_BODY_READER,
  WS_MESSAGE_PROPERTY_BODY_WRITER,
  WS_MESSAGE_PROPERTY_ENVELOPE_VERSION,
  WS_MESSAGE_PROPERTY_HEADER_BUFFER,
  WS_MESSAGE_PROPERTY_HEADER_POSITION,
  WS_MESSAGE_PROPERTY_HEAP,
  WS_MESSAGE_PROPERTY_IS_FAULT,
  WS_MESSAGE_PROPERTY_USERNAME,
  WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES,
  WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES,
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_READ_REQUIRED_POINTER,
  WS_REQUEST_MESSAGE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { WsCreateReader, WsGetReaderNode, WsSetInputToBuffer, WsSetReaderPosition } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import {
  WsCreateMessage,
  WsCreateMessageForChannel,
  WsFreeMessage,
  WsGetMessageProperty,
  WsInitializeMessage,
  WsReadBody,
  WsReadEnvelopeEnd,
  WsReadEnvelopeStart,
  WsResetMessage,
  WsWriteEnvelopeStart,
} from "../index.js";
import {
  firstString,
  headerBufferText,
  newError,
  newMessage,
  newReader,
  newWriter,
  stateOf,
  text,
  U_ELEMENT,
} from "./message.test-support.js";

const property = (message: WS_MESSAGE, id: number): unknown => {
  const value = ref<unknown>(null);
  expect(WsGetMessageProperty(message, id as never, value)).toBe(S_OK);
  return value.value;
};

describe("WsCreateMessage", () => {
  it("makes an empty message with the versions asked for (the Wine WsCreateMessage test)", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    expect(stateOf(message)).toBe(WS_MESSAGE_STATE_EMPTY);
    expect(property(message, WS_MESSAGE_PROPERTY_ENVELOPE_VERSION)).toBe(WS_ENVELOPE_VERSION_SOAP_1_1);
    expect(property(message, WS_MESSAGE_PROPERTY_ADDRESSING_VERSION)).toBe(WS_ADDRESSING_VERSION_0_9);
  });

  it("refuses the versions as properties (E_INVALIDARG, as Windows does) and unknown ones", () => {
    const created = ref<WS_MESSAGE | null>(null);
    const error = newError();
    expect(
      WsCreateMessage(
        WS_ENVELOPE_VERSION_SOAP_1_1,
        WS_ADDRESSING_VERSION_0_9,
        [{ id: WS_MESSAGE_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 }],
        created,
        error,
      ),
    ).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsCreateMessage: properties[0]: message property 2 cannot be given when the message is created.");
    expect(WsCreateMessage(0 as never, WS_ADDRESSING_VERSION_0_9, null, created)).toBe(E_INVALIDARG);
  });

  it("the security properties are not implemented yet: E_NOTIMPL", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_USERNAME, ref<unknown>(null))).toBe(E_NOTIMPL);
  });
});

describe("WsCreateMessageForChannel", () => {
  const channel = (fields: object) => ({ handleType: "WS_CHANNEL", threading: "free", pendingOperation: null, freed: false, ...fields });

  it("takes the channel's envelope and addressing versions", () => {
    const message = ref<WS_MESSAGE | null>(null);
    const soap11 = channel({ envelopeVersion: WS_ENVELOPE_VERSION_SOAP_1_1, addressingVersion: WS_ADDRESSING_VERSION_TRANSPORT });
    expect(WsCreateMessageForChannel(soap11 as never, null, message)).toBe(S_OK);
    expect(property(message.value!, WS_MESSAGE_PROPERTY_ENVELOPE_VERSION)).toBe(WS_ENVELOPE_VERSION_SOAP_1_1);
    expect(property(message.value!, WS_MESSAGE_PROPERTY_ADDRESSING_VERSION)).toBe(WS_ADDRESSING_VERSION_TRANSPORT);
  });

  it("a channel object that does not give them: E_NOTIMPL, saying why", () => {
    const error = newError();
    expect(WsCreateMessageForChannel(channel({}) as never, null, ref<WS_MESSAGE | null>(null), error)).toBe(E_NOTIMPL);
    expect(firstString(error)).toBe(
      "WsCreateMessageForChannel: this WS_CHANNEL does not give its envelope and addressing versions; the channel core is not implemented yet.",
    );
  });
});

describe("WsResetMessage and WsFreeMessage", () => {
  it("reset: back to empty with the same versions, headers gone, heap reset; it can be initialized again", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    expect(WsInitializeMessage(message, WS_REQUEST_MESSAGE, null)).toBe(S_OK);
    const heap = property(message, WS_MESSAGE_PROPERTY_HEAP) as WS_HEAP;
    const requested = ref<unknown>(0);
    WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested);
    expect(requested.value).toBeGreaterThan(0);
    expect(WsResetMessage(message)).toBe(S_OK);
    expect(stateOf(message)).toBe(WS_MESSAGE_STATE_EMPTY);
    expect(property(message, WS_MESSAGE_PROPERTY_ENVELOPE_VERSION)).toBe(WS_ENVELOPE_VERSION_SOAP_1_1);
    WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested);
    expect(requested.value).toBe(0);
    expect(WsInitializeMessage(message, 0 as never, null)).toBe(S_OK); // WS_BLANK_MESSAGE
    expect(stateOf(message)).toBe(WS_MESSAGE_STATE_INITIALIZED);
    expect(headerBufferText(message)).toBe(
      '<s:Envelope xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body/></s:Envelope>',
    );
  });

  it("free: the handle is dead afterwards (E_INVALIDARG)", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsFreeMessage(message);
    expect(WsInitializeMessage(message, WS_REQUEST_MESSAGE, null)).toBe(E_INVALIDARG);
  });
});

describe("received messages", () => {
  it("a SOAP Fault as the body's first element sets IS_FAULT (the Wine WsReadEnvelopeStart test)", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    const xml = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault/></s:Body></s:Envelope>';
    expect(WsReadEnvelopeStart(message, newReader(new TextEncoder().encode(xml)), null, null)).toBe(S_OK);
    expect(property(message, WS_MESSAGE_PROPERTY_IS_FAULT)).toBe(true);
  });

  it("WS_ENVELOPE_VERSION_NONE: Envelope, Header and Body in no namespace; the body reads", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_NONE, WS_ADDRESSING_VERSION_TRANSPORT);
    const xml = '<Envelope><Header><h xmlns="urn:h">1</h></Header><Body><u xmlns="ns"><val>7</val></u></Body></Envelope>';
    expect(WsReadEnvelopeStart(message, newReader(new TextEncoder().encode(xml)), null, null)).toBe(S_OK);
    const value = ref<unknown>(null);
    expect(WsReadBody(message, U_ELEMENT, WS_READ_REQUIRED_POINTER, null, value)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ val: 7 });
    expect(WsReadEnvelopeEnd(message)).toBe(S_OK);
  });

  it("something other than an Envelope, a Body missing, input after the Envelope: WS_E_INVALID_FORMAT", () => {
    const cases: [string, string][] = [
      [
        '<s:Body xmlns:s="http://www.w3.org/2003/05/soap-envelope"/>',
        "expected the element {http://www.w3.org/2003/05/soap-envelope}Envelope (SOAP 1.2), found {http://www.w3.org/2003/05/soap-envelope}Body.",
      ],
      [
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/></s:Envelope>',
        "expected the element {http://www.w3.org/2003/05/soap-envelope}Body (SOAP 1.2), found none.",
      ],
    ];
    for (const [xml, message] of cases) {
      const target = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
      const error = newError();
      expect(WsReadEnvelopeStart(target, newReader(new TextEncoder().encode(xml)), null, null, error)).toBe(WS_E_INVALID_FORMAT);
      expect(firstString(error)).toBe(`WsReadEnvelopeStart: ${message}`);
    }
  });
});

describe("the other message properties", () => {
  it("BODY_WRITER / BODY_READER are the writer and reader of the envelope; the XML properties default to none", () => {
    const writing = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(writing, WS_REQUEST_MESSAGE, null);
    const writer = newWriter();
    WsWriteEnvelopeStart(writing, writer, null, null);
    expect(property(writing, WS_MESSAGE_PROPERTY_BODY_WRITER)).toBe(writer);
    expect(property(writing, WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES)).toEqual({ properties: [] });
    expect(property(writing, WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES)).toEqual({ properties: [] });

    const reading = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const reader = newReader(
      new TextEncoder().encode('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>'),
    );
    WsReadEnvelopeStart(reading, reader, null, null);
    expect(property(reading, WS_MESSAGE_PROPERTY_BODY_READER)).toBe(reader);
  });

  it("HEADER_POSITION is the Header element of the header buffer", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsInitializeMessage(message, WS_REQUEST_MESSAGE, null);
    const position = property(message, WS_MESSAGE_PROPERTY_HEADER_POSITION) as WS_XML_NODE_POSITION;
    expect(position.buffer).toBe(property(message, WS_MESSAGE_PROPERTY_HEADER_BUFFER));
    const reader = ref<WS_XML_READER | null>(null);
    WsCreateReader(null, reader);
    expect(WsSetInputToBuffer(reader.value!, position.buffer!, null)).toBe(S_OK);
    expect(WsSetReaderPosition(reader.value!, position)).toBe(S_OK);
    const node = ref<WS_XML_NODE | null>(null);
    WsGetReaderNode(reader.value!, node);
    expect(text((node.value as WS_XML_ELEMENT_NODE).localName!.bytes)).toBe("Header");
  });
});
