import {
  type AsyncCompletion,
  E_INVALIDARG,
  type HRESULT,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CHANNEL,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  type WS_ERROR,
  type WS_MESSAGE,
  WS_S_END,
} from "@wwsapi/core";
import { WsError, wouldBlock } from "@wwsapi/core/internal";
import { beginWrite, checkRead, finishRead, finishWrite, receiveInto, sendEncoded } from "./channel-io.js";
import { channelObject } from "./channel-object.js";
import { requireChannelState } from "./channel-state.js";

/**
 * WsWriteMessageStart: "Write out all the headers of the message to the channel, and prepare to
 * write the body elements." With buffered transfer the envelope goes into the channel's buffer and
 * nothing waits: it completes at once, even without a WS_ASYNC_CONTEXT.
 */
export function WsWriteMessageStart(
  channel: WS_CHANNEL,
  message: WS_MESSAGE,
  _asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  beginWrite("WsWriteMessageStart", channelObject(channel), message);
  return S_OK;
}

/** WsWriteMessageEnd: "Write the closing elements of the message to the channel", then send it. */
export function WsWriteMessageEnd(
  channel: WS_CHANNEL,
  message: WS_MESSAGE,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ch = channelObject(channel);
  requireChannelState("WsWriteMessageEnd", ch, WS_CHANNEL_STATE_OPEN);
  if (ch.writing !== message)
    throw new WsError(E_INVALIDARG, "WsWriteMessageEnd: the message is not the one being written on this channel (WsWriteMessageStart).");
  if (asyncContext === null) throw wouldBlock("WsWriteMessageEnd", "the message to be sent");
  const encoded = finishWrite("WsWriteMessageEnd", ch, message);
  return ch.complete(sendEncoded(ch, encoded).then(() => S_OK));
}

/**
 * WsReadMessageStart: "Read the headers of the next message from the channel, and prepare to read
 * the body elements"; WS_S_END when "no more messages are available on the channel".
 */
export function WsReadMessageStart(
  channel: WS_CHANNEL,
  message: WS_MESSAGE,
  asyncContext: WS_ASYNC_CONTEXT | null,
  error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ch = channelObject(channel);
  checkRead("WsReadMessageStart", ch);
  if (asyncContext === null) throw wouldBlock("WsReadMessageStart", "a message to arrive");
  return ch.complete(
    receiveInto("WsReadMessageStart", ch, message, undefined, error).then((received) => (received === null ? WS_S_END : S_OK)),
  );
}

/** WsReadMessageEnd: "Read the closing elements of a message from a channel." Buffered: nothing to wait for. */
export function WsReadMessageEnd(
  channel: WS_CHANNEL,
  message: WS_MESSAGE,
  _asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ch = channelObject(channel);
  requireChannelState("WsReadMessageEnd", ch, WS_CHANNEL_STATE_OPEN);
  finishRead("WsReadMessageEnd", ch, message);
  return S_OK;
}

/**
 * WsAbandonMessage: "Skips the remainder of a specified message on a specified channel"; valid in
 * WS_CHANNEL_STATE_OPEN or WS_CHANNEL_STATE_FAULTED; E_INVALIDARG when "the specified message is not
 * currently being read or written on the specified channel". Buffered data is simply dropped ("If
 * the channel is not streamed, then the unread buffered message data is simply discarded").
 */
export function WsAbandonMessage(channel: WS_CHANNEL, message: WS_MESSAGE, _error: WS_ERROR | null): HRESULT {
  const ch = channelObject(channel);
  requireChannelState("WsAbandonMessage", ch, WS_CHANNEL_STATE_OPEN, WS_CHANNEL_STATE_FAULTED);
  if (ch.writing === message) ch.writing = null;
  else if (ch.reading === message) ch.reading = null;
  else throw new WsError(E_INVALIDARG, "WsAbandonMessage: the message is not being read or written on this channel.");
  return S_OK;
}
