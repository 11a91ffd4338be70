import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_TYPE_MAPPING,
  WS_ENDPOINT_ADDRESS_TYPE,
  type WS_ERROR,
  WS_FAULT_TO_HEADER,
  WS_FROM_HEADER,
  type WS_HEADER_TYPE,
  type WS_HEAP,
  type WS_MESSAGE,
  WS_MESSAGE_ID_HEADER,
  WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE,
  WS_READ_NILLABLE_POINTER,
  WS_READ_NILLABLE_VALUE,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_RELATES_TO_HEADER,
  WS_REPLY_TO_HEADER,
  WS_STRING_TYPE,
  WS_TO_HEADER,
  type WS_TYPE,
  type WS_UNIQUE_ID,
  WS_UNIQUE_ID_TYPE,
  WS_WRITE_NILLABLE_POINTER,
  WS_WRITE_NILLABLE_VALUE,
  type WS_WRITE_OPTION,
  WS_WSZ_TYPE,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { buildEntry, type HeaderEntry, valueBuffer, writeHeaderElement } from "./header-entry.js";
import { messageOf } from "./message-handle.js";
import type { MessageObject } from "./message-object.js";
import { addressingNames } from "./versions.js";
import { readFromBuffer, utf8, xmlCall } from "./xml-plumbing.js";

/** The addressing headers of WS_HEADER_TYPE: WsSetHeader, WsGetHeader, WsRemoveHeader. */

interface StandardHeader {
  readonly name: string;
  readonly localName: Uint8Array;
  /** The WS_TYPEs WS_HEADER_TYPE lists for it. */
  readonly types: ReadonlySet<number>;
  /** Written with mustUnderstand="1" (Action and To, as Windows and WCF write them). */
  readonly mustUnderstand: boolean;
  /** "This header is not supported for WS_ADDRESSING_VERSION_TRANSPORT." */
  readonly transport: boolean;
}

const STRINGS = new Set<number>([WS_XML_STRING_TYPE, WS_WSZ_TYPE, WS_STRING_TYPE]);
const IDS = new Set<number>([WS_UNIQUE_ID_TYPE, WS_XML_STRING_TYPE, WS_WSZ_TYPE, WS_STRING_TYPE]);
const ADDRESSES = new Set<number>([WS_ENDPOINT_ADDRESS_TYPE]);

const header = (name: string, types: ReadonlySet<number>, mustUnderstand: boolean, transport: boolean): StandardHeader => ({
  name,
  localName: utf8(name),
  types,
  mustUnderstand,
  transport,
});

export const STANDARD_HEADERS: ReadonlyMap<number, StandardHeader> = new Map([
  [WS_ACTION_HEADER, header("Action", STRINGS, true, true)],
  [WS_TO_HEADER, header("To", STRINGS, true, true)],
  [WS_MESSAGE_ID_HEADER, header("MessageID", IDS, false, false)],
  [WS_RELATES_TO_HEADER, header("RelatesTo", IDS, false, false)],
  [WS_FROM_HEADER, header("From", ADDRESSES, false, false)],
  [WS_REPLY_TO_HEADER, header("ReplyTo", ADDRESSES, false, false)],
  [WS_FAULT_TO_HEADER, header("FaultTo", ADDRESSES, false, false)],
]);

const TYPE_NAMES: Record<number, string> = {
  [WS_XML_STRING_TYPE]: "WS_XML_STRING_TYPE",
  [WS_WSZ_TYPE]: "WS_WSZ_TYPE",
  [WS_STRING_TYPE]: "WS_STRING_TYPE",
  [WS_UNIQUE_ID_TYPE]: "WS_UNIQUE_ID_TYPE",
  [WS_ENDPOINT_ADDRESS_TYPE]: "WS_ENDPOINT_ADDRESS_TYPE",
};

/** The header's description, or E_INVALIDARG for a headerType WS_HEADER_TYPE does not define or the message's addressing version lacks. */
export function standardHeader(fn: string, message: MessageObject, headerType: number): StandardHeader {
  const found = STANDARD_HEADERS.get(headerType);
  if (found === undefined) throw new WsError(E_INVALIDARG, `${fn}: headerType ${headerType} is not a WS_HEADER_TYPE.`);
  if (message.addressingVersion === WS_ADDRESSING_VERSION_TRANSPORT && !found.transport) {
    throw new WsError(E_INVALIDARG, `${fn}: the ${found.name} header is not supported for WS_ADDRESSING_VERSION_TRANSPORT.`);
  }
  return found;
}

function checkValueType(fn: string, found: StandardHeader, valueType: number): void {
  if (!found.types.has(valueType)) {
    const allowed = [...found.types].map((type) => TYPE_NAMES[type]).join(", ");
    throw new WsError(E_INVALIDARG, `${fn}: the ${found.name} header is read and written as ${allowed}, not WS_TYPE ${valueType}.`);
  }
}

