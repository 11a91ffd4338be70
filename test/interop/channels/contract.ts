import type { WS_MESSAGE_DESCRIPTION, WS_XML_STRING } from "@wwsapi/core";
import { typed } from "@wwsapi/xml";
import { actionOf, TEMPURI } from "../soap/calc.js";

/**
 * The Calculator contract every peer speaks (tools/peers/wsdl/calc.wsdl: WCF's ICalculator,
 * document/literal wrapped, elementFormDefault="qualified") as @wwsapi/xml typed descriptions and
 * the WS_MESSAGE_DESCRIPTIONs the channel functions take. The parameters are `minOccurs="0"` in the
 * schema but every peer sends them, so they are described as required: a missing one is a failure.
 */

const { struct, element, int32, string, bytes } = typed;

export const Add = struct("Add", TEMPURI, { a: element(int32, "a"), b: element(int32, "b") });
export const AddResponse = struct("AddResponse", TEMPURI, { AddResult: element(int32, "AddResult") });
export const Echo = struct("Echo", TEMPURI, { text: element(string, "text") });
export const EchoResponse = struct("EchoResponse", TEMPURI, { EchoResult: element(string, "EchoResult") });
export const EchoBytes = struct("EchoBytes", TEMPURI, { data: element(bytes, "data") });
export const EchoBytesResponse = struct("EchoBytesResponse", TEMPURI, { EchoBytesResult: element(bytes, "EchoBytesResult") });
/** An operation the contract does not have (action .../Missing, an empty <Missing/>): peers fault it. */
export const Missing = struct("Missing", TEMPURI, {});
/** Add with a string where xs:int belongs (`<a>two</a>`): the schema-validating peers fault it. */
export const AddText = struct("Add", TEMPURI, { a: element(string, "a"), b: element(int32, "b") });

const utf8 = new TextEncoder();
const xml = (text: string): WS_XML_STRING => ({ bytes: utf8.encode(text), dictionary: null, id: 0 });

function message(op: string, body: { readonly element: WS_MESSAGE_DESCRIPTION["bodyElementDescription"] }): WS_MESSAGE_DESCRIPTION {
  return { action: xml(actionOf(op)), bodyElementDescription: body.element };
}

export const ADD_REQUEST = message("Add", Add);
export const ADD_REPLY = message("AddResponse", AddResponse);
export const ECHO_REQUEST = message("Echo", Echo);
export const ECHO_REPLY = message("EchoResponse", EchoResponse);
export const ECHO_BYTES_REQUEST = message("EchoBytes", EchoBytes);
export const ECHO_BYTES_REPLY = message("EchoBytesResponse", EchoBytesResponse);
export const MISSING_REQUEST = message("Missing", Missing);
export const ADD_TEXT_REQUEST = message("Add", AddText);

/** The requests a Calculator server receives, in the order of WsReceiveMessage's index. */
export const REQUESTS = [ADD_REQUEST, ECHO_REQUEST, ECHO_BYTES_REQUEST] as const;

/** The same description without an action: WsRequestReply / WsReceiveMessage then do not check the received one. */
export const anyAction = (description: WS_MESSAGE_DESCRIPTION): WS_MESSAGE_DESCRIPTION => ({ ...description, action: null });
