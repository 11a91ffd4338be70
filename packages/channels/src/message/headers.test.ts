import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_DUPLICATE_MESSAGE,
  WS_E_INVALID_FORMAT,
  type WS_ELEMENT_DESCRIPTION,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_FAULT_MESSAGE,
  WS_MESSAGE_ID_HEADER,
  WS_MESSAGE_PROPERTY_HEADER_BUFFER,
  WS_MESSAGE_PROPERTY_IS_ADDRESSED,
  WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE,
  WS_READ_NILLABLE_POINTER,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_RELATES_TO_HEADER,
  WS_RELAY_HEADER_ATTRIBUTE,
  WS_REPEATING_HEADER,
  WS_REPLY_MESSAGE,
  WS_SINGLETON_HEADER,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  WS_TO_HEADER,
  WS_UINT32_TYPE,
  WS_WRITE_NILLABLE_POINTER,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import {
  WsCreateReader,
  WsGetReaderPosition,
  WsReadStartElement,
  WsReadToStartElement,
  WsReadXmlBufferFromBytes,
  WsSetInputToBuffer,
  WsSkipNode,
  WsWriteXmlBuffer,
} from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import {
  WsAddCustomHeader,
  WsAddMappedHeader,
  WsAddressMessage,
  WsCheckMustUnderstandHeaders,
  WsGetCustomHeader,
  WsGetHeader,
  WsGetHeaderAttributes,
  WsGetMappedHeader,
  WsGetMessageProperty,
  WsInitializeMessage,
  WsMarkHeaderAsUnderstood,
  WsReadEnvelopeStart,
  WsRemoveCustomHeader,
  WsRemoveHeader,
  WsRemoveMappedHeader,
  WsResetMessage,
  WsSetHeader,
} from "../index.js";
import { type MessageObject, messageOf } from "./index.js";
import {
  field,
  firstString,
  headerBufferText,
  NS,
  newError,
  newHeap,
  newMessage,
  newReader,
  newRequest,
  newWriter,
  struct,
  text,
  written,
  x,
  zeroIds,
} from "./message.test-support.js";

const ID = "urn:uuid:00000000-0000-0000-0000-000000000000";
const ENVELOPE_12 = `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}">`;

/** `<header xmlns="ns">value</header>`: a struct whose one field is the element's text (the Wine WsAddCustomHeader test). */
const TEXT_HEADER = (name: string): WS_ELEMENT_DESCRIPTION => ({
  elementLocalName: x(name),
  elementNs: x("ns"),
  type: WS_STRUCT_TYPE,
  typeDescription: struct([field({ mapping: WS_TEXT_FIELD_MAPPING, type: WS_WSZ_TYPE, offset: "value" })]),
});
const STRING_HEADER = (name: string): WS_ELEMENT_DESCRIPTION => ({
  elementLocalName: x(name),
  elementNs: x("ns"),
  type: WS_XML_STRING_TYPE,
  typeDescription: null,
});

/** A received message: `headers` inside a SOAP 1.2 + WS-Addressing 1.0 envelope with an empty body. */
function received(headers: string) {
  const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
  const xml = `${ENVELOPE_12}<s:Header>${headers}</s:Header><s:Body/></s:Envelope>`;
  expect(WsReadEnvelopeStart(message, newReader(new TextEncoder().encode(xml)), null, null)).toBe(S_OK);
  return message;
}

