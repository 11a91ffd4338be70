/**
 * The WS_MESSAGE layer's internal entry point, for the channel core (packages/channels/src/channel/)
 * and the service model: the message handle class and the implementation functions, which other
 * implementations call directly (never the flat API, whose threading guard would find the handles
 * held by the calling function).
 *
 * What the channel core uses on a MessageObject (see message-object.ts):
 * - `envelopeVersion`, `addressingVersion`: the message's WS_ENVELOPE_VERSION / WS_ADDRESSING_VERSION;
 * - `action`: the Action header's text or null (SOAPAction for SOAP 1.1, the content type's
 *   `action` parameter for SOAP 1.2); it reads the header, so it may throw WsError(WS_E_INVALID_FORMAT);
 * - `mappedHeadersToSend`: the HTTP headers of WsAddMappedHeader, `{ name, value }` in the order added;
 * - `setReceivedHttpHeaders(map)`: the HTTP headers received with the message (lower-case names),
 *   which WsGetMappedHeader reads;
 * - `state` (WS_MESSAGE_STATE), `isAddressed` (WsAddressMessage ran), `isFault` (a received fault);
 * - `expectState(fn, ...states)`: throws WS_E_INVALID_OPERATION naming the states;
 * - `settings.readerProperties` / `settings.writerProperties`: WS_MESSAGE_PROPERTY_XML_READER_PROPERTIES
 *   / _WRITER_PROPERTIES given at creation, for the readers and writers the channel makes for it;
 * - `heap`: the message's WS_HEAP (WS_MESSAGE_PROPERTY_HEAP).
 * Functions: `setTransportHeader(message, WS_ACTION_HEADER | WS_TO_HEADER, text)`: with
 * WS_ADDRESSING_VERSION_TRANSPORT, the Action / To the transport carried, for WsGetHeader (the
 * envelope WsWriteEnvelopeStart writes leaves those two out with that addressing version);
 * `newMessageId()`: a MessageID (a WS_UNIQUE_ID with a random GUID), as WS_REQUEST_MESSAGE makes it.
 * The channel's WsCreateMessageForChannel reads `envelopeVersion`, `addressingVersion` and optional
 * `messageProperties` from the WS_CHANNEL object (MessageChannelDefaults).
 */
export { WsAddressMessage } from "./address-message.js";
export { WsAddCustomHeader, WsGetCustomHeader, WsRemoveCustomHeader } from "./custom-headers.js";
export { envelopeBuffer } from "./envelope-buffer.js";
export { WsFillBody, WsReadBody, WsReadEnvelopeEnd, WsReadEnvelopeStart } from "./envelope-reader.js";
export { WsFlushBody, WsWriteBody, WsWriteEnvelopeEnd, WsWriteEnvelopeStart } from "./envelope-writer.js";
export type { HeaderEntry } from "./header-entry.js";
export { WsAddMappedHeader, WsGetMappedHeader, WsRemoveMappedHeader } from "./mapped-headers.js";
export { messageOf } from "./message-handle.js";
export { newMessageId, WsInitializeMessage } from "./message-initialize.js";
export {
  type MessageChannelDefaults,
  WsCreateMessage,
  WsCreateMessageForChannel,
  WsFreeMessage,
  WsResetMessage,
} from "./message-lifecycle.js";
export { type MappedHeader, MessageObject, type MessageSettings, stateName } from "./message-object.js";
export { WsGetMessageProperty, WsSetMessageProperty } from "./message-properties.js";
export { setTransportHeader, WsGetHeader, WsRemoveHeader, WsSetHeader } from "./standard-headers.js";
export { WsCheckMustUnderstandHeaders, WsGetHeaderAttributes, WsMarkHeaderAsUnderstood } from "./understood-headers.js";
