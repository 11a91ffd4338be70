import {
  type AsyncCompletion,
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_ELEMENT_DESCRIPTION,
  WS_ENVELOPE_VERSION_NONE,
  type WS_ERROR,
  WS_FAULT_TYPE,
  type WS_HEAP,
  type WS_MESSAGE,
  type WS_MESSAGE_DONE_CALLBACK,
  WS_MESSAGE_STATE_DONE,
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_READING,
  type WS_READ_OPTION,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { qualifiedName, readEntry } from "./header-entry.js";
import { messageOf } from "./message-handle.js";
import type { MessageObject } from "./message-object.js";
import { STANDARD_HEADERS } from "./standard-headers.js";
import { noteVersionMismatch } from "./version-mismatch-fault.js";
import { addressingNames, BODY, ENVELOPE, envelopeNames, FAULT, HEADER } from "./versions.js";
import { bytesEqual, currentNode, xmlCall, xmlString } from "./xml-plumbing.js";

/** Moves to the next start element (skipping whitespace and comments); null when an end element or EOF comes first. */
function nextElement(reader: WS_XML_READER): WS_XML_ELEMENT_NODE | null {
  const found = { value: false };
  xmlCall.readToStartElement(reader, null, null, found, null);
  return found.value ? (currentNode(reader) as WS_XML_ELEMENT_NODE) : null;
}

const nameOf = (element: WS_XML_ELEMENT_NODE) => ({
  localName: element.localName?.bytes ?? new Uint8Array(0),
  ns: element.ns?.bytes ?? new Uint8Array(0),
});

/** Requires the reader's next element to be `{ns}localName` of the envelope, or WS_E_INVALID_FORMAT naming both. */
function expectEnvelopeElement(fn: string, message: MessageObject, element: WS_XML_ELEMENT_NODE | null, localName: Uint8Array): void {
  const envelope = envelopeNames(message.envelopeVersion);
  const expected = qualifiedName(localName, envelope.ns);
  if (element === null) throw new WsError(WS_E_INVALID_FORMAT, `${fn}: expected the element ${expected} (${envelope.label}), found none.`);
  const found = nameOf(element);
  if (!bytesEqual(found.localName, localName) || !bytesEqual(found.ns, envelope.ns)) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: expected the element ${expected} (${envelope.label}), found ${qualifiedName(found.localName, found.ns)}.`,
    );
  }
}

/** The WS_HEADER_TYPE of a received header element, or 0 for a header that is not an addressing header. */
function headerTypeOf(message: MessageObject, element: WS_XML_ELEMENT_NODE): number {
  const addressing = addressingNames(message.addressingVersion);
  const { localName, ns } = nameOf(element);
  if (!bytesEqual(ns, addressing.ns)) return 0;
  for (const [type, header] of STANDARD_HEADERS) if (bytesEqual(localName, header.localName)) return type;
  return 0;
}

/**
 * Reads the headers: each child element of Header becomes a header entry. More than
 * WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS is WS_E_QUOTA_EXCEEDED; the header buffers count
 * against the message's heap (WS_MESSAGE_PROPERTY_HEAP_PROPERTIES), so large headers are
 * WS_E_QUOTA_EXCEEDED too.
 */
function readHeaders(fn: string, message: MessageObject, reader: WS_XML_READER): void {
  const limit = message.settings.maxProcessedHeaders;
  xmlCall.readStartElement(reader, null);
  for (let element = nextElement(reader); element !== null; element = nextElement(reader)) {
    if (message.headers.length >= limit) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${fn}: the message has more than ${limit} headers (WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS).`,
      );
    }
    try {
      message.headers.push(readEntry(message, reader, element, headerTypeOf(message, element) as 0));
    } catch (thrown) {
      if (!(thrown instanceof WsError)) throw thrown;
      const { localName, ns } = nameOf(element);
      throw new WsError(thrown.hr, `${fn}: the header ${qualifiedName(localName, ns)}: ${thrown.message}`);
    }
  }
  xmlCall.readEndElement(reader, null);
}

/**
 * "Reads the headers of the message and prepare to read the body elements": the Envelope, its
 * Header (optional) and the start of the Body; the reader is left on the Body's first node. The
 * message must be empty; it is READING after, with WS_MESSAGE_PROPERTY_IS_FAULT set when the body's
 * first element is the envelope's Fault.
 */
