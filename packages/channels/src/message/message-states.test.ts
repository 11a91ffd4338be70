import {
  E_INVALIDARG,
  type HRESULT,
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_1_0,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ELEMENT_DESCRIPTION,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_ERROR,
  type WS_MESSAGE,
  WS_MESSAGE_PROPERTY_BODY_READER,
  WS_MESSAGE_PROPERTY_BODY_WRITER,
  WS_MESSAGE_PROPERTY_ENVELOPE_VERSION,
  WS_MESSAGE_PROPERTY_HEADER_BUFFER,
  WS_MESSAGE_PROPERTY_HEAP,
  WS_MESSAGE_PROPERTY_IS_ADDRESSED,
  WS_MESSAGE_PROPERTY_STATE,
  WS_MESSAGE_STATE_DONE,
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_MESSAGE_STATE_READING,
  WS_MESSAGE_STATE_WRITING,
  WS_READ_OPTIONAL_POINTER,
  WS_REPEATING_HEADER,
  WS_REQUEST_MESSAGE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  type WS_XML_READER,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { WsReadToStartElement } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import {
  WsAddCustomHeader,
  WsAddMappedHeader,
  WsAddressMessage,
  WsCheckMustUnderstandHeaders,
  WsFillBody,
  WsFlushBody,
  WsGetCustomHeader,
  WsGetHeader,
  WsGetHeaderAttributes,
  WsGetMappedHeader,
  WsGetMessageProperty,
  WsInitializeMessage,
  WsMarkHeaderAsUnderstood,
  WsReadBody,
  WsReadEnvelopeEnd,
  WsReadEnvelopeStart,
  WsRemoveCustomHeader,
  WsRemoveHeader,
  WsRemoveMappedHeader,
  WsResetMessage,
  WsSetHeader,
  WsSetMessageProperty,
  WsWriteBody,
  WsWriteEnvelopeEnd,
  WsWriteEnvelopeStart,
} from "../index.js";
import { firstString, newError, newMessage, newReader, newWriter, stateOf, U_ELEMENT, x } from "./message.test-support.js";

/**
 * WS_MESSAGE_STATE: every message function called in each state. A call the state does not allow
 * returns WS_E_INVALID_OPERATION, and its error string names the state and the ones it needs;
 * nothing changes (the state stays).
 */

const EMPTY_ENVELOPE = new TextEncoder().encode(
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><u xmlns="ns"><val>1</val></u></s:Body></s:Envelope>',
);

const STATE_NAMES: Record<number, string> = {
  [WS_MESSAGE_STATE_EMPTY]: "WS_MESSAGE_STATE_EMPTY",
  [WS_MESSAGE_STATE_INITIALIZED]: "WS_MESSAGE_STATE_INITIALIZED",
  [WS_MESSAGE_STATE_READING]: "WS_MESSAGE_STATE_READING",
  [WS_MESSAGE_STATE_WRITING]: "WS_MESSAGE_STATE_WRITING",
  [WS_MESSAGE_STATE_DONE]: "WS_MESSAGE_STATE_DONE",
};

/** A message in `state`, made through the flat API. */
function messageIn(state: number): WS_MESSAGE {
  const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
  if (state === WS_MESSAGE_STATE_READING) {
    expect(WsReadEnvelopeStart(message, newReader(EMPTY_ENVELOPE), null, null)).toBe(S_OK);
  } else if (state !== WS_MESSAGE_STATE_EMPTY) {
    expect(WsInitializeMessage(message, WS_REQUEST_MESSAGE, null)).toBe(S_OK);
    if (state !== WS_MESSAGE_STATE_INITIALIZED) expect(WsWriteEnvelopeStart(message, newWriter(), null, null)).toBe(S_OK);
    if (state === WS_MESSAGE_STATE_DONE) expect(WsWriteEnvelopeEnd(message)).toBe(S_OK);
  }
  expect(stateOf(message)).toBe(state);
  return message;
}

/** A reader on the Envelope element (a header element would do as well: it has no header attributes). */
function readerOnEnvelope(): WS_XML_READER {
  const reader = newReader(EMPTY_ENVELOPE);
  expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
  return reader;
}

type Call = (message: WS_MESSAGE, error: WS_ERROR) => HRESULT;

interface Row {
  readonly name: string;
  readonly allowed: readonly number[];
  readonly call: Call;
  /** The function name its error string starts with, when not `name`. */
  readonly fn?: string;
}

const ALL = [
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_MESSAGE_STATE_READING,
  WS_MESSAGE_STATE_WRITING,
  WS_MESSAGE_STATE_DONE,
];
const NOT_EMPTY = [WS_MESSAGE_STATE_INITIALIZED, WS_MESSAGE_STATE_READING, WS_MESSAGE_STATE_WRITING, WS_MESSAGE_STATE_DONE];
const value = () => ref<unknown>(null);
const CUSTOM: WS_ELEMENT_DESCRIPTION = { elementLocalName: x("h"), elementNs: x("ns"), type: WS_XML_STRING_TYPE, typeDescription: null };

const ROWS: readonly Row[] = [
  { name: "WsInitializeMessage", allowed: [WS_MESSAGE_STATE_EMPTY], call: (m, e) => WsInitializeMessage(m, WS_REQUEST_MESSAGE, null, e) },
  {
    name: "WsSetHeader",
    allowed: NOT_EMPTY,
    call: (m, e) => WsSetHeader(m, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "a", e),
  },
  { name: "WsRemoveHeader", allowed: NOT_EMPTY, call: (m, e) => WsRemoveHeader(m, WS_ACTION_HEADER, e) },
  {
    name: "WsGetHeader",
    allowed: NOT_EMPTY,
    call: (m, e) => WsGetHeader(m, WS_ACTION_HEADER, WS_WSZ_TYPE, WS_READ_OPTIONAL_POINTER, null, value(), e),
  },
  { name: "WsAddCustomHeader", allowed: NOT_EMPTY, call: (m, e) => WsAddCustomHeader(m, CUSTOM, WS_WRITE_REQUIRED_VALUE, x("v"), 0, e) },
  { name: "WsRemoveCustomHeader", allowed: NOT_EMPTY, call: (m, e) => WsRemoveCustomHeader(m, x("h"), x("ns"), e) },
  {
    name: "WsGetCustomHeader",
    allowed: NOT_EMPTY,
    call: (m, e) => WsGetCustomHeader(m, CUSTOM, WS_REPEATING_HEADER, 0, WS_READ_OPTIONAL_POINTER, null, value(), null, e),
  },
  {
    name: "WsAddMappedHeader",
    allowed: NOT_EMPTY,
    call: (m, e) => WsAddMappedHeader(m, x("X-A"), WS_WSZ_TYPE, WS_WRITE_REQUIRED_POINTER, "v", e),
  },
  { name: "WsRemoveMappedHeader", allowed: NOT_EMPTY, call: (m, e) => WsRemoveMappedHeader(m, x("X-A"), e) },
  {
    name: "WsGetMappedHeader",
    allowed: NOT_EMPTY,
    call: (m, e) => WsGetMappedHeader(m, x("X-A"), WS_REPEATING_HEADER, 0, WS_WSZ_TYPE, WS_READ_OPTIONAL_POINTER, null, value(), e),
  },
  {
    name: "WsWriteEnvelopeStart",
    allowed: [WS_MESSAGE_STATE_INITIALIZED],
    call: (m, e) => WsWriteEnvelopeStart(m, newWriter(), null, null, e),
  },
  {
    name: "WsWriteBody",
    allowed: [WS_MESSAGE_STATE_WRITING],
    call: (m, e) => WsWriteBody(m, U_ELEMENT, WS_WRITE_REQUIRED_POINTER, { val: 1 }, e),
  },
  { name: "WsFlushBody", allowed: [WS_MESSAGE_STATE_WRITING], call: (m, e) => WsFlushBody(m, 0, null, e) },
  { name: "WsWriteEnvelopeEnd", allowed: [WS_MESSAGE_STATE_WRITING], call: (m, e) => WsWriteEnvelopeEnd(m, e) },
  {
    name: "WsReadEnvelopeStart",
    allowed: [WS_MESSAGE_STATE_EMPTY],
    call: (m, e) => WsReadEnvelopeStart(m, newReader(EMPTY_ENVELOPE), null, null, e),
  },
  {
    name: "WsReadBody",
    allowed: [WS_MESSAGE_STATE_READING],
    call: (m, e) => WsReadBody(m, U_ELEMENT, WS_READ_OPTIONAL_POINTER, null, value(), e),
  },
  { name: "WsFillBody", allowed: [WS_MESSAGE_STATE_READING], call: (m, e) => WsFillBody(m, 0, null, e) },
  { name: "WsReadEnvelopeEnd", allowed: [WS_MESSAGE_STATE_READING], call: (m, e) => WsReadEnvelopeEnd(m, e) },
  {
    name: "WsMarkHeaderAsUnderstood",
    allowed: [WS_MESSAGE_STATE_READING],
    call: (m, e) => WsMarkHeaderAsUnderstood(m, { buffer: null, node: null }, e),
  },
  { name: "WsCheckMustUnderstandHeaders", allowed: [WS_MESSAGE_STATE_READING], call: (m, e) => WsCheckMustUnderstandHeaders(m, e) },
  { name: "WsAddressMessage", allowed: [WS_MESSAGE_STATE_INITIALIZED], call: (m, e) => WsAddressMessage(m, null, e) },
  {
    name: "WsGetMessageProperty(IS_ADDRESSED)",
    fn: "WsGetMessageProperty (WS_MESSAGE_PROPERTY_IS_ADDRESSED)",
    allowed: NOT_EMPTY,
    call: (m, e) => WsGetMessageProperty(m, WS_MESSAGE_PROPERTY_IS_ADDRESSED, value(), e),
  },
  {
    name: "WsGetMessageProperty(HEADER_BUFFER)",
    fn: "WsGetMessageProperty (WS_MESSAGE_PROPERTY_HEADER_BUFFER)",
    allowed: NOT_EMPTY,
    call: (m, e) => WsGetMessageProperty(m, WS_MESSAGE_PROPERTY_HEADER_BUFFER, value(), e),
  },
  {
    name: "WsGetMessageProperty(HEAP)",
    fn: "WsGetMessageProperty (WS_MESSAGE_PROPERTY_HEAP)",
    allowed: NOT_EMPTY,
    call: (m, e) => WsGetMessageProperty(m, WS_MESSAGE_PROPERTY_HEAP, value(), e),
  },
  {
    name: "WsGetMessageProperty(BODY_READER)",
    fn: "WsGetMessageProperty (WS_MESSAGE_PROPERTY_BODY_READER)",
    allowed: [WS_MESSAGE_STATE_READING],
    call: (m, e) => WsGetMessageProperty(m, WS_MESSAGE_PROPERTY_BODY_READER, value(), e),
  },
  {
    name: "WsGetMessageProperty(BODY_WRITER)",
    fn: "WsGetMessageProperty (WS_MESSAGE_PROPERTY_BODY_WRITER)",
    allowed: [WS_MESSAGE_STATE_WRITING],
    call: (m, e) => WsGetMessageProperty(m, WS_MESSAGE_PROPERTY_BODY_WRITER, value(), e),
  },
  { name: "WsGetMessageProperty(STATE)", allowed: ALL, call: (m, e) => WsGetMessageProperty(m, WS_MESSAGE_PROPERTY_STATE, value(), e) },
  { name: "WsResetMessage", allowed: ALL, call: (m, e) => WsResetMessage(m, e) },
  { name: "WsGetHeaderAttributes", allowed: NOT_EMPTY, call: (m, e) => WsGetHeaderAttributes(m, readerOnEnvelope(), ref(0), e) },
];

describe("calls in a state that does not allow them: WS_E_INVALID_OPERATION", () => {
  for (const row of ROWS) {
    for (const state of ALL) {
      if (row.allowed.includes(state)) continue;
      it(`${row.name} in ${STATE_NAMES[state]}`, () => {
        const message = messageIn(state);
        const error = newError();
        expect(row.call(message, error)).toBe(WS_E_INVALID_OPERATION);
        expect(firstString(error)).toBe(
          `${row.fn ?? row.name}: the message is in ${STATE_NAMES[state]}; this call needs ${row.allowed.map((s) => STATE_NAMES[s]).join(" or ")}.`,
        );
        expect(stateOf(message)).toBe(state);
      });
    }
  }
});

describe("calls in a state that allows them get past the state check", () => {
  for (const row of ROWS) {
    for (const state of row.allowed) {
      it(`${row.name} in ${STATE_NAMES[state]}`, () => {
        const message = messageIn(state);
        const error = newError();
        const hr = row.call(message, error);
        if (row.name === "WsMarkHeaderAsUnderstood") {
          expect(hr).toBe(E_INVALIDARG);
          expect(firstString(error)).toMatch(/^WsMarkHeaderAsUnderstood: headerPosition is not/);
        } else if (row.name === "WsReadEnvelopeEnd") {
          // The body's <u> was not read: WsReadEnvelopeEnd does not skip it unseen.
          expect(hr).toBe(WS_E_INVALID_FORMAT);
          expect(firstString(error)).toBe("WsReadEnvelopeEnd: the body still has the element {ns}u, which was not read.");
        } else {
          expect(hr).toBe(S_OK);
        }
      });
    }
  }
});

describe("properties in every state", () => {
  it("WsSetMessageProperty is WS_E_INVALID_OPERATION for every property, in every state (the Wine tests: state and versions)", () => {
    for (const state of ALL) {
      const error = newError();
      expect(WsSetMessageProperty(messageIn(state), WS_MESSAGE_PROPERTY_ENVELOPE_VERSION, WS_ENVELOPE_VERSION_SOAP_1_2, error)).toBe(
        WS_E_INVALID_OPERATION,
      );
      expect(firstString(error)).toBe(
        "WsSetMessageProperty: message property 2 cannot be set; it is read-only or given to WsCreateMessage.",
      );
    }
  });
});
