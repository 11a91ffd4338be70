import { randomUUID } from "node:crypto";
import {
  E_INVALIDARG,
  type HRESULT,
  S_OK,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_BLANK_MESSAGE,
  WS_DUPLICATE_MESSAGE,
  WS_E_INVALID_OPERATION,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_ERROR,
  WS_FAULT_MESSAGE,
  WS_FAULT_TO_HEADER,
  type WS_MESSAGE,
  WS_MESSAGE_ID_HEADER,
  type WS_MESSAGE_INITIALIZATION,
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_RELATES_TO_HEADER,
  WS_REPLY_MESSAGE,
  WS_REPLY_TO_HEADER,
  WS_REQUEST_MESSAGE,
  WS_TO_HEADER,
  type WS_UNIQUE_ID,
  WS_UNIQUE_ID_TYPE,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { dictionaryName } from "./dictionary-strings.js";
import { copyEntry, valueBuffer } from "./header-entry.js";
import { messageOf } from "./message-handle.js";
import type { MessageObject } from "./message-object.js";
import { findHeader, setStandardHeader } from "./standard-headers.js";
import { addressingNames } from "./versions.js";
import { readFromBuffer, utf8, xmlCall, xmlString } from "./xml-plumbing.js";

/**
 * A new unique MessageID: a WS_UNIQUE_ID holding a random (version 4) GUID, in Windows memory order
 * (Data1, Data2, Data3 little-endian). Written as a WS_UNIQUE_ID it is `urn:uuid:` and the GUID in
 * lower case in text, as Windows writes it, and a UniqueIdText record in binary XML (as WCF writes it).
 */
export function newMessageId(): WS_UNIQUE_ID {
  const hex = randomUUID().replaceAll("-", "");
  const bytes = Uint8Array.from(hex.match(/../g)!, (pair) => Number.parseInt(pair, 16));
  const guid = Uint8Array.of(bytes[3]!, bytes[2]!, bytes[1]!, bytes[0]!, bytes[5]!, bytes[4]!, bytes[7]!, bytes[6]!, ...bytes.subarray(8));
  return { uri: "", guid };
}

/** Writes a WS_UNIQUE_ID as the content of the header element that is open. */
const uniqueIdContent = (id: WS_UNIQUE_ID) => (writer: WS_XML_WRITER) =>
  xmlCall.writeType(writer, WS_ELEMENT_TYPE_MAPPING, WS_UNIQUE_ID_TYPE, null, WS_WRITE_REQUIRED_VALUE, id, null);

/** The source's MessageID as a WS_UNIQUE_ID (a GUID for `urn:uuid:…`, else the URI), or null when it has none. */
function messageIdOf(fn: string, source: MessageObject): WS_UNIQUE_ID | null {
  const entry = findHeader(source, WS_MESSAGE_ID_HEADER, fn);
  if (entry === undefined) return null;
  const value = { value: null as unknown };
  readFromBuffer(valueBuffer(source, entry), (reader) =>
    xmlCall.readType(reader, WS_ELEMENT_TYPE_MAPPING, WS_UNIQUE_ID_TYPE, null, WS_READ_REQUIRED_VALUE, source.heap, value, null),
  );
  return value.value as WS_UNIQUE_ID;
}

/** Writes an element's text content (the standard headers whose value is a URI). */
const textContent = (text: string) => (writer: Parameters<typeof xmlCall.writeChars>[0]) => xmlCall.writeChars(writer, text, null);

/**
 * The anonymous ReplyTo a request carries with WS-Addressing 0.9, where ReplyTo is required
 * (Windows writes `<a:ReplyTo><a:Address>…/role/anonymous</a:Address></a:ReplyTo>`, the Wine
 * conformance tests record; with 1.0 it writes none).
 */
function setAnonymousReplyTo(fn: string, message: MessageObject, anonymous: string): void {
  const addressing = addressingNames(message.addressingVersion);
  setStandardHeader(fn, message, WS_REPLY_TO_HEADER, (writer) => {
    xmlCall.writeStartElement(writer, xmlString(addressing.prefix), dictionaryName(utf8("Address")), dictionaryName(addressing.ns), null);
    xmlCall.writeChars(writer, anonymous, null);
    xmlCall.writeEndElement(writer, null);
  });
}

/** The Address of an endpoint-address header (ReplyTo, FaultTo) of `source`, or null when it has none. */
function endpointAddressOf(fn: string, source: MessageObject, headerType: number): string | null {
  const entry = findHeader(source, headerType, fn);
  if (entry === undefined) return null;
  const addressing = addressingNames(source.addressingVersion);
  return readFromBuffer(entry.buffer, (reader) => {
    xmlCall.readStartElement(reader, null);
    const found = { value: false };
    xmlCall.readToStartElement(reader, xmlString(utf8("Address")), xmlString(addressing.ns), found, null);
    if (!found.value) return null;
    const value = { value: null as unknown };
    xmlCall.readType(reader, WS_ELEMENT_TYPE_MAPPING, WS_WSZ_TYPE, null, WS_READ_REQUIRED_POINTER, source.heap, value, null);
    return value.value as string;
  });
}

/**
 * WS_REPLY_MESSAGE / WS_FAULT_MESSAGE: "The MessageID header of the source message is used to add
 * a RelatesTo header"; "The ReplyTo header [FaultTo or ReplyTo for a fault] of the source message
 * … is used to address the message": its Address becomes the To header, unless it is the anonymous
 * address, which means "back on the same connection" (HTTP reply) and needs no To. The message
 * counts as addressed either way, so the channel does not address it to its own endpoint.
 */
function initializeReply(fn: string, message: MessageObject, source: MessageObject, fault: boolean): void {
  if (message.addressingVersion === WS_ADDRESSING_VERSION_TRANSPORT) {
    message.isAddressed = true;
    return;
  }
  const relatesTo = source.addressingVersion === WS_ADDRESSING_VERSION_TRANSPORT ? null : messageIdOf(fn, source);
  if (relatesTo !== null) setStandardHeader(fn, message, WS_RELATES_TO_HEADER, uniqueIdContent(relatesTo));
  let address: string | null = null;
  if (source.addressingVersion !== WS_ADDRESSING_VERSION_TRANSPORT) {
    if (fault) address = endpointAddressOf(fn, source, WS_FAULT_TO_HEADER);
    address ??= endpointAddressOf(fn, source, WS_REPLY_TO_HEADER);
  }
  const anonymous = addressingNames(source.addressingVersion).anonymous;
  if (address !== null && address !== anonymous) setStandardHeader(fn, message, WS_TO_HEADER, textContent(address));
  message.isAddressed = true;
}

/**
 * "Initializes the headers of the message in preparation for processing"; the message must be
 * empty. "If the initialization value is set to WS_REPLY_MESSAGE or WS_FAULT_MESSAGE the message is
 * automatically addressed."
 */
export function WsInitializeMessage(
  message: WS_MESSAGE,
  initialization: WS_MESSAGE_INITIALIZATION,
  sourceMessage: WS_MESSAGE | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsInitializeMessage";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_EMPTY);
  const needsSource = initialization === WS_DUPLICATE_MESSAGE || initialization === WS_REPLY_MESSAGE || initialization === WS_FAULT_MESSAGE;
  const source = sourceMessage === null ? null : messageOf(sourceMessage);
  if (needsSource) {
    if (source === null)
      throw new WsError(E_INVALIDARG, `${fn}: initialization ${initialization} copies from a source message, but sourceMessage is null.`);
    if (source.state === WS_MESSAGE_STATE_EMPTY) {
      throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the source message is empty (WS_MESSAGE_STATE_EMPTY); it has no headers to take.`);
    }
  }
  try {
    initializeHeaders(fn, target, initialization, source);
  } catch (thrown) {
    // "If the function fails, then no state transitions occurs": nothing of it stays.
    target.headers = [];
    target.headersChanged();
    target.isAddressed = false;
    throw thrown;
  }
  target.state = WS_MESSAGE_STATE_INITIALIZED;
  return S_OK;
}

function initializeHeaders(fn: string, target: MessageObject, initialization: number, source: MessageObject | null): void {
  switch (initialization) {
    case WS_BLANK_MESSAGE:
      break;
    case WS_REQUEST_MESSAGE: {
      // "If using WS_ADDRESSING_VERSION_0_9 or WS_ADDRESSING_VERSION_1_0, then a unique message ID
      // is set as the MessageID header of the message. No other headers are added" — except the
      // anonymous ReplyTo Windows adds with 0.9.
      const anonymous = addressingNames(target.addressingVersion).anonymous;
      if (target.addressingVersion !== WS_ADDRESSING_VERSION_TRANSPORT) {
        setStandardHeader(fn, target, WS_MESSAGE_ID_HEADER, uniqueIdContent(newMessageId()));
        if (target.addressingVersion === WS_ADDRESSING_VERSION_0_9 && anonymous !== null) setAnonymousReplyTo(fn, target, anonymous);
      }
      break;
    }
    case WS_DUPLICATE_MESSAGE:
      // "The headers are initialized to be the same as the source message's headers."
      target.headers = source!.headers.map((entry) => copyEntry(target, source!, entry));
      target.headersChanged();
      target.isAddressed = source!.isAddressed;
      break;
    case WS_REPLY_MESSAGE:
      initializeReply(fn, target, source!, false);
      break;
    case WS_FAULT_MESSAGE:
      initializeReply(fn, target, source!, true);
      break;
    default:
      throw new WsError(E_INVALIDARG, `${fn}: initialization ${initialization} is not a WS_MESSAGE_INITIALIZATION.`);
  }
}
