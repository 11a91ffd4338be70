import {
  E_INVALIDARG,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_HEADER_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE,
  WS_RELAY_HEADER_ATTRIBUTE,
  type WS_XML_ATTRIBUTE,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_READER,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { dictionaryName } from "./dictionary-strings.js";
import type { MessageObject } from "./message-object.js";
import { envelopeNames, MUST_UNDERSTAND, RELAY } from "./versions.js";
import {
  bytesEqual,
  currentNode,
  fromUtf8,
  newXmlBuffer,
  readFromBuffer,
  utf8,
  writeIntoBuffer,
  xmlCall,
  xmlString,
} from "./xml-plumbing.js";

/**
 * One SOAP header of a message: its element, alone, in a WS_XML_BUFFER on the message's heap.
 * Built headers (WsSetHeader, WsAddCustomHeader, WsInitializeMessage) and received ones
 * (WsReadEnvelopeStart) are kept the same way, so WsGetHeader and WsGetCustomHeader read both
 * alike, and the envelope is written by copying each buffer into the caller's writer (which drops
 * the namespace declarations the Envelope already makes, so a header reads `<a:MessageID>` there).
 */
export interface HeaderEntry {
  /** The WS_HEADER_TYPE of an addressing header; 0 for any other header. */
  readonly headerType: WS_HEADER_TYPE | 0;
  readonly localName: Uint8Array;
  readonly ns: Uint8Array;
  /** The header element alone. */
  readonly buffer: WS_XML_BUFFER;
  /** Its WS_HEADER_ATTRIBUTES: WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE, WS_RELAY_HEADER_ATTRIBUTE. */
  readonly attributes: number;
  /**
   * Whether the receiver understood it (WsCheckMustUnderstandHeaders): "Standard addressing headers
   * … are automatically assumed to be understood"; WsGetCustomHeader and WsMarkHeaderAsUnderstood
   * mark the others.
   */
  understood: boolean;
  /**
   * Whether the header is for this node: a received header whose actor (SOAP 1.1) or role (SOAP
   * 1.2) names another node is kept (and written again by WS_DUPLICATE_MESSAGE) but WsGetHeader
   * "will ignore headers targeted at a role/actor other than the ultimate receiver", and it need
   * not be understood here.
   */
  readonly targeted: boolean;
  /**
   * Writes the element again, for headers built here from values that cannot change afterwards
   * (strings, copied WS_XML_STRINGs and WS_UNIQUE_IDs). The envelope is written with it rather than
   * from the buffer because a WS_XML_BUFFER keeps text, not the typed values and dictionary strings
   * a binary writer turns into records (a MessageID's UniqueIdText, mustUnderstand's One record,
   * `a:Action` as a dictionary id); in text both give the same bytes.
   */
  readonly write?: (writer: WS_XML_WRITER) => void;
  /** The element without its SOAP header attributes, for the serializer (valueBuffer); made when first needed. */
  readable?: WS_XML_BUFFER;
}

/**
 * Writes a header element: start, the mustUnderstand / relay attributes ("1": SOAP 1.1 allows "1",
 * SOAP 1.2 "1" or "true", and Windows writes "1") in the envelope's
 * namespace (no namespace for WS_ENVELOPE_VERSION_NONE, as Windows writes `<Action
 * mustUnderstand="1" …>`), the content, end.
 */
export function writeHeaderElement(
  message: MessageObject,
  writer: WS_XML_WRITER,
  prefix: Uint8Array | null,
  localName: Uint8Array,
  ns: Uint8Array,
  attributes: number,
  writeContent: (writer: WS_XML_WRITER) => void,
): void {
  const envelope = envelopeNames(message.envelopeVersion);
  xmlCall.writeStartElement(writer, prefix === null ? null : xmlString(prefix), dictionaryName(localName), dictionaryName(ns), null);
  const writeFlag = (name: Uint8Array) => {
    xmlCall.writeStartAttribute(writer, xmlString(envelope.prefix), dictionaryName(name), dictionaryName(envelope.ns), false, null);
    // The value 1 as a number: "1" in text, the One record in binary XML, as WCF writes it.
    xmlCall.writeValue(writer, WS_INT32_VALUE_TYPE, 1, null);
    xmlCall.writeEndAttribute(writer, null);
  };
  if ((attributes & WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE) !== 0) writeFlag(MUST_UNDERSTAND);
  if ((attributes & WS_RELAY_HEADER_ATTRIBUTE) !== 0) writeFlag(RELAY);
  writeContent(writer);
  xmlCall.writeEndElement(writer, null);
}

/** The WS_HEADER_ATTRIBUTES flags a caller may pass; relay exists in SOAP 1.2 only. */
export function checkHeaderAttributes(fn: string, message: MessageObject, attributes: number): void {
  if ((attributes & ~(WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE | WS_RELAY_HEADER_ATTRIBUTE)) !== 0) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: headerAttributes ${attributes} has flags other than WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE and WS_RELAY_HEADER_ATTRIBUTE.`,
    );
  }
  if ((attributes & WS_RELAY_HEADER_ATTRIBUTE) !== 0 && message.envelopeVersion !== WS_ENVELOPE_VERSION_SOAP_1_2) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: WS_RELAY_HEADER_ATTRIBUTE is a SOAP 1.2 attribute; this message's envelope is ${envelopeNames(message.envelopeVersion).label}.`,
    );
  }
}

