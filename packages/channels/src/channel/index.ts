/** The channel core's internal entry point: WS_CHANNEL functions, the binding dispatch and the channel object. */
export {
  bindingEntry,
  type ChannelBindingEntry,
  type ChannelTransportContext,
  type ListenerTransportContext,
  registerBinding,
} from "./binding-table.js";
export { type BindingRow, DEFAULT_BINDINGS } from "./bindings.js";
export {
  WsAbortChannel,
  WsCloseChannel,
  WsCreateChannel,
  WsFreeChannel,
  WsOpenChannel,
  WsResetChannel,
  WsShutdownSessionChannel,
} from "./channel-lifecycle.js";
export { ChannelObject, channelObject } from "./channel-object.js";
export { WsGetChannelProperty, WsSetChannelProperty } from "./channel-properties.js";
export { INFINITE } from "./channel-settings.js";
export { WsReadEndpointAddressExtension } from "./endpoint-address-extension.js";
export { WsAbandonMessage, WsReadMessageEnd, WsReadMessageStart, WsWriteMessageEnd, WsWriteMessageStart } from "./message-functions.js";
export { WsReceiveMessage, WsRequestReply, WsSendFaultMessageForError, WsSendMessage, WsSendReplyMessage } from "./send-receive.js";