/** WS_ENDPOINT_ADDRESS_TYPE's description: the message's addressing version decides the XML form. */
const typeDescriptionFor = (message: MessageObject, valueType: number): unknown =>
  valueType === WS_ENDPOINT_ADDRESS_TYPE ? { addressingVersion: message.addressingVersion } : null;

/** The header of a type meant for this node, or undefined; a type that appears twice is WS_E_INVALID_FORMAT. */
export function findHeader(message: MessageObject, headerType: number, fn = "WsGetHeader"): HeaderEntry | undefined {
  const found = message.headers.filter((entry) => entry.headerType === headerType && entry.targeted);
  if (found.length > 1) {
    const name = STANDARD_HEADERS.get(headerType)?.name ?? String(headerType);
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the message has ${found.length} ${name} headers; there may be one.`);
  }
  return found[0];
}

/** Builds an addressing header and puts it in place of the one of its type, or last. */
export function setStandardHeader(
  fn: string,
  message: MessageObject,
  headerType: WS_HEADER_TYPE,
  writeContent: (writer: WS_XML_WRITER) => void,
  replayable = true,
  /** The header's text when the caller knows it (standardHeaderText then need not read it back). */
  text?: string,
): void {
  const found = standardHeader(fn, message, headerType);
  const addressing = addressingNames(message.addressingVersion);
  const attributes = found.mustUnderstand ? WS_MUST_UNDERSTAND_HEADER_ATTRIBUTE : 0;
  const prefix = addressing.prefix.length === 0 ? null : addressing.prefix;
  const entry = buildEntry(
    message,
    headerType,
    found.localName,
    addressing.ns,
    attributes,
    (writer) => writeHeaderElement(message, writer, prefix, found.localName, addressing.ns, attributes, writeContent),
    replayable,
  );
  // "If a header of the given type (targeted at the ultimate receiver) already exists in the
  // message, it is replaced"; two of them are WS_E_INVALID_FORMAT.
  const existing = findHeader(message, headerType, fn);
  const index = existing === undefined ? -1 : message.headers.indexOf(existing);
  if (index < 0) message.headers.push(entry);
  else message.headers[index] = entry;
  if (text !== undefined) headerTexts.set(entry, text);
  message.headersChanged();
}

/**
 * The text of addressing headers, by entry, so that the channel's `message.action` (read for
 * SOAPAction or the content type of every message sent and received) does not write and read an
 * XML buffer each time. Keyed by the entry: an entry is never changed, only replaced
 * (WsSetHeader), removed (WsRemoveHeader) or dropped with all the others (WsResetMessage,
 * WsInitializeMessage, WsReadEnvelopeStart), so a text is right for as long as its entry is the
 * message's, and goes with it.
 */
const headerTexts = new WeakMap<HeaderEntry, string>();

const SURROGATE = /[\uD800-\uDFFF]/;
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The text WsSetHeader's value is written as, when reading it back is certain to give the same
 * string (the writer escapes what it must and the reader undoes it); undefined otherwise (bytes that
 * are not UTF-8, a surrogate the writer may refuse or replace), and the text is read back as before.
 */
function knownText(valueType: number, value: unknown): string | undefined {
  let text: string | undefined;
  if (valueType === WS_XML_STRING_TYPE) {
    const bytes = (value as WS_XML_STRING | null)?.bytes;
    if (!(bytes instanceof Uint8Array)) return undefined;
    try {
      text = STRICT_UTF8.decode(bytes);
    } catch {
      return undefined;
    }
  } else if (typeof value === "string") text = value;
  return text === undefined || SURROGATE.test(text) ? undefined : text;
}

/**
 * A copy of a header value that the caller cannot change afterwards: strings are immutable, a
 * WS_XML_STRING's bytes and a WS_UNIQUE_ID's GUID are copied. An endpoint address is not copied;
 * its header is written from its buffer.
 */
function snapshot(valueType: number, value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (valueType === WS_XML_STRING_TYPE && (value as WS_XML_STRING).bytes instanceof Uint8Array) {
    return { ...(value as WS_XML_STRING), bytes: (value as WS_XML_STRING).bytes.slice() };
  }
  if (valueType === WS_UNIQUE_ID_TYPE && (value as WS_UNIQUE_ID).guid instanceof Uint8Array) {
    return { ...(value as WS_UNIQUE_ID), guid: (value as WS_UNIQUE_ID).guid.slice() };
  }
  return value;
}

/**
 * "Adds or replaces the specified standard header in the message." "The message can be in any
 * state but WS_MESSAGE_STATE_EMPTY": after WsWriteEnvelopeStart too (the Wine conformance tests
 * show it) the header buffer changes, the envelope already written does not.
 */
export function WsSetHeader(
  message: WS_MESSAGE,
  headerType: WS_HEADER_TYPE,
  valueType: WS_TYPE,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsSetHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const found = standardHeader(fn, target, headerType);
  checkValueType(fn, found, valueType);
  if (writeOption === WS_WRITE_NILLABLE_VALUE || writeOption === WS_WRITE_NILLABLE_POINTER) {
    // "WS_WRITE_NILLABLE_VALUE and WS_WRITE_NILLABLE_POINTER write options cannot be specified since
    // the header types in WS_HEADER_TYPE are not allowed to be nillable".
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the ${found.name} header is not nillable; WS_WRITE_NILLABLE_VALUE and WS_WRITE_NILLABLE_POINTER cannot be used.`,
    );
  }
  const description = typeDescriptionFor(target, valueType);
  const kept = snapshot(valueType, value);
  setStandardHeader(
    fn,
    target,
    headerType,
    (writer) => xmlCall.writeType(writer, WS_ELEMENT_TYPE_MAPPING, valueType, description, writeOption, kept, null),
    valueType !== WS_ENDPOINT_ADDRESS_TYPE,
    STRINGS.has(valueType) ? knownText(valueType, kept) : undefined,
  );
  return S_OK;
}