/** A new header entry whose element `write` produces, in a buffer on the message's heap. */
export function buildEntry(
  message: MessageObject,
  headerType: WS_HEADER_TYPE | 0,
  localName: Uint8Array,
  ns: Uint8Array,
  attributes: number,
  write: (writer: WS_XML_WRITER) => void,
  replayable: boolean,
): HeaderEntry {
  const buffer = newXmlBuffer(message.heap);
  writeIntoBuffer(buffer, write);
  const entry: HeaderEntry = { headerType, localName, ns, buffer, attributes, understood: true, targeted: true };
  return replayable ? { ...entry, write } : entry;
}

/** Writes a header into the envelope: again from its value when it can, else from its buffer. */
export function writeEntry(writer: WS_XML_WRITER, entry: HeaderEntry): void {
  if (entry.write !== undefined) entry.write(writer);
  else xmlCall.writeXmlBuffer(writer, entry.buffer, null);
}

/** A copy of `source`'s `entry` on `message`'s heap (WS_DUPLICATE_MESSAGE). */
export function copyEntry(message: MessageObject, source: MessageObject, entry: HeaderEntry): HeaderEntry {
  const buffer = newXmlBuffer(message.heap);
  writeIntoBuffer(buffer, (writer) => xmlCall.writeXmlBuffer(writer, entry.buffer, null));
  // The copy lives on the new message's heap: the source's attribute-free copy does not come along,
  // and the source's writer only when both messages write the same envelope and addressing.
  const { readable: _readable, write, ...rest } = entry;
  const sameVersions = message.envelopeVersion === source.envelopeVersion && message.addressingVersion === source.addressingVersion;
  return sameVersions && write !== undefined ? { ...rest, buffer, write } : { ...rest, buffer };
}

/** Whether an attribute value means true ("1" or "true"; binary readers may give a bool or int text). */
function isTrue(text: WS_XML_TEXT | null): boolean {
  if (text === null) return false;
  switch (text.textType) {
    case WS_XML_TEXT_TYPE_UTF8: {
      const value = fromUtf8((text as unknown as { value: { bytes: Uint8Array } }).value.bytes).trim();
      return value === "1" || value === "true";
    }
    case WS_XML_TEXT_TYPE_BOOL:
      return (text as unknown as { value: boolean }).value;
    case WS_XML_TEXT_TYPE_INT32:
      return (text as unknown as { value: number }).value === 1;
    default:
      return false;
  }
}

/** The WS_HEADER_ATTRIBUTES of a header element, read from its attributes in the envelope's namespace. */
export function headerAttributesOf(message: MessageObject, element: WS_XML_ELEMENT_NODE): number {
  const envelope = envelopeNames(message.envelopeVersion);
  const noNamespace = message.envelopeVersion === WS_ENVELOPE_VERSION_NONE;
  let flags = 0;
  for (const attribute of element.attributes as readonly WS_XML_ATTRIBUTE[]) {
    if (attribute.isXmlNs) continue;
    const ns = attribute.ns?.bytes ?? new Uint8Array(0);
    if (!bytesEqual(ns, noNamespace ? new Uint8Array(0) : envelope.ns)) continue;
    const name = attribute.localName?.bytes ?? new Uint8Array(0);
    if (bytesEqual(name, MUST_UNDERSTAND) && isTrue(attribute.value)) flags |= WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE;
    else if (bytesEqual(name, RELAY) && isTrue(attribute.value)) flags |= WS_RELAY_HEADER_ATTRIBUTE;
  }
  return flags;
}

/**
 * The roles a header may name and still be for the ultimate receiver: none (the default), SOAP
 * 1.1's `…/actor/next` ("every SOAP application … MUST act in the role"), SOAP 1.2's `…/role/next`
 * and `…/role/ultimateReceiver`.
 */
