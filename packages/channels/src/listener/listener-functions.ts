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
  WS_CHANNEL_STATE_ACCEPTING,
  WS_CHANNEL_STATE_CREATED,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  type WS_CHANNEL_TYPE,
  WS_CHANNEL_TYPE_DUPLEX,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CUSTOM_CHANNEL_BINDING,
  type WS_ERROR,
  WS_HTTP_CHANNEL_BINDING,
  type WS_LISTENER,
  type WS_LISTENER_PROPERTY,
  WS_LISTENER_PROPERTY_CHANNEL_BINDING,
  WS_LISTENER_PROPERTY_CHANNEL_TYPE,
  WS_LISTENER_PROPERTY_CLOSE_TIMEOUT,
  WS_LISTENER_PROPERTY_CONNECT_TIMEOUT,
  WS_LISTENER_PROPERTY_CUSTOM_LISTENER_INSTANCE,
  type WS_LISTENER_PROPERTY_ID,
  WS_LISTENER_PROPERTY_STATE,
  WS_LISTENER_STATE_CLOSED,
  WS_LISTENER_STATE_CLOSING,
  WS_LISTENER_STATE_CREATED,
  WS_LISTENER_STATE_FAULTED,
  WS_LISTENER_STATE_OPEN,
  WS_LISTENER_STATE_OPENING,
  WS_NAMEDPIPE_CHANNEL_BINDING,
  type WS_SECURITY_DESCRIPTION,
  WS_TCP_CHANNEL_BINDING,
  WS_UDP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { describeValue, markFreed, WsError, wouldBlock } from "@wwsapi/core/internal";
import { bindingEntry } from "../channel/binding-table.js";
import { BINDING_NAMES, newChannel, prepareEncoder, refuseSecurity } from "../channel/channel-lifecycle.js";
import { channelObject } from "../channel/channel-object.js";
import { requireChannelState } from "../channel/channel-state.js";
import { abortReason } from "../channel/deadline.js";
import type { ChannelTransport } from "../transport/channel-transport.js";
import { linkSignals } from "../transport/linked-signal.js";
import { ListenerObject, listenerObject, requireListenerState } from "./listener-object.js";
import { checkListenerSettingValue, isListenerSetting, listenerSettingName, listenerSettings } from "./listener-settings.js";

/** The channel types each binding listens for (WS_CHANNEL_BINDING): HTTP reply channels, net.tcp / named-pipe duplex sessions, UDP duplex. */
const SERVER_TYPES: Readonly<Record<number, readonly number[]>> = {
  [WS_HTTP_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_REPLY],
  [WS_TCP_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_DUPLEX_SESSION],
  [WS_NAMEDPIPE_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_DUPLEX_SESSION],
  [WS_UDP_CHANNEL_BINDING]: [WS_CHANNEL_TYPE_DUPLEX],
};

export function WsCreateListener(
  channelType: WS_CHANNEL_TYPE,
  channelBinding: WS_CHANNEL_BINDING,
  properties: readonly WS_LISTENER_PROPERTY[] | null,
  securityDescription: WS_SECURITY_DESCRIPTION | null,
  listener: Ref<WS_LISTENER | null>,
  _error: WS_ERROR | null,
): HRESULT {
  if (channelBinding === WS_CUSTOM_CHANNEL_BINDING)
    throw new WsError(E_NOTIMPL, "WsCreateListener: WS_CUSTOM_CHANNEL_BINDING is not implemented yet.");
  if (!(SERVER_TYPES[channelBinding] ?? []).includes(channelType)) {
    throw new WsError(
      E_INVALIDARG,
      `WsCreateListener: ${BINDING_NAMES[channelBinding]} does not listen for channels of type ${channelType}; it listens for ${(SERVER_TYPES[channelBinding] ?? []).join(", ")}.`,
    );
  }
  refuseSecurity("WsCreateListener", securityDescription);
  listener.value = new ListenerObject(
    channelBinding,
    channelType,
    listenerSettings("WsCreateListener", properties),
  ) as unknown as WS_LISTENER;
  return S_OK;
}

export function WsOpenListener(
  listener: WS_LISTENER,
  url: string,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ls = listenerObject(listener);
  if (typeof url !== "string" || url === "")
    throw new WsError(E_INVALIDARG, `WsOpenListener: url must be a non-empty string, not ${describeValue(url)}.`);
  requireListenerState("WsOpenListener", ls, WS_LISTENER_STATE_CREATED);
  const entry = bindingEntry(ls.binding, ls.channelType);
  if (entry?.createListener === undefined) {
    throw new WsError(
      E_NOTIMPL,
      `WsOpenListener: no transport for ${BINDING_NAMES[ls.binding]} listeners of channel type ${ls.channelType} is implemented yet.`,
    );
  }
  if (asyncContext === null) throw wouldBlock("WsOpenListener", `the listening socket for ${url}`);
  const transport = entry.createListener({ binding: ls.binding, channelType: ls.channelType, setting: (id) => ls.settings.get(id) });
  ls.transport = transport;
  ls.url = url;
  ls.state = WS_LISTENER_STATE_OPENING;
  return ls.complete(
    ls
      .run(null, `Opening the listener on ${url}`, (signal) => transport.open(url, signal))
      .then(
        () => {
          if (ls.state === WS_LISTENER_STATE_OPENING) ls.state = WS_LISTENER_STATE_OPEN;
          return S_OK;
        },
        (thrown: unknown) => {
          if (ls.state === WS_LISTENER_STATE_OPENING) ls.state = WS_LISTENER_STATE_FAULTED;
          throw thrown;
        },
      ),
  );
}