describe("custom headers", () => {
  it("are added after the others, one per call, and removed by name (the Wine WsAddCustomHeader / WsRemoveCustomHeader tests)", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsAddCustomHeader(message, TEXT_HEADER("header"), WS_WRITE_REQUIRED_VALUE, { value: "value" }, 0)).toBe(S_OK);
    expect(WsAddCustomHeader(message, TEXT_HEADER("header"), WS_WRITE_REQUIRED_VALUE, { value: "value2" }, 0)).toBe(S_OK);
    expect(WsAddCustomHeader(message, STRING_HEADER("header2"), WS_WRITE_REQUIRED_VALUE, x("value2"), 0)).toBe(S_OK);
    const prefix = `${ENVELOPE_12}<s:Header><a:MessageID>${ID}</a:MessageID>`;
    expect(zeroIds(headerBufferText(message))).toBe(
      `${prefix}<header xmlns="ns">value</header><header xmlns="ns">value2</header><header2 xmlns="ns">value2</header2></s:Header><s:Body/></s:Envelope>`,
    );
    expect(WsRemoveCustomHeader(message, x("header"), x("ns"))).toBe(S_OK);
    expect(zeroIds(headerBufferText(message))).toBe(`${prefix}<header2 xmlns="ns">value2</header2></s:Header><s:Body/></s:Envelope>`);
    expect(WsRemoveCustomHeader(message, x("header"), x("ns"))).toBe(S_OK); // again: nothing to remove
  });

  it("are read back: WS_SINGLETON_HEADER, WS_REPEATING_HEADER by index, and their attributes", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    WsAddCustomHeader(message, TEXT_HEADER("h"), WS_WRITE_REQUIRED_VALUE, { value: "one" }, WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE);
    WsAddCustomHeader(message, TEXT_HEADER("h"), WS_WRITE_REQUIRED_VALUE, { value: "two" }, WS_RELAY_HEADER_ATTRIBUTE);
    WsAddCustomHeader(message, TEXT_HEADER("single"), WS_WRITE_REQUIRED_VALUE, { value: "only" }, 0);
    expect(zeroIds(headerBufferText(message))).toContain(
      '<h s:mustUnderstand="1" xmlns="ns">one</h><h s:relay="1" xmlns="ns">two</h><single xmlns="ns">only</single>',
    );
    const value = ref<unknown>(null);
    const attributes = ref(-1);
    expect(WsGetCustomHeader(message, TEXT_HEADER("h"), WS_REPEATING_HEADER, 1, WS_READ_REQUIRED_VALUE, null, value, attributes)).toBe(
      S_OK,
    );
    expect({ ...(value.value as object) }).toEqual({ value: "two" });
    expect(attributes.value).toBe(WS_RELAY_HEADER_ATTRIBUTE);
    expect(WsGetCustomHeader(message, TEXT_HEADER("h"), WS_REPEATING_HEADER, 0, WS_READ_REQUIRED_VALUE, null, value, attributes)).toBe(
      S_OK,
    );
    expect({ ...(value.value as object) }).toEqual({ value: "one" });
    expect(attributes.value).toBe(WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE);
    expect(WsGetCustomHeader(message, TEXT_HEADER("single"), WS_SINGLETON_HEADER, 0, WS_READ_REQUIRED_VALUE, null, value, null)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ value: "only" });

    const error = newError();
    expect(WsGetCustomHeader(message, TEXT_HEADER("h"), WS_SINGLETON_HEADER, 0, WS_READ_REQUIRED_VALUE, null, value, null, error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe("WsGetCustomHeader: the header {ns}h appears 2 times; WS_SINGLETON_HEADER expects one.");
    expect(
      WsGetCustomHeader(message, TEXT_HEADER("single"), WS_SINGLETON_HEADER, 1, WS_READ_REQUIRED_VALUE, null, value, null, error),
    ).toBe(E_INVALIDARG);
    expect(WsGetCustomHeader(message, TEXT_HEADER("h"), WS_REPEATING_HEADER, 2, WS_READ_REQUIRED_VALUE, null, value, null, error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe("WsGetCustomHeader: the message has no header {ns}h number 2 (of 2).");
    expect(WsGetCustomHeader(message, TEXT_HEADER("none"), WS_SINGLETON_HEADER, 0, WS_READ_OPTIONAL_POINTER, null, value, attributes)).toBe(
      S_OK,
    );
    expect(value.value).toBe(null);
    expect(attributes.value).toBe(0);
  });

  it("a WS_XML_BUFFER header: the buffer's element gives the header its attributes and content; read back, the whole header element", () => {
    // WS_TYPE, WS_XML_BUFFER_TYPE: "the WS_XML_BUFFER should contain a single element which represents the
    // attribute and element content. The local name and namespace of the element in the buffer is ignored".
    const heap = newHeap();
    const reader = ref<WS_XML_READER | null>(null);
    WsCreateReader(null, reader);
    const content = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBufferFromBytes(reader.value!, null, null, new TextEncoder().encode("<x>1</x>"), heap, content)).toBe(S_OK);
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const description: WS_ELEMENT_DESCRIPTION = {
      elementLocalName: x("h"),
      elementNs: x("ns"),
      type: WS_XML_BUFFER_TYPE,
      typeDescription: null,
    };
    expect(WsAddCustomHeader(message, description, WS_WRITE_REQUIRED_POINTER, content.value, WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE)).toBe(
      S_OK,
    );
    expect(zeroIds(headerBufferText(message))).toBe(
      `${ENVELOPE_12}<s:Header><a:MessageID>${ID}</a:MessageID><h s:mustUnderstand="1" xmlns="ns">1</h></s:Header><s:Body/></s:Envelope>`,
    );
    const value = ref<unknown>(null);
    expect(WsGetCustomHeader(message, description, WS_SINGLETON_HEADER, 0, WS_READ_REQUIRED_POINTER, heap, value, null)).toBe(S_OK);
    const writer = newWriter();
    expect(WsWriteXmlBuffer(writer, value.value as WS_XML_BUFFER)).toBe(S_OK);
    // Without the mustUnderstand attribute, which belongs to the message (WS_HEADER_ATTRIBUTES); the
    // declaration of its prefix stays, since the content could use it.
    expect(written(writer)).toBe(`<h xmlns="ns" xmlns:s="${NS.soap12}">1</h>`);
  });

  it("relay is a SOAP 1.2 attribute; an element description without a name is refused", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_1_0);
    const error = newError();
    expect(WsAddCustomHeader(message, STRING_HEADER("h"), WS_WRITE_REQUIRED_VALUE, x("v"), WS_RELAY_HEADER_ATTRIBUTE, error)).toBe(
      E_INVALIDARG,
    );
    expect(firstString(error)).toBe(
      "WsAddCustomHeader: WS_RELAY_HEADER_ATTRIBUTE is a SOAP 1.2 attribute; this message's envelope is SOAP 1.1.",
    );
    const unnamed: WS_ELEMENT_DESCRIPTION = { elementLocalName: null, elementNs: null, type: WS_UINT32_TYPE, typeDescription: null };
    expect(WsAddCustomHeader(message, unnamed, WS_WRITE_REQUIRED_VALUE, 1, 0, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsAddCustomHeader: a header's WS_ELEMENT_DESCRIPTION needs both elementLocalName and elementNs.");
  });
});

