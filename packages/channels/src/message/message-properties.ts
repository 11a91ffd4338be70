import {
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  WS_HEAP_PROPERTY_MAX_SIZE,
  WS_HEAP_PROPERTY_TRIM_SIZE,
  type WS_MESSAGE,
  WS_MESSAGE_PROPERTY_ADDRESSING_VERSION,
  WS_MESSAGE_PROPERTY_BODY_READER,
  WS_MESSAGE_PROPERTY_BODY_WRITER,
  WS_MESSAGE_PROPERTY_ENVELOPE_VERSION,
  WS_MESSAGE_PROPERTY_HEADER_BUFFER,
  WS_MESSAGE_PROPERTY_HEADER_POSITION,
  WS_MESSAGE_PROPERTY_HEAP,
  WS_MESSAGE_PROPERTY_HEAP_PROPERTIES,
  type WS_MESSAGE_PROPERTY_ID,
  WS_MESSAGE_PROPERTY_IS_ADDRESSED,
  WS_MESSAGE_PROPERTY_IS_FAULT,
  WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS,
  WS_MESSAGE_PROPERTY_STATE,
  WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES,
  WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES,
  WS_MESSAGE_STATE_READING,
  WS_MESSAGE_STATE_WRITING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { envelopeBuffer } from "./envelope-buffer.js";
import { messageOf } from "./message-handle.js";

/**
 * "Retrieves a specified Message object property." Each property is available in the states the
 * WS_MESSAGE_PROPERTY_ID page gives: the state and the versions always; the heap, the header buffer
 * and position and IS_ADDRESSED once the message is not empty (Windows returns
 * WS_E_INVALID_OPERATION for IS_ADDRESSED on an empty message, the Wine conformance tests record);
 * the body reader while READING, the body writer while WRITING. The security properties (user
 * name, certificate, tokens, SAML assertion, security context, protection level) need the
 * security layer, which is not implemented yet: E_NOTIMPL.
 */
export function WsGetMessageProperty(
  message: WS_MESSAGE,
  id: WS_MESSAGE_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetMessageProperty";
  const target = messageOf(message);
  const { settings } = target;
  switch (id) {
    case WS_MESSAGE_PROPERTY_STATE:
      value.value = target.state;
      return S_OK;
    case WS_MESSAGE_PROPERTY_ENVELOPE_VERSION:
      value.value = settings.envelopeVersion;
      return S_OK;
    case WS_MESSAGE_PROPERTY_ADDRESSING_VERSION:
      value.value = settings.addressingVersion;
      return S_OK;
    case WS_MESSAGE_PROPERTY_HEAP_PROPERTIES:
      value.value = {
        properties: [
          { id: WS_HEAP_PROPERTY_MAX_SIZE, value: settings.heapMaxSize },
          { id: WS_HEAP_PROPERTY_TRIM_SIZE, value: settings.heapTrimSize },
        ],
      };
      return S_OK;
    case WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES:
      value.value = { properties: settings.readerProperties };
      return S_OK;
    case WS_MESSAGE_PROPERTY_XML_WRITER_PROPERTIES:
      value.value = { properties: settings.writerProperties };
      return S_OK;
    case WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS:
      value.value = settings.maxProcessedHeaders;
      return S_OK;
    case WS_MESSAGE_PROPERTY_HEAP:
      target.expectNotEmpty(`${fn} (WS_MESSAGE_PROPERTY_HEAP)`);
      value.value = target.heap;
      return S_OK;
    case WS_MESSAGE_PROPERTY_HEADER_BUFFER:
      target.expectNotEmpty(`${fn} (WS_MESSAGE_PROPERTY_HEADER_BUFFER)`);
      value.value = envelopeBuffer(target);
      return S_OK;
    case WS_MESSAGE_PROPERTY_HEADER_POSITION:
      target.expectNotEmpty(`${fn} (WS_MESSAGE_PROPERTY_HEADER_POSITION)`);
      envelopeBuffer(target);
      value.value = target.headerPosition;
      return S_OK;
    case WS_MESSAGE_PROPERTY_IS_ADDRESSED:
      target.expectNotEmpty(`${fn} (WS_MESSAGE_PROPERTY_IS_ADDRESSED)`);
      value.value = target.isAddressed;
      return S_OK;
    case WS_MESSAGE_PROPERTY_IS_FAULT:
      target.expectNotEmpty(`${fn} (WS_MESSAGE_PROPERTY_IS_FAULT)`);
      value.value = target.isFault;
      return S_OK;
    case WS_MESSAGE_PROPERTY_BODY_READER:
      target.expectState(`${fn} (WS_MESSAGE_PROPERTY_BODY_READER)`, WS_MESSAGE_STATE_READING);
      value.value = target.reader;
      return S_OK;
    case WS_MESSAGE_PROPERTY_BODY_WRITER:
      target.expectState(`${fn} (WS_MESSAGE_PROPERTY_BODY_WRITER)`, WS_MESSAGE_STATE_WRITING);
      value.value = target.writer;
      return S_OK;
    default:
      throw new WsError(E_NOTIMPL, `${fn}: message property ${id} belongs to message security, which is not implemented yet.`);
  }
}

/**
 * "Sets a Message object property." The properties of WS_MESSAGE_PROPERTY_ID are read-only or fixed
 * when the message is created; setting one is WS_E_INVALID_OPERATION, as Windows returns for the
 * state and the versions (the Wine conformance tests).
 */
export function WsSetMessageProperty(message: WS_MESSAGE, id: WS_MESSAGE_PROPERTY_ID, _value: unknown, _error: WS_ERROR | null): HRESULT {
  messageOf(message);
  throw new WsError(
    WS_E_INVALID_OPERATION,
    `WsSetMessageProperty: message property ${id} cannot be set; it is read-only or given to WsCreateMessage.`,
  );
}