export function WsReadEnvelopeStart(
  message: WS_MESSAGE,
  reader: WS_XML_READER,
  doneCallback: WS_MESSAGE_DONE_CALLBACK | null,
  doneCallbackState: unknown,
  error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadEnvelopeStart";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_EMPTY);
  const envelope = envelopeNames(target.envelopeVersion);
  try {
    const root = nextElement(reader);
    if (error !== null) noteVersionMismatch(error, target, root);
    expectEnvelopeElement(fn, target, root, ENVELOPE);
    xmlCall.readStartElement(reader, null);
    let element = nextElement(reader);
    if (element !== null && bytesEqual(nameOf(element).localName, HEADER) && bytesEqual(nameOf(element).ns, envelope.ns)) {
      readHeaders(fn, target, reader);
      element = nextElement(reader);
    }
    expectEnvelopeElement(fn, target, element, BODY);
    xmlCall.readStartElement(reader, null);
    const first = nextElement(reader);
    target.isFault =
      first !== null &&
      target.envelopeVersion !== WS_ENVELOPE_VERSION_NONE &&
      bytesEqual(nameOf(first).localName, FAULT) &&
      bytesEqual(nameOf(first).ns, envelope.ns);
  } catch (thrown) {
    target.headers = [];
    target.headersChanged();
    target.isFault = false;
    throw thrown;
  }
  target.headersChanged();
  target.reader = reader;
  target.done = doneCallback === null ? null : { callback: doneCallback, state: doneCallbackState };
  target.state = WS_MESSAGE_STATE_READING;
  return S_OK;
}

/**
 * "Deserializes a value from the XML Reader of the message", an element of the body, with the
 * serializer (WsReadElement). A WS_FAULT_TYPE description without a name reads the envelope's Fault
 * (Windows accepts that, the Wine conformance tests record). Without a heap, the message's is used.
 */
export function WsReadBody(
  message: WS_MESSAGE,
  bodyDescription: WS_ELEMENT_DESCRIPTION,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadBody";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_READING);
  const reader = target.reader!;
  let description = bodyDescription;
  if (description.type === WS_FAULT_TYPE && description.elementLocalName === null) {
    if (target.envelopeVersion === WS_ENVELOPE_VERSION_NONE) {
      throw new WsError(E_INVALIDARG, `${fn}: a fault needs a SOAP envelope; this message's is WS_ENVELOPE_VERSION_NONE.`);
    }
    const envelope = envelopeNames(target.envelopeVersion);
    description = {
      elementLocalName: xmlString(FAULT),
      elementNs: xmlString(envelope.ns),
      type: WS_FAULT_TYPE,
      typeDescription: description.typeDescription ?? { envelopeVersion: target.envelopeVersion },
    };
  }
  nextElement(reader);
  xmlCall.readElement(reader, description, readOption, heap ?? target.heap, value, null);
  return S_OK;
}

/**
 * "Reads the closing elements of a message": `</s:Body></s:Envelope>`, then the end of the input.
 * A body element the application did not read is WS_E_INVALID_FORMAT, naming it, rather than
 * skipped unseen. The message is DONE after.
 */
export function WsReadEnvelopeEnd(message: WS_MESSAGE, _error: WS_ERROR | null): HRESULT {
  const fn = "WsReadEnvelopeEnd";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_READING);
  const reader = target.reader!;
  const left = nextElement(reader);
  if (left !== null) {
    const { localName, ns } = nameOf(left);
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the body still has the element ${qualifiedName(localName, ns)}, which was not read.`);
  }
  xmlCall.readEndElement(reader, null);
  xmlCall.readEndElement(reader, null);
  if (currentNode(reader).nodeType !== WS_XML_NODE_TYPE_EOF) {
    // Whitespace or comments may follow the Envelope; anything else is not a SOAP message.
    const after = nextElement(reader);
    if (after !== null || currentNode(reader).nodeType !== WS_XML_NODE_TYPE_EOF) {
      throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the input goes on after the Envelope.`);
    }
  }
  target.state = WS_MESSAGE_STATE_DONE;
  return S_OK;
}

/**
 * "Ensures that the message has at least minSize bytes of body data buffered", through
 * WsFillReader: a reader over a buffer has everything already and completes at once; a stream
 * reader reads more, and may complete later (the reader's own async contract).
 */
export function WsFillBody(
  message: WS_MESSAGE,
  minSize: number,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const target = messageOf(message);
  target.expectState("WsFillBody", WS_MESSAGE_STATE_READING);
  return xmlCall.fillReader(target.reader!, minSize, asyncContext, null);
}
