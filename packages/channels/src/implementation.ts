import * as channel from "./channel/index.js";
import * as faults from "./faults/index.js";
import type { ChannelsImplementation } from "./gen/implementation.js";
import * as listener from "./listener/index.js";
import * as message from "./message/index.js";

/**
 * The functions of @wwsapi/channels implemented so far; the generated flat API dispatches to them and
 * returns E_NOTIMPL for the rest (docs/api-status.md).
 */
export const implementation = {
  // WS_MESSAGE (message/)
  WsCreateMessage: message.WsCreateMessage,
  WsCreateMessageForChannel: message.WsCreateMessageForChannel,
  WsInitializeMessage: message.WsInitializeMessage,
  WsResetMessage: message.WsResetMessage,
  WsFreeMessage: message.WsFreeMessage,
  WsGetMessageProperty: message.WsGetMessageProperty,
  WsSetMessageProperty: message.WsSetMessageProperty,
  WsWriteEnvelopeStart: message.WsWriteEnvelopeStart,
  WsWriteEnvelopeEnd: message.WsWriteEnvelopeEnd,
  WsReadEnvelopeStart: message.WsReadEnvelopeStart,
  WsReadEnvelopeEnd: message.WsReadEnvelopeEnd,
  WsWriteBody: message.WsWriteBody,
  WsReadBody: message.WsReadBody,
  WsFillBody: message.WsFillBody,
  WsFlushBody: message.WsFlushBody,
  WsSetHeader: message.WsSetHeader,
  WsGetHeader: message.WsGetHeader,
  WsRemoveHeader: message.WsRemoveHeader,
  WsAddCustomHeader: message.WsAddCustomHeader,
  WsGetCustomHeader: message.WsGetCustomHeader,
  WsRemoveCustomHeader: message.WsRemoveCustomHeader,
  WsGetHeaderAttributes: message.WsGetHeaderAttributes,
  WsAddMappedHeader: message.WsAddMappedHeader,
  WsGetMappedHeader: message.WsGetMappedHeader,
  WsRemoveMappedHeader: message.WsRemoveMappedHeader,
  WsMarkHeaderAsUnderstood: message.WsMarkHeaderAsUnderstood,
  WsCheckMustUnderstandHeaders: message.WsCheckMustUnderstandHeaders,
  WsAddressMessage: message.WsAddressMessage,
  // WS_CHANNEL (channel/)
  WsCreateChannel: channel.WsCreateChannel,
  WsOpenChannel: channel.WsOpenChannel,
  WsCloseChannel: channel.WsCloseChannel,
  WsAbortChannel: channel.WsAbortChannel,
  WsResetChannel: channel.WsResetChannel,
  WsFreeChannel: channel.WsFreeChannel,
  WsGetChannelProperty: channel.WsGetChannelProperty,
  WsSetChannelProperty: channel.WsSetChannelProperty,
  WsShutdownSessionChannel: channel.WsShutdownSessionChannel,
  WsWriteMessageStart: channel.WsWriteMessageStart,
  WsWriteMessageEnd: channel.WsWriteMessageEnd,
  WsReadMessageStart: channel.WsReadMessageStart,
  WsReadMessageEnd: channel.WsReadMessageEnd,
  WsAbandonMessage: channel.WsAbandonMessage,
  WsSendMessage: channel.WsSendMessage,
  WsReceiveMessage: channel.WsReceiveMessage,
  WsRequestReply: channel.WsRequestReply,
  WsSendReplyMessage: channel.WsSendReplyMessage,
  WsSendFaultMessageForError: channel.WsSendFaultMessageForError,
  WsReadEndpointAddressExtension: channel.WsReadEndpointAddressExtension,
  // WS_LISTENER (listener/)
  WsCreateListener: listener.WsCreateListener,
  WsOpenListener: listener.WsOpenListener,
  WsCloseListener: listener.WsCloseListener,
  WsAbortListener: listener.WsAbortListener,
  WsResetListener: listener.WsResetListener,
  WsFreeListener: listener.WsFreeListener,
  WsGetListenerProperty: listener.WsGetListenerProperty,
  WsSetListenerProperty: listener.WsSetListenerProperty,
  WsCreateChannelForListener: listener.WsCreateChannelForListener,
  WsAcceptChannel: listener.WsAcceptChannel,
  // the fault functions of the error area (faults/)
  WsCreateFaultFromError: faults.WsCreateFaultFromError,
  WsGetFaultErrorDetail: faults.WsGetFaultErrorDetail,
  WsSetFaultErrorDetail: faults.WsSetFaultErrorDetail,
  WsGetFaultErrorProperty: faults.WsGetFaultErrorProperty,
  WsSetFaultErrorProperty: faults.WsSetFaultErrorProperty,
} satisfies Partial<ChannelsImplementation>;