describe("standard headers", () => {
  it("a missing header: WS_E_INVALID_FORMAT when required (the Wine WsGetHeader test), null when optional", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const error = newError();
    const value = ref<unknown>("unset");
    expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe("WsGetHeader: the message has no Action header.");
    expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_OPTIONAL_POINTER, null, value)).toBe(S_OK);
    expect(value.value).toBe(null);
  });

  it('the nillable read options are E_INVALIDARG: "the header types in WS_HEADER_TYPE are not allowed to be nillable"', () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const error = newError();
    expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_NILLABLE_POINTER, null, ref<unknown>(null), error)).toBe(
      E_INVALIDARG,
    );
    expect(firstString(error)).toBe(
      "WsGetHeader: the Action header is not nillable; WS_READ_NILLABLE_VALUE and WS_READ_NILLABLE_POINTER cannot be used.",
    );
  });

  it('two headers of a type received: WS_E_INVALID_FORMAT ("multiple instances of the type of header")', () => {
    const message = received("<a:Action>urn:one</a:Action><a:Action>urn:two</a:Action>");
    const error = newError();
    expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, ref<unknown>(null), error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe("WsGetHeader: the message has 2 Action headers; there may be one.");
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:three", error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe("WsSetHeader: the message has 2 Action headers; there may be one.");
  });

  it('a received message\'s header replaced in place ("any state but WS_MESSAGE_STATE_EMPTY"); nillable write options refused', () => {
    const message = received(
      '<a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID><a:Action>urn:one</a:Action><c:X xmlns:c="urn:c"/>',
    );
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:two")).toBe(S_OK);
    expect(headerBufferText(message)).toBe(
      `${ENVELOPE_12}<s:Header><a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID>` +
        `<a:Action s:mustUnderstand="1">urn:two</a:Action><c:X xmlns:c="urn:c"/></s:Header><s:Body/></s:Envelope>`,
    );
    const error = newError();
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_NILLABLE_POINTER, null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      "WsSetHeader: the Action header is not nillable; WS_WRITE_NILLABLE_VALUE and WS_WRITE_NILLABLE_POINTER cannot be used.",
    );
  });

  it("a header for another SOAP role is ignored, and need not be understood here", () => {
    const message = received(
      `<a:Action s:role="urn:other-node">urn:theirs</a:Action><a:Action s:role="${NS.soap12}/role/ultimateReceiver">urn:ours</a:Action>` +
        '<c:Ticket s:mustUnderstand="1" s:role="urn:other-node" xmlns:c="urn:c">7</c:Ticket>',
    );
    const value = ref<unknown>(null);
    expect(WsGetHeader(message, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value)).toBe(S_OK);
    expect(value.value).toBe("urn:ours");
    expect(WsCheckMustUnderstandHeaders(message)).toBe(S_OK);
  });

  it("set, read back in another string type, removed (twice: the second is no-op)", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsSetHeader(message, WS_TO_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "http://host/x")).toBe(S_OK);
    const value = ref<unknown>(null);
    expect(WsGetHeader(message, WS_TO_HEADER, WS_XML_STRING_TYPE, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    expect(text((value.value as { bytes: Uint8Array }).bytes)).toBe("http://host/x");
    expect(WsRemoveHeader(message, WS_TO_HEADER)).toBe(S_OK);
    expect(WsRemoveHeader(message, WS_TO_HEADER)).toBe(S_OK);
    expect(zeroIds(headerBufferText(message))).toBe(
      `${ENVELOPE_12}<s:Header><a:MessageID>${ID}</a:MessageID></s:Header><s:Body/></s:Envelope>`,
    );
  });

  it("the WS_TYPEs WS_HEADER_TYPE lists, and the headers transport addressing does not support, are E_INVALIDARG", () => {
    const error = newError();
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsSetHeader(message, WS_ACTION_HEADER, WS_UINT32_TYPE, WS_WRITE_REQUIRED_VALUE, 1, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      "WsSetHeader: the Action header is read and written as WS_XML_STRING_TYPE, WS_WSZ_TYPE, WS_STRING_TYPE, not WS_TYPE 7.",
    );
    const transport = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_TRANSPORT);
    expect(WsSetHeader(transport, WS_MESSAGE_ID_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "urn:x", error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsSetHeader: the MessageID header is not supported for WS_ADDRESSING_VERSION_TRANSPORT.");
  });
});

