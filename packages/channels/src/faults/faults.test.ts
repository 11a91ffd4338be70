import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_ELEMENT_DESCRIPTION,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_ERROR,
  WS_ERROR_PROPERTY_LANGID,
  type WS_FAULT,
  type WS_FAULT_DETAIL_DESCRIPTION,
  WS_FAULT_ERROR_PROPERTY_ACTION,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  WS_FAULT_ERROR_PROPERTY_HEADER,
  WS_FAULT_TYPE,
  WS_FULL_FAULT_DISCLOSURE,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_INT32_TYPE,
  WS_MINIMAL_FAULT_DISCLOSURE,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_STRUCT_TYPE,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_BUFFER,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WsAddErrorString,
  WsCopyError,
  WsCreateError,
  WsGetErrorProperty,
  WsGetErrorString,
  WsGetHeapProperty,
  WsResetError,
} from "@wwsapi/core";
import {
  WsCreateReader,
  WsCreateWriter,
  WsReadElement,
  WsReadXmlBuffer,
  WsSetInput,
  WsWriteElement,
  WsWriteXmlBufferToBytes,
} from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import {
  WsCreateFaultFromError,
  WsGetFaultErrorDetail,
  WsGetFaultErrorProperty,
  WsSetFaultErrorDetail,
  WsSetFaultErrorProperty,
} from "../index.js";
import { newHeap as heapOf, intField, struct, text, newWriter as writer, written, x } from "../message/message.test-support.js";
import { defaultFaultAction, faultToSend, GENERIC_REASON, receivedFault } from "./index.js";

const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";
const utf8 = (s: string) => new TextEncoder().encode(s);
/** The fault tests' heaps are larger than the message tests' (1 MiB): faults with details and buffers. */
const newHeap = (maxSize = 1 << 20): WS_HEAP => heapOf(maxSize);

function newError(langId?: number): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  expect(WsCreateError(langId === undefined ? null : [{ id: WS_ERROR_PROPERTY_LANGID, value: langId }], error)).toBe(S_OK);
  return error.value!;
}

function strings(error: WS_ERROR): string[] {
  const count = ref<unknown>(0);
  expect(WsGetErrorProperty(error, 0 /* WS_ERROR_PROPERTY_STRING_COUNT */, count)).toBe(S_OK);
  return Array.from({ length: count.value as number }, (_, i) => {
    const s = ref("");
    WsGetErrorString(error, i, s);
    return s.value;
  });
}

function property(error: WS_ERROR, id: number): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetFaultErrorProperty(error, id as never, value)).toBe(S_OK);
  return value.value;
}

function reader(xml: string): WS_XML_READER {
  const r = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, r)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
  expect(
    WsSetInput(r.value!, encoding as never, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: utf8(xml) } as never, null),
  ).toBe(S_OK);
  return r.value!;
}

function bufferOf(heap: WS_HEAP, xml: string): WS_XML_BUFFER {
  const r = reader(xml);
  const buffer = ref<WS_XML_BUFFER | null>(null);
  expect(WsReadXmlBuffer(r, heap, buffer)).toBe(S_OK);
  return buffer.value!;
}

function bufferXml(buffer: WS_XML_BUFFER): string {
  const bytes = ref<Uint8Array | null>(null);
  const w = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, w)).toBe(S_OK);
  expect(WsWriteXmlBufferToBytes(w.value!, buffer, null, null, newHeap(), bytes)).toBe(S_OK);
  return text(bytes.value!);
}

const faultElement = (ns: string, version: number): WS_ELEMENT_DESCRIPTION => ({
  elementLocalName: x("Fault"),
  elementNs: x(ns),
  type: WS_FAULT_TYPE,
  typeDescription: { envelopeVersion: version },
});

