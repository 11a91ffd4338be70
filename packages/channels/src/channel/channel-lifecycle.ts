import {
  type AsyncCompletion,
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CHANNEL,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT,
  WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE,
  WS_CHANNEL_PROPERTY_SEND_TIMEOUT,
  WS_CHANNEL_STATE_CLOSED,
  WS_CHANNEL_STATE_CLOSING,
  WS_CHANNEL_STATE_CREATED,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_STATE_OPENING,
  type WS_CHANNEL_TYPE,
  WS_CHANNEL_TYPE_DUPLEX,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_OUTPUT_SESSION,
  WS_CHANNEL_TYPE_REQUEST,
  WS_CUSTOM_CHANNEL_BINDING,
  WS_E_INVALID_OPERATION,
  type WS_ENDPOINT_ADDRESS,
  type WS_ERROR,
  WS_HTTP_CHANNEL_BINDING,
  WS_NAMEDPIPE_CHANNEL_BINDING,
  type WS_SECURITY_DESCRIPTION,
  WS_TCP_CHANNEL_BINDING,
  WS_UDP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { describeValue, isObject, markFreed, WsError, wouldBlock } from "@wwsapi/core/internal";
import { createEncoder } from "../encoding/create-encoder.js";
import { bindingEntry } from "./binding-table.js";
import { ChannelObject, type ChannelSource, channelObject } from "./channel-object.js";
import { channelSettings } from "./channel-settings.js";
import { requireChannelState } from "./channel-state.js";
import { raceSignal } from "./deadline.js";

/**
 * The channel types each binding creates client channels of (WS_CHANNEL_BINDING): HTTP request
 * channels, net.tcp and named-pipe duplex sessions, UDP duplex (datagram) channels.
 */
const CLIENT_TYPES: Readonly<Record<number, readonly number[]>> = {
  [WS_HTTP_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_REQUEST],
  [WS_TCP_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_DUPLEX_SESSION],
  [WS_NAMEDPIPE_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_DUPLEX_SESSION],
  [WS_UDP_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_DUPLEX],
};

export const BINDING_NAMES: Readonly<Record<number, string>> = {
  [WS_HTTP_CHANNEL_BINDING]: "WS_HTTP_CHANNEL_BINDING",
  [WS_TCP_CHANNEL_BINDING]: "WS_TCP_CHANNEL_BINDING",
  [WS_UDP_CHANNEL_BINDING]: "WS_UDP_CHANNEL_BINDING",
  [WS_CUSTOM_CHANNEL_BINDING]: "WS_CUSTOM_CHANNEL_BINDING",
  [WS_NAMEDPIPE_CHANNEL_BINDING]: "WS_NAMEDPIPE_CHANNEL_BINDING",
};

/** Security descriptions need the security layer, which channels do not have yet: refused rather than ignored. */
export function refuseSecurity(functionName: string, securityDescription: WS_SECURITY_DESCRIPTION | null): void {
  if (securityDescription !== null) {
    throw new WsError(E_NOTIMPL, `${functionName}: channel security (WS_SECURITY_DESCRIPTION) is not implemented yet; pass null.`);
  }
}

/** A new channel object in WS_CHANNEL_STATE_CREATED; also used by WsCreateChannelForListener. */
export function newChannel(
  functionName: string,
  channelType: WS_CHANNEL_TYPE,
  binding: WS_CHANNEL_BINDING,
  properties: readonly WS_CHANNEL_PROPERTY[] | null,
  listener: ChannelSource | null,
): ChannelObject {
  if (binding === WS_CUSTOM_CHANNEL_BINDING) {
    throw new WsError(E_NOTIMPL, `${functionName}: WS_CUSTOM_CHANNEL_BINDING is not implemented yet.`);
  }
  return new ChannelObject(binding, channelType, channelSettings(functionName, binding, properties), listener);
}

export function WsCreateChannel(
  channelType: WS_CHANNEL_TYPE,
  channelBinding: WS_CHANNEL_BINDING,
  properties: readonly WS_CHANNEL_PROPERTY[] | null,
  securityDescription: WS_SECURITY_DESCRIPTION | null,
  channel: Ref<WS_CHANNEL | null>,
  _error: WS_ERROR | null,
): HRESULT {
  if (channelBinding !== WS_CUSTOM_CHANNEL_BINDING && !(CLIENT_TYPES[channelBinding] ?? []).includes(channelType)) {
    throw new WsError(
      E_INVALIDARG,
      `WsCreateChannel: ${BINDING_NAMES[channelBinding]} does not make client channels of type ${channelType}; it makes ${(CLIENT_TYPES[channelBinding] ?? []).join(", ")}.`,
    );
  }
  refuseSecurity("WsCreateChannel", securityDescription);
  channel.value = newChannel("WsCreateChannel", channelType, channelBinding, properties, null) as unknown as WS_CHANNEL;
  return S_OK;
}

/** Makes the channel's encoder; the settings are final once the channel opens or is accepted. */
export function prepareEncoder(ch: ChannelObject): void {
  ch.encoder = createEncoder(ch.encoding, ch.envelopeVersion, ch.setting<number>(WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE));
}

export function WsOpenChannel(
  channel: WS_CHANNEL,
  endpointAddress: WS_ENDPOINT_ADDRESS,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ch = channelObject(channel);
  if (!isObject(endpointAddress) || typeof endpointAddress.url !== "string" || endpointAddress.url === "") {
    throw new WsError(
      E_INVALIDARG,
      `WsOpenChannel: endpointAddress must be a WS_ENDPOINT_ADDRESS with a url, not ${describeValue(endpointAddress)}.`,
    );
  }
  requireChannelState("WsOpenChannel", ch, WS_CHANNEL_STATE_CREATED);
  if (ch.listener !== null) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      "WsOpenChannel: this channel was made for a listener (WsCreateChannelForListener); WsAcceptChannel opens it.",
    );
  }
  const entry = bindingEntry(ch.binding, ch.channelType);
  if (entry?.createChannel === undefined) {
    throw new WsError(
      E_NOTIMPL,
      `WsOpenChannel: no transport for ${BINDING_NAMES[ch.binding]} channels of type ${ch.channelType} is implemented yet.`,
    );
  }
  if (entry.opensAtOnce !== true && asyncContext === null) throw wouldBlock("WsOpenChannel", `the connection to ${endpointAddress.url}`);
  prepareEncoder(ch);
  const transport = entry.createChannel({
    binding: ch.binding,
    channelType: ch.channelType,
    address: endpointAddress,
    setting: (id) => ch.settings.get(id),
  });
  ch.transport = transport;
  ch.timesItself = entry.timesItself === true;
  ch.remoteAddress = endpointAddress;
  ch.transportUrl = endpointAddress.url;
  ch.state = WS_CHANNEL_STATE_OPENING;
  const opening = ch.run(WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT, `Opening the channel to ${endpointAddress.url}`, (signal) =>
    transport.open(signal),
  );
  const opened = opening.then(
    () => {
      if (ch.state === WS_CHANNEL_STATE_OPENING) ch.state = WS_CHANNEL_STATE_OPEN;
    },
    (thrown: unknown) => {
      if (ch.state === WS_CHANNEL_STATE_OPENING || ch.state === WS_CHANNEL_STATE_OPEN) ch.state = WS_CHANNEL_STATE_FAULTED;
      throw thrown;
    },
  );
  if (entry.opensAtOnce === true) {
    // HTTP request channels do no I/O to open (Windows returns S_OK at once); the first request waits for it.
    ch.state = WS_CHANNEL_STATE_OPEN;
    ch.pendingOpen = opened;
    opened.catch(() => {});
    return S_OK;
  }
  return ch.complete(opened.then(() => S_OK));
}

