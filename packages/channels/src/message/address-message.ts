import {
  type HRESULT,
  S_OK,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_E_INVALID_OPERATION,
  type WS_ENDPOINT_ADDRESS,
  type WS_ERROR,
  type WS_MESSAGE,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_TO_HEADER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_READER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { readEntry } from "./header-entry.js";
import { messageOf } from "./message-handle.js";
import { setStandardHeader } from "./standard-headers.js";
import { currentNode, isElementNode, readFromBuffer, xmlCall } from "./xml-plumbing.js";

/** The next element after the one just copied (whitespace skipped), or the node that ends the run. */
function nextSibling(reader: WS_XML_READER) {
  xmlCall.readToStartElement(reader, null, null, null, null);
  return currentNode(reader);
}

/**
 * "Addresses a message given an endpoint address": the address's URL becomes the To header (for
 * WS_ADDRESSING_VERSION_TRANSPORT, where To is the transport's, only the flag is set), and the
 * message is marked addressed (WS_MESSAGE_PROPERTY_IS_ADDRESSED). A NULL address addresses the
 * message without a To header (the Wine conformance tests accept it). The message must be
 * initialized and not yet addressed.
 */
export function WsAddressMessage(message: WS_MESSAGE, address: WS_ENDPOINT_ADDRESS | null, _error: WS_ERROR | null): HRESULT {
  const fn = "WsAddressMessage";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_INITIALIZED);
  if (target.isAddressed) throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the message is already addressed.`);
  if (address !== null && address.url.length > 0 && target.addressingVersion !== WS_ADDRESSING_VERSION_TRANSPORT) {
    setStandardHeader(fn, target, WS_TO_HEADER, (writer) => xmlCall.writeChars(writer, address.url, null));
  }
  // The endpoint's reference parameters (WS_ENDPOINT_ADDRESS.headers) go along as headers.
  if (address !== null && address.headers !== null) {
    readFromBuffer(address.headers, (reader) => {
      for (let node = currentNode(reader); isElementNode(node); node = nextSibling(reader)) {
        target.headers.push(readEntry(target, reader, node as WS_XML_ELEMENT_NODE, 0));
      }
    });
    target.headersChanged();
  }
  target.isAddressed = true;
  return S_OK;
}