const OUR_ROLES = new Set([
  "http://schemas.xmlsoap.org/soap/actor/next",
  "http://www.w3.org/2003/05/soap-envelope/role/next",
  "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
]);

function isForUltimateReceiver(message: MessageObject, element: WS_XML_ELEMENT_NODE): boolean {
  if (message.envelopeVersion === WS_ENVELOPE_VERSION_NONE) return true;
  const envelope = envelopeNames(message.envelopeVersion);
  const roleName = utf8(message.envelopeVersion === WS_ENVELOPE_VERSION_SOAP_1_2 ? "role" : "actor");
  for (const attribute of element.attributes as readonly WS_XML_ATTRIBUTE[]) {
    if (attribute.isXmlNs || !bytesEqual(attribute.ns?.bytes ?? new Uint8Array(0), envelope.ns)) continue;
    if (!bytesEqual(attribute.localName?.bytes ?? new Uint8Array(0), roleName)) continue;
    const value =
      attribute.value?.textType === WS_XML_TEXT_TYPE_UTF8
        ? fromUtf8((attribute.value as unknown as { value: { bytes: Uint8Array } }).value.bytes).trim()
        : "";
    return value === "" || OUR_ROLES.has(value);
  }
  return true;
}

/** Reads the element the reader is on into a new header entry (WsReadEnvelopeStart); the reader ends after it. */
export function readEntry(
  message: MessageObject,
  reader: WS_XML_READER,
  element: WS_XML_ELEMENT_NODE,
  headerType: WS_HEADER_TYPE | 0,
): HeaderEntry {
  const localName = (element.localName?.bytes ?? new Uint8Array(0)).slice();
  const ns = (element.ns?.bytes ?? new Uint8Array(0)).slice();
  const attributes = headerAttributesOf(message, element);
  const targeted = isForUltimateReceiver(message, element);
  const buffer = { value: null as WS_XML_BUFFER | null };
  xmlCall.readXmlBuffer(reader, message.heap, buffer, null);
  return { headerType, localName, ns, buffer: buffer.value!, attributes, understood: headerType !== 0, targeted };
}

/** The SOAP attributes of a header element, which belong to the message, not to the header's value. */
const SOAP_HEADER_ATTRIBUTES = [MUST_UNDERSTAND, RELAY, utf8("role"), utf8("actor")];

function isSoapHeaderAttribute(message: MessageObject, attribute: WS_XML_ATTRIBUTE): boolean {
  if (attribute.isXmlNs) return false;
  const ns = attribute.ns?.bytes ?? new Uint8Array(0);
  const expected = message.envelopeVersion === WS_ENVELOPE_VERSION_NONE ? new Uint8Array(0) : envelopeNames(message.envelopeVersion).ns;
  if (!bytesEqual(ns, expected)) return false;
  const name = attribute.localName?.bytes ?? new Uint8Array(0);
  return SOAP_HEADER_ATTRIBUTES.some((known) => bytesEqual(name, known));
}

/**
 * The header element as the serializer reads its value (WsGetHeader, WsGetCustomHeader): without
 * the SOAP attributes (mustUnderstand, relay, role/actor), which are the message's business
 * (WS_HEADER_ATTRIBUTES) — a struct description has no field for them and would refuse them as
 * unmapped. The copy is made on the message's heap when first needed and kept with the entry.
 */
export function valueBuffer(message: MessageObject, entry: HeaderEntry): WS_XML_BUFFER {
  if (entry.readable !== undefined) return entry.readable;
  const copy = readFromBuffer(entry.buffer, (reader) => {
    const element = currentNode(reader) as WS_XML_ELEMENT_NODE;
    const attributes = (element.attributes as readonly WS_XML_ATTRIBUTE[]).filter(
      (attribute) => !isSoapHeaderAttribute(message, attribute),
    );
    if (attributes.length === element.attributes.length) return entry.buffer;
    const buffer = newXmlBuffer(message.heap);
    writeIntoBuffer(buffer, (writer) => {
      xmlCall.writeNode(writer, { ...element, attributes } as WS_XML_ELEMENT_NODE, null);
      xmlCall.readNode(reader, null);
      while (currentNode(reader).nodeType !== WS_XML_NODE_TYPE_END_ELEMENT) xmlCall.copyNode(writer, reader, null);
      xmlCall.writeEndElement(writer, null);
    });
    return buffer;
  });
  entry.readable = copy;
  return copy;
}

/** `{ns}localName`, for messages. */
export const qualifiedName = (localName: Uint8Array, ns: Uint8Array): string =>
  ns.length === 0 ? fromUtf8(localName) : `{${fromUtf8(ns)}}${fromUtf8(localName)}`;

export { utf8 };
