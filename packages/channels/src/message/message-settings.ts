import {
  E_INVALIDARG,
  type WS_ADDRESSING_VERSION,
  type WS_ENVELOPE_VERSION,
  type WS_HEAP_PROPERTIES,
  WS_HEAP_PROPERTY_MAX_SIZE,
  WS_HEAP_PROPERTY_TRIM_SIZE,
  type WS_MESSAGE_PROPERTY,
  WS_MESSAGE_PROPERTY_HEAP_PROPERTIES,
  WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS,
  WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES,
  WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES,
  type WS_XML_READER_PROPERTIES,
  type WS_XML_WRITER_PROPERTIES,
} from "@wwsapi/core";
import { describeValue, isObject, isSize, isUint32, WsError } from "@wwsapi/core/internal";
import type { MessageSettings } from "./message-object.js";

/**
 * The message's heap when WS_MESSAGE_PROPERTY_HEAP_PROPERTIES does not say: the documentation
 * pages available to us give no number, so this is a choice — 64 KiB, the default
 * WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, so that a message the channel accepts by default
 * has room for its headers.
 */
export const DEFAULT_HEAP_MAX_SIZE = 65536;
/** What the heap keeps after WsResetMessage (a choice too; see DEFAULT_HEAP_MAX_SIZE). */
export const DEFAULT_HEAP_TRIM_SIZE = 4096;
/** WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS: "The default value is 64." */
export const DEFAULT_MAX_PROCESSED_HEADERS = 64;

/**
 * The settings of a new message from WsCreateMessage's properties. The properties a message takes
 * at creation are HEAP_PROPERTIES, XML_READER_PROPERTIES, XML_WRITER_PROPERTIES and
 * MAX_PROCESSED_HEADERS; any other is E_INVALIDARG (Windows refuses even
 * WS_MESSAGE_PROPERTY_ENVELOPE_VERSION there, the Wine conformance tests record).
 */
export function messageSettings(
  fn: string,
  envelopeVersion: WS_ENVELOPE_VERSION,
  addressingVersion: WS_ADDRESSING_VERSION,
  properties: readonly WS_MESSAGE_PROPERTY[] | null,
): MessageSettings {
  let heapMaxSize = DEFAULT_HEAP_MAX_SIZE;
  let heapTrimSize = DEFAULT_HEAP_TRIM_SIZE;
  let maxProcessedHeaders = DEFAULT_MAX_PROCESSED_HEADERS;
  let readerProperties: WS_XML_READER_PROPERTIES["properties"] = [];
  let writerProperties: WS_XML_WRITER_PROPERTIES["properties"] = [];
  const seen = new Set<number>();
  for (const [index, property] of (properties ?? []).entries()) {
    if (!isObject(property))
      throw new WsError(E_INVALIDARG, `${fn}: properties[${index}] must be a WS_MESSAGE_PROPERTY, not ${describeValue(property)}.`);
    const { id, value } = property;
    if (seen.has(id)) throw new WsError(E_INVALIDARG, `${fn}: properties[${index}]: property ${id} is given twice.`);
    seen.add(id);
    switch (id) {
      case WS_MESSAGE_PROPERTY_HEAP_PROPERTIES: {
        if (!isObject(value) || !Array.isArray((value as WS_HEAP_PROPERTIES).properties)) {
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_MESSAGE_PROPERTY_HEAP_PROPERTIES takes a WS_HEAP_PROPERTIES, not ${describeValue(value)}.`,
          );
        }
        for (const heapProperty of (value as WS_HEAP_PROPERTIES).properties) {
          if (!isSize(heapProperty.value)) {
            throw new WsError(
              E_INVALIDARG,
              `${fn}: WS_HEAP_PROPERTIES: heap property ${heapProperty.id} takes a byte count, not ${describeValue(heapProperty.value)}.`,
            );
          }
          if (heapProperty.id === WS_HEAP_PROPERTY_MAX_SIZE) heapMaxSize = heapProperty.value as number;
          else if (heapProperty.id === WS_HEAP_PROPERTY_TRIM_SIZE) heapTrimSize = heapProperty.value as number;
          else
            throw new WsError(
              E_INVALIDARG,
              `${fn}: WS_HEAP_PROPERTIES: heap property ${heapProperty.id} cannot be set (only MAX_SIZE and TRIM_SIZE).`,
            );
        }
        break;
      }
      case WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES:
        if (!isObject(value) || !Array.isArray((value as WS_XML_READER_PROPERTIES).properties)) {
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES takes a WS_XML_READER_PROPERTIES, not ${describeValue(value)}.`,
          );
        }
        readerProperties = (value as WS_XML_READER_PROPERTIES).properties;
        break;
      case WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES:
        if (!isObject(value) || !Array.isArray((value as WS_XML_WRITER_PROPERTIES).properties)) {
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES takes a WS_XML_WRITER_PROPERTIES, not ${describeValue(value)}.`,
          );
        }
        writerProperties = (value as WS_XML_WRITER_PROPERTIES).properties;
        break;
      case WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS:
        if (!isUint32(value))
          throw new WsError(E_INVALIDARG, `${fn}: WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS takes a ULONG, not ${describeValue(value)}.`);
        maxProcessedHeaders = value as number;
        break;
      default:
        throw new WsError(E_INVALIDARG, `${fn}: properties[${index}]: message property ${id} cannot be given when the message is created.`);
    }
  }
  return { envelopeVersion, addressingVersion, heapMaxSize, heapTrimSize, maxProcessedHeaders, readerProperties, writerProperties };
}
