import {
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_CHANNEL_TYPE,
  WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_CALLBACKS,
  WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_INSTANCE,
  WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_PARAMETERS,
  WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID,
  WS_CHANNEL_PROPERTY_HTTP_PROXY_SPN,
  WS_CHANNEL_PROPERTY_HTTP_SERVER_SPN,
  type WS_CHANNEL_PROPERTY_ID,
  WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN,
  WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE,
  WS_CHANNEL_PROPERTY_PROTECTION_LEVEL,
  WS_CHANNEL_PROPERTY_REMOTE_ADDRESS,
  WS_CHANNEL_PROPERTY_REMOTE_IP_ADDRESS,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_PROPERTY_TRANSPORT_URL,
  WS_E_INVALID_OPERATION,
  WS_ENCODING_XML_BINARY_SESSION_1,
  type WS_ERROR,
  WS_PROTECTION_LEVEL_NONE,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { type ChannelObject, channelObject } from "./channel-object.js";
import { checkSettingValue, isSettableLater, SETTINGS, settingName } from "./channel-settings.js";

/** The read-only properties: what the channel reports about itself. */
function readOnlyValue(ch: ChannelObject, id: number): { value: unknown } | undefined {
  switch (id) {
    case WS_CHANNEL_PROPERTY_STATE:
      return { value: ch.state };
    case WS_CHANNEL_PROPERTY_CHANNEL_TYPE:
      return { value: ch.channelType };
    case WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN:
      return { value: ch.sessionShutDown };
    case WS_CHANNEL_PROPERTY_PROTECTION_LEVEL:
      // No security bindings yet: messages are neither signed nor encrypted.
      return { value: WS_PROTECTION_LEVEL_NONE };
    case WS_CHANNEL_PROPERTY_REMOTE_ADDRESS:
      if (ch.remoteAddress === null) throw notAvailable("before the channel is opened", "WS_CHANNEL_PROPERTY_REMOTE_ADDRESS");
      return { value: ch.remoteAddress };
    case WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID: {
      // An accepted HTTP exchange knows the connection it came on ("A pointer to a ULONGLONG").
      const id = (ch.transport as { connectionId?: unknown } | null)?.connectionId;
      if (typeof id !== "number")
        throw notAvailable(
          id === undefined && ch.transport !== null ? "on this channel (HTTP server channels only)" : "before the channel is accepted",
          "WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID",
        );
      return { value: BigInt(id) };
    }
    case WS_CHANNEL_PROPERTY_TRANSPORT_URL:
      if (ch.transportUrl === null) throw notAvailable("before the channel is opened or accepted", "WS_CHANNEL_PROPERTY_TRANSPORT_URL");
      return { value: ch.transportUrl };
    default:
      return undefined;
  }
}

const NOT_YET = new Map<number, string>([
  [WS_CHANNEL_PROPERTY_REMOTE_IP_ADDRESS, "WS_CHANNEL_PROPERTY_REMOTE_IP_ADDRESS"],
  [WS_CHANNEL_PROPERTY_HTTP_SERVER_SPN, "WS_CHANNEL_PROPERTY_HTTP_SERVER_SPN"],
  [WS_CHANNEL_PROPERTY_HTTP_PROXY_SPN, "WS_CHANNEL_PROPERTY_HTTP_PROXY_SPN"],
  [WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_CALLBACKS, "WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_CALLBACKS"],
  [WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_PARAMETERS, "WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_PARAMETERS"],
  [WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_INSTANCE, "WS_CHANNEL_PROPERTY_CUSTOM_CHANNEL_INSTANCE"],
]);

function notAvailable(when: string, name: string): WsError {
  return new WsError(WS_E_INVALID_OPERATION, `WsGetChannelProperty: ${name} is not available ${when}.`);
}

/**
 * WsGetChannelProperty. MAX_SESSION_DICTIONARY_SIZE belongs to the binary session encoding: asking
 * an HTTP channel for it is E_INVALIDARG on Windows (Wine's conformance tests).
 */
export function WsGetChannelProperty(
  channel: WS_CHANNEL,
  id: WS_CHANNEL_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const ch = channelObject(channel);
  const own = readOnlyValue(ch, id);
  if (own !== undefined) {
    value.value = own.value;
    return S_OK;
  }
  if (id === WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE && ch.encoding !== WS_ENCODING_XML_BINARY_SESSION_1) {
    throw new WsError(
      E_INVALIDARG,
      "WsGetChannelProperty: WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE applies to the binary session encoding only.",
    );
  }
  const notYet = NOT_YET.get(id);
  if (notYet !== undefined) throw new WsError(E_NOTIMPL, `WsGetChannelProperty: ${notYet} is not implemented yet.`);
  if (!SETTINGS.has(id)) throw new WsError(E_INVALIDARG, `WsGetChannelProperty: ${describeValue(id)} is not a WS_CHANNEL_PROPERTY_ID.`);
  const stored = ch.settings.get(id);
  if (stored === undefined) throw new WsError(E_INVALIDARG, `WsGetChannelProperty: ${settingName(id)} was not set and has no default.`);
  value.value = stored;
  return S_OK;
}

/**
 * WsSetChannelProperty: the timeouts only. The docs list no settable ids; Windows refuses the
 * read-only ones, the encoding and the session dictionary size with E_INVALIDARG ("The property id
 * was not supported for this object"), and accepts the timeouts (Wine's conformance tests); the rest
 * shape the channel as it is created and are refused the same way.
 */
export function WsSetChannelProperty(channel: WS_CHANNEL, id: WS_CHANNEL_PROPERTY_ID, value: unknown, _error: WS_ERROR | null): HRESULT {
  const ch = channelObject(channel);
  if (!isSettableLater(id)) {
    throw new WsError(
      E_INVALIDARG,
      `WsSetChannelProperty: ${SETTINGS.has(id) ? `${settingName(id)} can only be given to WsCreateChannel` : `${describeValue(id)} cannot be set (read-only or unknown)`}.`,
    );
  }
  ch.settings.set(id, checkSettingValue("WsSetChannelProperty", id, value));
  return S_OK;
}
