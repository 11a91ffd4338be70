import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  type WS_MESSAGE,
  WS_MESSAGE_STATE_READING,
  WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { envelopeBuffer } from "./envelope-buffer.js";
import { headerAttributesOf, qualifiedName } from "./header-entry.js";
import { messageOf } from "./message-handle.js";
import { setMustUnderstandFault } from "./must-understand-fault.js";
import { currentNode, isElementNode } from "./xml-plumbing.js";

/**
 * "This function marks a header as 'understood' by the application." The position is that of a
 * header element in the message's header buffer (WS_MESSAGE_PROPERTY_HEADER_BUFFER), taken with
 * WsGetReaderPosition; "The WS_MESSAGE_STATE must be … WS_MESSAGE_STATE_READING."
 */
export function WsMarkHeaderAsUnderstood(message: WS_MESSAGE, headerPosition: WS_XML_NODE_POSITION, _error: WS_ERROR | null): HRESULT {
  const fn = "WsMarkHeaderAsUnderstood";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_READING);
  const buffer = envelopeBuffer(target);
  const entry = headerPosition.buffer === buffer ? target.headerNodes.get(headerPosition.node) : undefined;
  if (entry === undefined) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: headerPosition is not the position of a header element in this message's header buffer (WS_MESSAGE_PROPERTY_HEADER_BUFFER).`,
    );
  }
  entry.understood = true;
  return S_OK;
}

/**
 * "Verifies that the specified headers were understood by the receiver": a header with
 * mustUnderstand that was neither an addressing header, nor read with WsGetCustomHeader, nor marked
 * with WsMarkHeaderAsUnderstood fails the call with WS_E_INVALID_FORMAT ("The validation failed"),
 * naming the header, and leaves the MustUnderstand fault on `error` (must-understand-fault.ts).
 * "The message must be in WS_MESSAGE_STATE_READING state."
 */
export function WsCheckMustUnderstandHeaders(message: WS_MESSAGE, error: WS_ERROR | null): HRESULT {
  const fn = "WsCheckMustUnderstandHeaders";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_READING);
  const missed = target.headers.filter(
    (entry) => entry.targeted && (entry.attributes & WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE) !== 0 && !entry.understood,
  );
  if (missed.length > 0) {
    const names = missed.map((entry) => qualifiedName(entry.localName, entry.ns)).join(", ");
    if (error !== null) setMustUnderstandFault(error, target, missed);
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: MustUnderstand: the header${missed.length > 1 ? "s" : ""} ${names} must be understood but ${missed.length > 1 ? "were" : "was"} not (read it with WsGetCustomHeader or mark it with WsMarkHeaderAsUnderstood).`,
    );
  }
  return S_OK;
}

/**
 * "This function populates a ULONG parameter with the WS_HEADER_ATTRIBUTES from the header element
 * on which the reader is positioned. The envelope version of the message is used to determine which
 * attributes to return." "The message can be in any state except WS_MESSAGE_STATE_EMPTY"; a reader
 * that is not on an element is WS_E_INVALID_FORMAT ("The input data was not in the expected format").
 */
export function WsGetHeaderAttributes(
  message: WS_MESSAGE,
  reader: WS_XML_READER,
  headerAttributes: Ref<number>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetHeaderAttributes";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const node = currentNode(reader);
  if (!isElementNode(node)) {
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the reader must be on a header element, not on node type ${node.nodeType}.`);
  }
  headerAttributes.value = headerAttributesOf(target, node as WS_XML_ELEMENT_NODE);
  return S_OK;
}