/**
 * WsCloseListener: stops listening; pending WsAcceptChannel calls complete with
 * WS_E_OPERATION_ABORTED. A listener never opened, or already closed, closes at once (S_OK, as on
 * Windows: Wine's conformance tests).
 */
export function WsCloseListener(
  listener: WS_LISTENER,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ls = listenerObject(listener);
  if (ls.state === WS_LISTENER_STATE_CREATED || ls.state === WS_LISTENER_STATE_CLOSED) {
    ls.state = WS_LISTENER_STATE_CLOSED;
    return S_OK;
  }
  requireListenerState("WsCloseListener", ls, WS_LISTENER_STATE_OPEN, WS_LISTENER_STATE_FAULTED);
  const transport = ls.transport;
  if (ls.state === WS_LISTENER_STATE_FAULTED || transport === null) {
    ls.abortAll("The listener's pending accept");
    ls.state = WS_LISTENER_STATE_CLOSED;
    return S_OK;
  }
  if (asyncContext === null) throw wouldBlock("WsCloseListener", "the listening socket to close");
  ls.state = WS_LISTENER_STATE_CLOSING;
  // Pending accepts end now; the close itself gets a fresh signal so that it can still time out.
  const accepts = ls.aborter;
  ls.aborter = new AbortController();
  accepts.abort(abortReason("WsAcceptChannel (the listener is closing)"));
  return ls.complete(
    ls
      .run(WS_LISTENER_PROPERTY_CLOSE_TIMEOUT, "Closing the listener", (signal) => transport.close(signal))
      .then(
        () => {
          ls.state = WS_LISTENER_STATE_CLOSED;
          return S_OK;
        },
        (thrown: unknown) => {
          transport.abort(thrown instanceof Error ? thrown : new Error(String(thrown)));
          ls.state = WS_LISTENER_STATE_CLOSED;
          throw thrown;
        },
      ),
  );
}

/** WsAbortListener: pending operations complete with WS_E_OPERATION_ABORTED; an open listener becomes FAULTED. */
export function WsAbortListener(listener: WS_LISTENER, _error: WS_ERROR | null): HRESULT {
  const ls = listenerObject(listener);
  if (ls.state === WS_LISTENER_STATE_CREATED || ls.state === WS_LISTENER_STATE_CLOSED) return S_OK;
  ls.abortAll("The listener's pending operation");
  ls.state = WS_LISTENER_STATE_FAULTED;
  return S_OK;
}

/** WsResetListener: from CREATED or CLOSED back to CREATED, keeping the properties (Wine's conformance tests). */
export function WsResetListener(listener: WS_LISTENER, _error: WS_ERROR | null): HRESULT {
  const ls = listenerObject(listener);
  requireListenerState("WsResetListener", ls, WS_LISTENER_STATE_CREATED, WS_LISTENER_STATE_CLOSED);
  ls.state = WS_LISTENER_STATE_CREATED;
  ls.aborter = new AbortController();
  ls.transport = null;
  ls.url = null;
  return S_OK;
}

/** WsFreeListener: an open listener is torn down first (Windows would crash). */
export function WsFreeListener(listener: WS_LISTENER): void {
  const ls = listenerObject(listener);
  if (ls.state !== WS_LISTENER_STATE_CREATED && ls.state !== WS_LISTENER_STATE_CLOSED) ls.abortAll("The freed listener's operation");
  markFreed(ls);
}

export function WsGetListenerProperty(
  listener: WS_LISTENER,
  id: WS_LISTENER_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const ls = listenerObject(listener);
  switch (id) {
    case WS_LISTENER_PROPERTY_STATE:
      value.value = ls.state;
      return S_OK;
    case WS_LISTENER_PROPERTY_CHANNEL_TYPE:
      value.value = ls.channelType;
      return S_OK;
    case WS_LISTENER_PROPERTY_CHANNEL_BINDING:
      value.value = ls.binding;
      return S_OK;
    case WS_LISTENER_PROPERTY_CUSTOM_LISTENER_INSTANCE:
      throw new WsError(
        E_NOTIMPL,
        "WsGetListenerProperty: WS_LISTENER_PROPERTY_CUSTOM_LISTENER_INSTANCE is not implemented yet (no custom bindings).",
      );
  }
  const stored = ls.settings.get(id);
  if (!isListenerSetting(id) || stored === undefined) {
    throw new WsError(E_INVALIDARG, `WsGetListenerProperty: ${describeValue(id)} is not a WS_LISTENER_PROPERTY_ID with a value.`);
  }
  value.value = stored;
  return S_OK;
}