/** A fault with two languages, built by hand. */
function sampleFault(heap: WS_HEAP): WS_FAULT {
  return {
    code: { value: { localName: x("Sender"), ns: x("") }, subCode: { value: { localName: x("Busy"), ns: x("urn:app") }, subCode: null } },
    reasons: [
      { text: "Die Warteschlange ist voll", lang: "de-DE" },
      { text: "The queue is full", lang: "en-US" },
    ],
    actor: "",
    node: "",
    detail: bufferOf(heap, `<Detail xmlns="${S12}"><n xmlns="urn:app">3</n></Detail>`),
  };
}

const intDetail: WS_FAULT_DETAIL_DESCRIPTION = {
  action: x("urn:app/QueueFull"),
  detailElementDescription: { elementLocalName: x("Count"), elementNs: x("urn:app"), type: WS_INT32_TYPE, typeDescription: null },
};

describe("WS_FAULT_ERROR_PROPERTY_ID", () => {
  it("defaults: no fault, a zero-length action, no header", () => {
    const error = newError();
    expect(property(error, WS_FAULT_ERROR_PROPERTY_FAULT)).toBeNull();
    expect((property(error, WS_FAULT_ERROR_PROPERTY_ACTION) as WS_XML_STRING).bytes).toEqual(new Uint8Array(0));
    expect(property(error, WS_FAULT_ERROR_PROPERTY_HEADER)).toBeNull();
  });

  it("FAULT is copied, and its reason in the error's language (en-US) becomes the error's newest string", () => {
    const error = newError();
    expect(WsAddErrorString(error, "older")).toBe(S_OK);
    const fault = sampleFault(newHeap());
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault)).toBe(S_OK);
    (fault.reasons[0] as { text: string }).text = "changed afterwards";
    const kept = property(error, WS_FAULT_ERROR_PROPERTY_FAULT) as WS_FAULT;
    expect(kept.reasons.map((r) => r.text)).toEqual(["Die Warteschlange ist voll", "The queue is full"]);
    expect(text(kept.code!.subCode!.value.localName.bytes)).toBe("Busy");
    expect(bufferXml(kept.detail!)).toBe(`<Detail xmlns="${S12}"><n xmlns="urn:app">3</n></Detail>`);
    expect(strings(error)).toEqual(["The queue is full", "older"]);
  });

  it("no string is added when no reason is in the error's language (de-DE error, a French reason)", () => {
    const error = newError(0x0407);
    const fault: WS_FAULT = { ...sampleFault(newHeap()), reasons: [{ text: "plein", lang: "fr" }] };
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault)).toBe(S_OK);
    expect(strings(error)).toEqual([]);
    const german = newError(0x0407);
    expect(WsSetFaultErrorProperty(german, WS_FAULT_ERROR_PROPERTY_FAULT, sampleFault(newHeap()))).toBe(S_OK);
    expect(strings(german)).toEqual(["Die Warteschlange ist voll"]);
  });

  it("ACTION and HEADER are copies; WsResetError clears all three, WsCopyError copies them", () => {
    const error = newError();
    const action = x("urn:a");
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_ACTION, action)).toBe(S_OK);
    action.bytes[0] = 0x41;
    expect(text((property(error, WS_FAULT_ERROR_PROPERTY_ACTION) as WS_XML_STRING).bytes)).toBe("urn:a");
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_HEADER, bufferOf(newHeap(), `<h xmlns="urn:h">1</h>`))).toBe(S_OK);
    expect(bufferXml(property(error, WS_FAULT_ERROR_PROPERTY_HEADER) as WS_XML_BUFFER)).toBe(`<h xmlns="urn:h">1</h>`);
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, sampleFault(newHeap()))).toBe(S_OK);
    const copy = newError();
    expect(WsCopyError(error, copy)).toBe(S_OK);
    expect(property(copy, WS_FAULT_ERROR_PROPERTY_FAULT)).not.toBeNull();
    expect(WsResetError(error)).toBe(S_OK);
    expect(property(error, WS_FAULT_ERROR_PROPERTY_FAULT)).toBeNull();
    expect((property(error, WS_FAULT_ERROR_PROPERTY_ACTION) as WS_XML_STRING).bytes.length).toBe(0);
    expect(property(error, WS_FAULT_ERROR_PROPERTY_HEADER)).toBeNull();
    expect(text((property(copy, WS_FAULT_ERROR_PROPERTY_ACTION) as WS_XML_STRING).bytes)).toBe("urn:a");
  });

  it("refuses a fault without a code, a non-buffer header and an unknown id (E_INVALIDARG)", () => {
    const error = newError();
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, { ...sampleFault(newHeap()), code: null })).toBe(E_INVALIDARG);
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_HEADER, "x")).toBe(E_INVALIDARG);
    expect(WsSetFaultErrorProperty(error, 7 as never, null)).toBe(E_INVALIDARG);
  });
});