/**
 * WsCloseChannel: "only allowed when the channel is in the WS_CHANNEL_STATE_OPEN or
 * WS_CHANNEL_STATE_FAULTED state"; Windows also returns S_OK for a channel never opened (CREATED)
 * and for one already CLOSED (Wine's conformance tests), which we keep. "The channel closing process
 * will wait for any initiated, pending I/O to complete. If there is no message currently being read
 * or written for the channel, then the channel will attempt a graceful shutdown. Otherwise, all I/O
 * still pending on the channel itself is aborted, and the channel performs a rude shutdown." "If
 * the channel attempts a graceful shutdown, but encounters an error, then WsCloseChannel will return
 * the error, but the channel will still be closed."
 */
export function WsCloseChannel(
  channel: WS_CHANNEL,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ch = channelObject(channel);
  if (ch.state === WS_CHANNEL_STATE_CREATED || ch.state === WS_CHANNEL_STATE_CLOSED) {
    ch.state = WS_CHANNEL_STATE_CLOSED;
    return S_OK;
  }
  requireChannelState("WsCloseChannel", ch, WS_CHANNEL_STATE_OPEN, WS_CHANNEL_STATE_FAULTED);
  const transport = ch.transport;
  const rude = ch.state === WS_CHANNEL_STATE_FAULTED || ch.writing !== null || ch.reading !== null;
  if (rude || transport === null) {
    ch.abortAll("The channel's pending operation");
    finishClose(ch);
    return S_OK;
  }
  if (asyncContext === null) throw wouldBlock("WsCloseChannel", "the orderly close of the connection");
  ch.state = WS_CHANNEL_STATE_CLOSING;
  // The close runs alongside what is pending: a session's orderly end is what completes a receive
  // still waiting (it then finds no more messages), and the close waits for the rest.
  const pending = [...ch.pending];
  const closing = ch.run(WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT, "Closing the channel", async (signal) => {
    await transport.close(signal);
    await raceSignal(Promise.allSettled(pending), signal);
  });
  return ch.complete(
    closing.then(
      () => {
        finishClose(ch);
        return S_OK;
      },
      (thrown: unknown) => {
        transport.abort(thrown instanceof Error ? thrown : new Error(String(thrown)));
        finishClose(ch);
        throw thrown;
      },
    ),
  );
}