/**
 * "Finds a particular standard header in the message and deserializes it." A header that is not
 * there is WS_E_INVALID_FORMAT with a required read option (the Wine conformance tests), null with
 * WS_READ_OPTIONAL_POINTER; two of a type are WS_E_INVALID_FORMAT ("There are multiple instances of
 * the type of header in the message"); headers for another role are ignored. "If this [heap] is
 * NULL, then the message heap will be used."
 */
export function WsGetHeader(
  message: WS_MESSAGE,
  headerType: WS_HEADER_TYPE,
  valueType: WS_TYPE,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const found = standardHeader(fn, target, headerType);
  checkValueType(fn, found, valueType);
  if (readOption === WS_READ_NILLABLE_POINTER || readOption === WS_READ_NILLABLE_VALUE) {
    // "WS_READ_NILLABLE_VALUE and WS_READ_NILLABLE_POINTER read options cannot be specified since
    // the header types in WS_HEADER_TYPE are not allowed to be nillable".
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the ${found.name} header is not nillable; WS_READ_NILLABLE_VALUE and WS_READ_NILLABLE_POINTER cannot be used.`,
    );
  }
  const entry = findHeader(target, headerType, fn);
  if (entry === undefined) {
    if (readOption === WS_READ_OPTIONAL_POINTER) {
      value.value = null;
      return S_OK;
    }
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the message has no ${found.name} header.`);
  }
  const description = typeDescriptionFor(target, valueType);
  readFromBuffer(valueBuffer(target, entry), (reader) =>
    xmlCall.readType(reader, WS_ELEMENT_TYPE_MAPPING, valueType, description, readOption, heap ?? target.heap, value, null),
  );
  return S_OK;
}

/**
 * "Removes the standard WS-Addressing header from a message" (the ones for this node; a header for
 * another SOAP role stays); removing one that is not there succeeds (the Wine conformance tests).
 */
export function WsRemoveHeader(message: WS_MESSAGE, headerType: WS_HEADER_TYPE, _error: WS_ERROR | null): HRESULT {
  const fn = "WsRemoveHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  standardHeader(fn, target, headerType);
  const before = target.headers.length;
  target.headers = target.headers.filter((entry) => entry.headerType !== headerType || !entry.targeted);
  if (target.headers.length !== before) target.headersChanged();
  return S_OK;
}

/** The text of a string-valued addressing header (Action, To), or null when the message has none. */
export function standardHeaderText(message: MessageObject, headerType: number, fn: string): string | null {
  const entry = findHeader(message, headerType, fn);
  if (entry === undefined) return null;
  const known = headerTexts.get(entry);
  if (known !== undefined) return known;
  const value = { value: null as unknown };
  readFromBuffer(valueBuffer(message, entry), (reader) =>
    xmlCall.readType(reader, WS_ELEMENT_TYPE_MAPPING, WS_WSZ_TYPE, null, WS_READ_REQUIRED_POINTER, message.heap, value, null),
  );
  // A received header (or one set from a value whose text was not known) is read once.
  headerTexts.set(entry, value.value as string);
  return value.value as string;
}

/**
 * For the channel core, with WS_ADDRESSING_VERSION_TRANSPORT: puts the Action or To the transport
 * carried (SOAPAction, the content type's action, the request URL) into a received message, where
 * WsGetHeader finds it ("automatically mapped to/from the transport-specific message locations").
 */
export function setTransportHeader(message: MessageObject, headerType: typeof WS_ACTION_HEADER | typeof WS_TO_HEADER, text: string): void {
  setStandardHeader(
    "setTransportHeader",
    message,
    headerType,
    (writer) => xmlCall.writeChars(writer, text, null),
    true,
    knownText(WS_WSZ_TYPE, text),
  );
}
