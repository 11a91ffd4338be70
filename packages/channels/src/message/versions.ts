import {
  type WS_ADDRESSING_VERSION,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_ENVELOPE_VERSION,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
} from "@wwsapi/core";

/**
 * The names a message writes and recognises for its WS_ENVELOPE_VERSION and WS_ADDRESSING_VERSION.
 * The prefixes (`s`, `a`) and the namespace of WS_ADDRESSING_VERSION_TRANSPORT's Action are the
 * ones Windows writes (the Wine conformance tests record them: `<s:Envelope xmlns:a="…"
 * xmlns:s="…">`, `<Action s:mustUnderstand="1" xmlns="http://schemas.microsoft.com/ws/2005/05/addressing/none">`).
 */

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface EnvelopeNames {
  /** The SOAP namespace; empty for WS_ENVELOPE_VERSION_NONE, whose Envelope is in no namespace. */
  readonly ns: Uint8Array;
  /** `s`, or empty for WS_ENVELOPE_VERSION_NONE. */
  readonly prefix: Uint8Array;
  /** The fault code namespace prefix is the envelope's; SOAP 1.1 and 1.2 name the fault element Fault. */
  readonly label: string;
}

const SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";

export function envelopeNames(version: WS_ENVELOPE_VERSION): EnvelopeNames {
  switch (version) {
    case WS_ENVELOPE_VERSION_SOAP_1_1:
      return { ns: utf8(SOAP_11), prefix: utf8("s"), label: "SOAP 1.1" };
    case WS_ENVELOPE_VERSION_SOAP_1_2:
      return { ns: utf8(SOAP_12), prefix: utf8("s"), label: "SOAP 1.2" };
    case WS_ENVELOPE_VERSION_NONE:
      return { ns: new Uint8Array(0), prefix: new Uint8Array(0), label: "WS_ENVELOPE_VERSION_NONE" };
  }
}

export interface AddressingNames {
  /** The WS-Addressing namespace the headers are in. */
  readonly ns: Uint8Array;
  /** `a` for 0.9 and 1.0 (declared on the Envelope); empty for transport (declared on the header). */
  readonly prefix: Uint8Array;
  /** Whether the namespace is declared on the Envelope (0.9, 1.0), as Windows does. */
  readonly declaredOnEnvelope: boolean;
  /** The anonymous address of ReplyTo; null for transport addressing, which has no ReplyTo. */
  readonly anonymous: string | null;
  readonly label: string;
}

const ADDRESSING_09 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
const ADDRESSING_10 = "http://www.w3.org/2005/08/addressing";
const ADDRESSING_NONE = "http://schemas.microsoft.com/ws/2005/05/addressing/none";

export function addressingNames(version: WS_ADDRESSING_VERSION): AddressingNames {
  switch (version) {
    case WS_ADDRESSING_VERSION_0_9:
      return {
        ns: utf8(ADDRESSING_09),
        prefix: utf8("a"),
        declaredOnEnvelope: true,
        anonymous: `${ADDRESSING_09}/role/anonymous`,
        label: "WS-Addressing 0.9",
      };
    case WS_ADDRESSING_VERSION_1_0:
      return {
        ns: utf8(ADDRESSING_10),
        prefix: utf8("a"),
        declaredOnEnvelope: true,
        anonymous: `${ADDRESSING_10}/anonymous`,
        label: "WS-Addressing 1.0",
      };
    case WS_ADDRESSING_VERSION_TRANSPORT:
      return {
        ns: utf8(ADDRESSING_NONE),
        prefix: new Uint8Array(0),
        declaredOnEnvelope: false,
        anonymous: null,
        label: "transport addressing",
      };
  }
}

export const ENVELOPE = utf8("Envelope");
export const HEADER = utf8("Header");
export const BODY = utf8("Body");
export const FAULT = utf8("Fault");
export const MUST_UNDERSTAND = utf8("mustUnderstand");
export const RELAY = utf8("relay");