function finishClose(ch: ChannelObject): void {
  ch.state = WS_CHANNEL_STATE_CLOSED;
  ch.writing = null;
  ch.reading = null;
  ch.lastReceived = null;
}

/**
 * WsAbortChannel: "Cancels all pending I/O for a specified channel"; the pending operations
 * complete with WS_E_OPERATION_ABORTED and the channel moves to WS_CHANNEL_STATE_FAULTED ("A channel
 * may move to the WS_CHANNEL_STATE_FAULTED state even if WsAbortChannel was never called"). A
 * channel not yet opened, or already closed, has nothing to cancel.
 */
export function WsAbortChannel(channel: WS_CHANNEL, _error: WS_ERROR | null): HRESULT {
  const ch = channelObject(channel);
  if (ch.state === WS_CHANNEL_STATE_CREATED || ch.state === WS_CHANNEL_STATE_CLOSED) return S_OK;
  ch.abortAll("The channel's pending operation");
  ch.state = WS_CHANNEL_STATE_FAULTED;
  return S_OK;
}

/**
 * WsResetChannel: "only valid when the channel is in the either the WS_CHANNEL_STATE_CREATED or
 * WS_CHANNEL_STATE_CLOSED state". The channel goes back to CREATED with its properties, including
 * those changed by WsSetChannelProperty (Windows keeps them: Wine's conformance tests).
 */
export function WsResetChannel(channel: WS_CHANNEL, _error: WS_ERROR | null): HRESULT {
  const ch = channelObject(channel);
  requireChannelState("WsResetChannel", ch, WS_CHANNEL_STATE_CREATED, WS_CHANNEL_STATE_CLOSED);
  ch.state = WS_CHANNEL_STATE_CREATED;
  ch.aborter = new AbortController();
  ch.transport = null;
  ch.pendingOpen = null;
  ch.encoder = null;
  ch.remoteAddress = null;
  ch.transportUrl = null;
  ch.sessionShutDown = false;
  ch.writing = null;
  ch.reading = null;
  ch.lastReceived = null;
  ch.requestsReceived = 0;
  ch.timesItself = false;
  return S_OK;
}

/**
 * WsFreeChannel. On Windows, freeing a channel that is not CREATED or CLOSED "will crash"; here
 * the channel's pending operations are aborted first (WS_E_OPERATION_ABORTED) and its connection
 * torn down, so nothing is left running for a handle that no longer exists.
 */
export function WsFreeChannel(channel: WS_CHANNEL): void {
  const ch = channelObject(channel);
  if (ch.state !== WS_CHANNEL_STATE_CREATED && ch.state !== WS_CHANNEL_STATE_CLOSED) ch.abortAll("The freed channel's operation");
  markFreed(ch);
}

const SESSION_TYPES = new Set<number>([WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_CHANNEL_TYPE_OUTPUT_SESSION]);

/**
 * WsShutdownSessionChannel: tells the peer no more messages follow on a session channel (net.tcp
 * End record) while the channel keeps receiving. Windows refuses it (WS_E_INVALID_OPERATION) on a
 * channel not open, on a channel without a session (UDP), and when the session was already shut
 * down (Wine's conformance tests).
 */
export function WsShutdownSessionChannel(
  channel: WS_CHANNEL,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ch = channelObject(channel);
  requireChannelState("WsShutdownSessionChannel", ch, WS_CHANNEL_STATE_OPEN);
  const transport = ch.transport;
  if (!SESSION_TYPES.has(ch.channelType) || transport?.shutdownSession === undefined) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      "WsShutdownSessionChannel: the channel has no session to shut down (a session channel type is needed).",
    );
  }
  if (ch.sessionShutDown) throw new WsError(WS_E_INVALID_OPERATION, "WsShutdownSessionChannel: the session was already shut down.");
  if (ch.writing !== null)
    throw new WsError(
      WS_E_INVALID_OPERATION,
      "WsShutdownSessionChannel: a message is being written (WsWriteMessageStart without WsWriteMessageEnd).",
    );
  if (asyncContext === null) throw wouldBlock("WsShutdownSessionChannel", "the session's end to be sent");
  ch.sessionShutDown = true;
  const shutdown = transport.shutdownSession.bind(transport);
  return ch.complete(
    ch
      .run(WS_CHANNEL_PROPERTY_SEND_TIMEOUT, "Shutting down the session", (signal) => shutdown(signal))
      .then(
        () => S_OK,
        (thrown: unknown) => {
          if (ch.state === WS_CHANNEL_STATE_OPEN) ch.state = WS_CHANNEL_STATE_FAULTED;
          throw thrown;
        },
      ),
  );
}