describe("WsCreateFaultFromError", () => {
  const create = (error: WS_ERROR, hr: number, disclosure: number, heap = newHeap()) => {
    const fault = ref<WS_FAULT>(null as never);
    const result = WsCreateFaultFromError(error, hr, disclosure as never, heap, fault);
    return { hr: result, fault: fault.value };
  };

  it("without a fault: the generic code (Receiver, no namespace) and the error's strings appended, in its language", () => {
    const error = newError();
    WsAddErrorString(error, "second");
    WsAddErrorString(error, "first");
    const { hr, fault } = create(error, WS_E_INVALID_FORMAT, WS_FULL_FAULT_DISCLOSURE);
    expect(hr).toBe(S_OK);
    expect(text(fault.code!.value.localName.bytes)).toBe("Receiver");
    expect(fault.code!.value.ns.bytes.length).toBe(0);
    expect(fault.reasons.map((r) => ({ ...r }))).toEqual([{ text: "first second", lang: "en-US" }]);
  });

  it("with no strings, the meaning of faultErrorCode; with minimal disclosure, a generic string", () => {
    expect(create(newError(), WS_E_INVALID_FORMAT, WS_FULL_FAULT_DISCLOSURE).fault.reasons[0]!.text).toBe(
      "The data being interpreted did not meet the expectations of the code that was interpreting it.",
    );
    const error = newError(0x0809);
    WsAddErrorString(error, "secret: the password file is /etc/x");
    const minimal = create(error, WS_E_INVALID_FORMAT, WS_MINIMAL_FAULT_DISCLOSURE).fault;
    expect(minimal.reasons.map((r) => ({ ...r }))).toEqual([{ text: GENERIC_REASON, lang: "en-GB" }]);
  });

  it("the error's fault is selected, with its own reasons, and copied onto the heap (accounted)", () => {
    const error = newError();
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, sampleFault(newHeap()))).toBe(S_OK);
    const heap = newHeap();
    const { hr, fault } = create(error, WS_E_INVALID_FORMAT, WS_MINIMAL_FAULT_DISCLOSURE, heap);
    expect(hr).toBe(S_OK);
    expect(fault.reasons.map((r) => r.text)).toEqual(["Die Warteschlange ist voll", "The queue is full"]);
    expect(bufferXml(fault.detail!)).toBe(`<Detail xmlns="${S12}"><n xmlns="urn:app">3</n></Detail>`);
    const requested = ref<unknown>(0);
    WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested);
    // WS_FAULT 64, two codes (72 + "Sender" 6 + "" 0, 72 + "Busy" 4 + "urn:app" 7), two reasons (32 + text + lang at
    // 2 bytes a unit), then the detail buffer, whatever it costs.
    const strings = 64 + (72 + 6) + (72 + 4 + 7) + (32 + 2 * (26 + 5)) + (32 + 2 * (17 + 5));
    expect(requested.value as number).toBeGreaterThan(strings);
  });

  it("refuses a success code (E_INVALIDARG) and fails with WS_E_QUOTA_EXCEEDED on a small heap", () => {
    const error = newError();
    expect(create(error, S_OK, WS_FULL_FAULT_DISCLOSURE).hr).toBe(E_INVALIDARG);
    expect(create(newError(), WS_E_INVALID_FORMAT, WS_FULL_FAULT_DISCLOSURE, newHeap(100)).hr).toBe(WS_E_QUOTA_EXCEEDED);
  });
});