const SETTABLE = new Set<number>([WS_LISTENER_PROPERTY_CONNECT_TIMEOUT, WS_LISTENER_PROPERTY_CLOSE_TIMEOUT]);

/**
 * WsSetListenerProperty: the timeouts only. Windows refuses LISTEN_BACKLOG, IP_VERSION and the
 * read-only STATE with E_INVALIDARG (Wine's conformance tests); like the channel's, the timeouts
 * are what an application adjusts on a live object.
 */
export function WsSetListenerProperty(
  listener: WS_LISTENER,
  id: WS_LISTENER_PROPERTY_ID,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const ls = listenerObject(listener);
  if (!SETTABLE.has(id)) {
    throw new WsError(
      E_INVALIDARG,
      `WsSetListenerProperty: ${isListenerSetting(id) ? `${listenerSettingName(id)} can only be given to WsCreateListener` : `${describeValue(id)} cannot be set (read-only or unknown)`}.`,
    );
  }
  ls.settings.set(id, checkListenerSettingValue("WsSetListenerProperty", id, value));
  return S_OK;
}

/** WsCreateChannelForListener: a channel of the listener's binding and type, in CREATED, for WsAcceptChannel. */
export function WsCreateChannelForListener(
  listener: WS_LISTENER,
  properties: readonly WS_CHANNEL_PROPERTY[] | null,
  channel: Ref<WS_CHANNEL | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const ls = listenerObject(listener);
  channel.value = newChannel("WsCreateChannelForListener", ls.channelType, ls.binding, properties, ls) as unknown as WS_CHANNEL;
  return S_OK;
}

/**
 * WsAcceptChannel: waits for the next inbound exchange (an HTTP request, a net.tcp session, the UDP
 * socket) and opens `channel` on it. The listener must be OPEN and the channel CREATED, made for this
 * listener (E_INVALIDARG otherwise). WsAbortListener or WsAbortChannel end the wait
 * (WS_E_OPERATION_ABORTED); there is no accept timeout.
 */
export function WsAcceptChannel(
  listener: WS_LISTENER,
  channel: WS_CHANNEL,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const ls = listenerObject(listener);
  const ch = channelObject(channel);
  requireListenerState("WsAcceptChannel", ls, WS_LISTENER_STATE_OPEN);
  if (ch.listener !== ls)
    throw new WsError(E_INVALIDARG, "WsAcceptChannel: the channel was not made for this listener (WsCreateChannelForListener).");
  requireChannelState("WsAcceptChannel", ch, WS_CHANNEL_STATE_CREATED);
  const transport = ls.transport;
  if (transport === null) throw new WsError(E_INVALIDARG, "WsAcceptChannel: the listener has no transport.");
  if (asyncContext === null) throw wouldBlock("WsAcceptChannel", "a peer to connect");
  prepareEncoder(ch);
  const entry = bindingEntry(ls.binding, ls.channelType);
  const options = entry?.acceptOptions?.({ setting: (id) => ch.settings.get(id) });
  const accept = transport.accept.bind(transport) as (signal: AbortSignal, options?: unknown) => Promise<ChannelTransport>;
  ch.state = WS_CHANNEL_STATE_ACCEPTING;
  ch.transportUrl = ls.url;
  ch.timesItself = entry?.timesItself === true;
  const accepted = ls.run(null, "WsAcceptChannel", (listenerSignal) =>
    ch.run(null, "WsAcceptChannel", async (channelSignal) => {
      // Both handles' aborts reach the accept; unlinked when it ends (linked-signal.ts: not AbortSignal.any).
      const linked = linkSignals(listenerSignal, channelSignal);
      try {
        return await accept(linked.signal, options);
      } finally {
        linked.dispose();
      }
    }),
  );
  return ch.complete(
    accepted.then(
      (channelTransport) => {
        if (ch.state !== WS_CHANNEL_STATE_ACCEPTING) {
          channelTransport.abort(new Error("the channel was aborted while accepting"));
          return S_OK;
        }
        ch.transport = channelTransport;
        // An HTTP exchange knows its request URL (WS_CHANNEL_PROPERTY_TRANSPORT_URL: "the request URL").
        const requestUrl = (channelTransport as { transportUrl?: unknown }).transportUrl;
        if (typeof requestUrl === "string") ch.transportUrl = requestUrl;
        ch.state = WS_CHANNEL_STATE_OPEN;
        return S_OK;
      },
      (thrown: unknown) => {
        if (ch.state === WS_CHANNEL_STATE_ACCEPTING) ch.state = WS_CHANNEL_STATE_FAULTED;
        throw thrown;
      },
    ),
  );
}