describe("WsAddressMessage", () => {
  it("sets the To header and IS_ADDRESSED; a second call is WS_E_INVALID_OPERATION (the Wine WsAddressMessage test)", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    const addressed = ref<unknown>(null);
    expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_IS_ADDRESSED, addressed)).toBe(S_OK);
    expect(addressed.value).toBe(false);
    expect(WsAddressMessage(message, { url: "http://localhost/", headers: null, extensions: null, identity: null })).toBe(S_OK);
    expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_IS_ADDRESSED, addressed)).toBe(S_OK);
    expect(addressed.value).toBe(true);
    expect(zeroIds(headerBufferText(message))).toContain(`</a:ReplyTo><a:To s:mustUnderstand="1">http://localhost/</a:To></s:Header>`);
    const error = newError();
    expect(WsAddressMessage(message, null, error)).toBe(-2143485949);
    expect(firstString(error)).toBe("WsAddressMessage: the message is already addressed.");
  });
});

describe("mustUnderstand", () => {
  const HEADERS = `<a:Action s:mustUnderstand="1">urn:act</a:Action><c:Ticket s:mustUnderstand="1" xmlns:c="urn:c">7</c:Ticket><c:Note xmlns:c="urn:c">n</c:Note>`;
  const TICKET: WS_ELEMENT_DESCRIPTION = {
    elementLocalName: x("Ticket"),
    elementNs: x("urn:c"),
    type: WS_UINT32_TYPE,
    typeDescription: null,
  };

  it("a custom header with mustUnderstand that nobody read fails WsCheckMustUnderstandHeaders, naming it", () => {
    const message = received(HEADERS);
    const error = newError();
    expect(WsCheckMustUnderstandHeaders(message, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      "WsCheckMustUnderstandHeaders: MustUnderstand: the header {urn:c}Ticket must be understood but was not (read it with WsGetCustomHeader or mark it with WsMarkHeaderAsUnderstood).",
    );
  });

  it("WsGetCustomHeader marks it understood", () => {
    const message = received(HEADERS);
    const value = ref<unknown>(null);
    const attributes = ref(0);
    expect(WsGetCustomHeader(message, TICKET, WS_SINGLETON_HEADER, 0, WS_READ_REQUIRED_VALUE, null, value, attributes)).toBe(S_OK);
    expect(value.value).toBe(7);
    expect(attributes.value).toBe(WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE);
    expect(WsCheckMustUnderstandHeaders(message)).toBe(S_OK);
  });

  it("WsMarkHeaderAsUnderstood with the header's position in the header buffer; WsGetHeaderAttributes on it", () => {
    const message = received(HEADERS);
    const buffer = ref<unknown>(null);
    expect(WsGetMessageProperty(message, WS_MESSAGE_PROPERTY_HEADER_BUFFER, buffer)).toBe(S_OK);
    const reader = ref<WS_XML_READER | null>(null);
    WsCreateReader(null, reader);
    WsSetInputToBuffer(reader.value!, buffer.value as WS_XML_BUFFER, null);
    WsReadToStartElement(reader.value!, x("Envelope"), x(NS.soap12), null);
    WsReadStartElement(reader.value!);
    WsReadToStartElement(reader.value!, x("Header"), x(NS.soap12), null);
    WsReadStartElement(reader.value!);
    WsReadToStartElement(reader.value!, x("Action"), x(NS.wsa10), null);
    WsSkipNode(reader.value!);
    const found = ref(false);
    expect(WsReadToStartElement(reader.value!, x("Ticket"), x("urn:c"), found)).toBe(S_OK);
    expect(found.value).toBe(true);
    const attributes = ref(0);
    expect(WsGetHeaderAttributes(message, reader.value!, attributes)).toBe(S_OK);
    expect(attributes.value).toBe(WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE);
    const error = newError();
    const elsewhere = newReader(new TextEncoder().encode("<x/>"));
    expect(WsGetHeaderAttributes(message, elsewhere, attributes, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe("WsGetHeaderAttributes: the reader must be on a header element, not on node type 9.");
    const position = ref<WS_XML_NODE_POSITION>({ buffer: null, node: null });
    expect(WsGetReaderPosition(reader.value!, position)).toBe(S_OK);
    expect(WsMarkHeaderAsUnderstood(message, position.value)).toBe(S_OK);
    expect(WsCheckMustUnderstandHeaders(message)).toBe(S_OK);
  });
});

describe("mapped headers (HTTP)", () => {
  it("added ones are what the channel sends, in order, and WsRemoveMappedHeader takes every value of a name", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsAddMappedHeader(message, x("X-Trace"), WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x("a"))).toBe(S_OK);
    expect(WsAddMappedHeader(message, x("x-trace"), WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "b")).toBe(S_OK);
    expect(WsAddMappedHeader(message, x("Cookie"), WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "k=v")).toBe(S_OK);
    const target: MessageObject = messageOf(message);
    expect(target.mappedHeadersToSend).toEqual([
      { name: "X-Trace", value: "a" },
      { name: "x-trace", value: "b" },
      { name: "Cookie", value: "k=v" },
    ]);
    const value = ref<unknown>(null);
    expect(WsGetMappedHeader(message, x("COOKIE"), WS_SINGLETON_HEADER, 0, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value)).toBe(S_OK);
    expect(value.value).toBe("k=v");
    expect(WsRemoveMappedHeader(message, x("X-TRACE"))).toBe(S_OK);
    expect(target.mappedHeadersToSend).toEqual([{ name: "Cookie", value: "k=v" }]);
    const error = newError();
    expect(WsAddMappedHeader(message, x("Bad Name"), WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "v", error)).toBe(E_INVALIDARG);
    expect(WsAddMappedHeader(message, x("X-A"), WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "a\r\nb", error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsAddMappedHeader: an HTTP header value cannot contain CR or LF.");
    expect(WsAddMappedHeader(message, x("X-A"), WS_UINT32_TYPE, WS_WRITE_REQUIRED_VALUE, 1, error)).toBe(E_INVALIDARG);
  });

  it("received ones come from the channel (setReceivedHttpHeaders)", () => {
    const message = received("");
    messageOf(message).setReceivedHttpHeaders(new Map([["soapaction", '"urn:act"']]));
    const value = ref<unknown>(null);
    expect(
      WsGetMappedHeader(message, x("SOAPAction"), WS_SINGLETON_HEADER, 0, WS_XML_STRING_TYPE, WS_READ_REQUIRED_VALUE, null, value),
    ).toBe(S_OK);
    expect(text((value.value as { bytes: Uint8Array }).bytes)).toBe('"urn:act"');
    const error = newError();
    expect(WsGetMappedHeader(message, x("X-None"), WS_SINGLETON_HEADER, 0, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value, error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe("WsGetMappedHeader: the message has no mapped header X-None.");
  });
});

describe("WsInitializeMessage from a source message", () => {
  const SOURCE =
    "<a:MessageID>urn:uuid:11111111-2222-4333-8444-555555555555</a:MessageID>" +
    "<a:ReplyTo><a:Address>http://client/reply</a:Address></a:ReplyTo>" +
    "<a:FaultTo><a:Address>http://client/fault</a:Address></a:FaultTo>" +
    '<c:Ticket xmlns:c="urn:c">7</c:Ticket>';

  it("WS_REPLY_MESSAGE: RelatesTo the source's MessageID, To its ReplyTo; addressed", () => {
    const reply = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsInitializeMessage(reply, WS_REPLY_MESSAGE, received(SOURCE))).toBe(S_OK);
    expect(headerBufferText(reply)).toBe(
      `${ENVELOPE_12}<s:Header><a:RelatesTo>urn:uuid:11111111-2222-4333-8444-555555555555</a:RelatesTo>` +
        `<a:To s:mustUnderstand="1">http://client/reply</a:To></s:Header><s:Body/></s:Envelope>`,
    );
    const value = ref<unknown>(null);
    expect(WsGetMessageProperty(reply, WS_MESSAGE_PROPERTY_IS_ADDRESSED, value)).toBe(S_OK);
    expect(value.value).toBe(true);
    expect(WsGetHeader(reply, WS_RELATES_TO_HEADER, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value)).toBe(S_OK);
    expect(value.value).toBe("urn:uuid:11111111-2222-4333-8444-555555555555");
  });

  it("WS_FAULT_MESSAGE: To is the FaultTo", () => {
    const fault = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsInitializeMessage(fault, WS_FAULT_MESSAGE, received(SOURCE))).toBe(S_OK);
    expect(headerBufferText(fault)).toContain('<a:To s:mustUnderstand="1">http://client/fault</a:To>');
  });

  it("WS_DUPLICATE_MESSAGE: the same headers, on the new message's heap", () => {
    const copy = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const source = received(SOURCE);
    expect(WsInitializeMessage(copy, WS_DUPLICATE_MESSAGE, source)).toBe(S_OK);
    expect(headerBufferText(copy)).toBe(headerBufferText(source));
    expect(headerBufferText(copy)).toBe(`${ENVELOPE_12}<s:Header>${SOURCE}</s:Header><s:Body/></s:Envelope>`);
  });

  it("WS_DUPLICATE_MESSAGE: the copy outlives the source's reset", () => {
    const source = received('<c:Ticket s:mustUnderstand="1" xmlns:c="urn:c">7</c:Ticket>');
    const ticket: WS_ELEMENT_DESCRIPTION = {
      elementLocalName: x("Ticket"),
      elementNs: x("urn:c"),
      type: WS_UINT32_TYPE,
      typeDescription: null,
    };
    const value = ref<unknown>(null);
    expect(WsGetCustomHeader(source, ticket, WS_SINGLETON_HEADER, 0, WS_READ_REQUIRED_VALUE, null, value, null)).toBe(S_OK);
    const copy = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsInitializeMessage(copy, WS_DUPLICATE_MESSAGE, source)).toBe(S_OK);
    expect(WsResetMessage(source)).toBe(S_OK);
    expect(WsGetCustomHeader(copy, ticket, WS_SINGLETON_HEADER, 0, WS_READ_REQUIRED_VALUE, null, value, null)).toBe(S_OK);
    expect(value.value).toBe(7);
  });

  it("a source is required, and must not be empty", () => {
    const error = newError();
    expect(WsInitializeMessage(newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0), WS_REPLY_MESSAGE, null, error)).toBe(
      E_INVALIDARG,
    );
    expect(firstString(error)).toBe("WsInitializeMessage: initialization 3 copies from a source message, but sourceMessage is null.");
    const empty = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(
      WsInitializeMessage(newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0), WS_DUPLICATE_MESSAGE, empty, error),
    ).toBe(-2143485949);
  });
});

describe("the accessors the channel core uses", () => {
  it("versions, the Action text, and the transport's Action", async () => {
    const { setTransportHeader } = await import("./index.js");
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9);
    const target = messageOf(message);
    expect(target.envelopeVersion).toBe(WS_ENVELOPE_VERSION_SOAP_1_1);
    expect(target.addressingVersion).toBe(WS_ADDRESSING_VERSION_0_9);
    expect(target.action).toBe(null);
    WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, x("http://tempuri.org/ICalculator/Add"));
    expect(target.action).toBe("http://tempuri.org/ICalculator/Add");

    const basic = newMessage(WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_TRANSPORT);
    WsReadEnvelopeStart(
      basic,
      newReader(new TextEncoder().encode(`<s:Envelope xmlns:s="${NS.soap11}"><s:Body/></s:Envelope>`)),
      null,
      null,
    );
    setTransportHeader(messageOf(basic), WS_ACTION_HEADER, "urn:from-soapaction");
    const value = ref<unknown>(null);
    expect(WsGetHeader(basic, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, null, value)).toBe(S_OK);
    expect(value.value).toBe("urn:from-soapaction");
  });
});