describe("WsSetFaultErrorDetail / WsGetFaultErrorDetail", () => {
  it("a single element: written into the detail, read back; the action is set from the description", () => {
    const error = newError();
    expect(WsSetFaultErrorDetail(error, intDetail, WS_WRITE_REQUIRED_VALUE, 42)).toBe(S_OK);
    expect(text((property(error, WS_FAULT_ERROR_PROPERTY_ACTION) as WS_XML_STRING).bytes)).toBe("urn:app/QueueFull");
    const value = ref<unknown>(null);
    expect(WsGetFaultErrorDetail(error, intDetail, WS_READ_REQUIRED_VALUE, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBe(42);
    // No fault was set: the generic fault made from the error carries the detail.
    const fault = ref<WS_FAULT>(null as never);
    expect(WsCreateFaultFromError(error, WS_E_INVALID_FORMAT, WS_FULL_FAULT_DISCLOSURE, newHeap(), fault)).toBe(S_OK);
    expect(bufferXml(fault.value.detail!)).toBe(`<detail><Count xmlns="urn:app">42</Count></detail>`);
  });

  it("another element name, or another action, is an absent detail: NULL when optional, WS_E_INVALID_FORMAT when required", () => {
    const error = newError();
    expect(WsSetFaultErrorDetail(error, intDetail, WS_WRITE_REQUIRED_VALUE, 42)).toBe(S_OK);
    const other: WS_FAULT_DETAIL_DESCRIPTION = {
      action: null,
      detailElementDescription: { ...intDetail.detailElementDescription!, elementLocalName: x("Other") },
    };
    const value = ref<unknown>(7);
    expect(WsGetFaultErrorDetail(error, other, WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBeNull();
    const otherAction: WS_FAULT_DETAIL_DESCRIPTION = { ...intDetail, action: x("urn:app/Else") };
    value.value = 7;
    expect(WsGetFaultErrorDetail(error, otherAction, WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBeNull();
    expect(WsGetFaultErrorDetail(error, otherAction, WS_READ_REQUIRED_VALUE, newHeap(), value)).toBe(WS_E_INVALID_FORMAT);
    expect(WsGetFaultErrorDetail(newError(), intDetail, WS_READ_REQUIRED_VALUE, newHeap(), value)).toBe(WS_E_INVALID_FORMAT);
  });

  it("several elements as one struct value (no element name)", () => {
    const pair = struct([intField("a", x("urn:d")), intField("b", x("urn:d"))], { size: 8, alignment: 4 });
    const description: WS_FAULT_DETAIL_DESCRIPTION = {
      action: null,
      detailElementDescription: { elementLocalName: null, elementNs: null, type: WS_STRUCT_TYPE, typeDescription: pair },
    };
    const error = newError();
    expect(WsSetFaultErrorDetail(error, description, WS_WRITE_REQUIRED_VALUE, { a: 1, b: 2 })).toBe(S_OK);
    const value = ref<unknown>(null);
    expect(WsGetFaultErrorDetail(error, description, WS_READ_REQUIRED_VALUE, newHeap(), value)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ a: 1, b: 2 });
    expect(WsGetFaultErrorDetail(error, description, WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(E_INVALIDARG);
  });
});

describe("faults for the channel core", () => {
  it("faultToSend: the fault with its detail, action and header; written as SOAP 1.2 and 1.1", () => {
    const error = newError();
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, { ...sampleFault(newHeap()), detail: null })).toBe(S_OK);
    expect(WsSetFaultErrorDetail(error, intDetail, WS_WRITE_REQUIRED_VALUE, 5)).toBe(S_OK);
    expect(WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_HEADER, bufferOf(newHeap(), `<h xmlns="urn:h"/>`))).toBe(S_OK);
    const send = faultToSend("WsSendFaultMessageForError", error, WS_E_INVALID_FORMAT, WS_FULL_FAULT_DISCLOSURE, newHeap());
    expect(text(send.action!.bytes)).toBe("urn:app/QueueFull");
    expect(
      faultToSend("WsSendFaultMessageForError", newError(), WS_E_INVALID_FORMAT, WS_FULL_FAULT_DISCLOSURE, newHeap()).action,
    ).toBeNull();
    expect([1, 2, 3].map((v) => defaultFaultAction(v as never))).toEqual([
      "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault",
      "http://www.w3.org/2005/08/addressing/soap/fault",
      null,
    ]);
    expect(bufferXml(send.header!)).toBe(`<h xmlns="urn:h"/>`);
    const w12 = writer();
    expect(WsWriteElement(w12, faultElement(S12, WS_ENVELOPE_VERSION_SOAP_1_2), WS_WRITE_REQUIRED_VALUE, send.fault)).toBe(S_OK);
    expect(written(w12)).toBe(
      `<Fault xmlns="${S12}"><Code><Value>Sender</Value><Subcode><Value xmlns:a="urn:app">a:Busy</Value></Subcode></Code>` +
        `<Reason><Text xml:lang="de-DE">Die Warteschlange ist voll</Text><Text xml:lang="en-US">The queue is full</Text></Reason>` +
        `<Detail><Count xmlns="urn:app">5</Count></Detail></Fault>`,
    );
    const w11 = writer();
    expect(WsWriteElement(w11, faultElement(S11, WS_ENVELOPE_VERSION_SOAP_1_1), WS_WRITE_REQUIRED_VALUE, send.fault)).toBe(S_OK);
    expect(written(w11)).toBe(
      `<Fault xmlns="${S11}"><faultcode xmlns:a="${S11}" xmlns="">a:Client</faultcode>` +
        `<faultstring xml:lang="de-DE" xmlns="">Die Warteschlange ist voll</faultstring>` +
        `<detail xmlns=""><Count xmlns="urn:app">5</Count></detail></Fault>`,
    );
  });

  it("receivedFault: WS_E_ENDPOINT_FAULT_RECEIVED with the reason first, and the fault readable on the error", () => {
    const heap = newHeap();
    const r = reader(
      `<s:Fault xmlns:s="${S11}"><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">Database down</faultstring>` +
        `<detail><e:Why xmlns:e="urn:e">disk</e:Why></detail></s:Fault>`,
    );
    const fault = ref<unknown>(null);
    expect(WsReadElement(r, faultElement(S11, WS_ENVELOPE_VERSION_SOAP_1_1), WS_READ_REQUIRED_VALUE, heap, fault)).toBe(S_OK);
    const error = newError();
    const failure = receivedFault("WsRequestReply", error, fault.value as WS_FAULT, x("urn:fault-action"));
    expect(failure.hr).toBe(WS_E_ENDPOINT_FAULT_RECEIVED);
    expect(failure.strings).toEqual(["Database down", "WsRequestReply: the endpoint replied with a fault (code Server)."]);
    expect(strings(error)).toEqual([]); // the flat API adds failure.strings when the failure is thrown
    const kept = property(error, WS_FAULT_ERROR_PROPERTY_FAULT) as WS_FAULT;
    expect(text(kept.code!.value.localName.bytes)).toBe("Server");
    expect(bufferXml(kept.detail!)).toBe(`<detail><e:Why xmlns:e="urn:e">disk</e:Why></detail>`);
    expect(text((property(error, WS_FAULT_ERROR_PROPERTY_ACTION) as WS_XML_STRING).bytes)).toBe("urn:fault-action");
    expect(receivedFault("WsReceiveMessage", null, fault.value as WS_FAULT).strings[0]).toBe("Database down");
  });
});
