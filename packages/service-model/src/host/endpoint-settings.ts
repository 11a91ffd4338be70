import {
  E_INVALIDARG,
  E_NOTIMPL,
  type WS_LISTENER_PROPERTY,
  type WS_MESSAGE_PROPERTIES,
  WS_METADATA_EXCHANGE_TYPE_NONE,
  type WS_SERVICE_ACCEPT_CHANNEL_CALLBACK,
  type WS_SERVICE_CLOSE_CHANNEL_CALLBACK,
  type WS_SERVICE_ENDPOINT_PROPERTY,
  WS_SERVICE_ENDPOINT_PROPERTY_ACCEPT_CHANNEL_CALLBACK,
  WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_MAX_SIZE,
  WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_TRIM_SIZE,
  WS_SERVICE_ENDPOINT_PROPERTY_CHECK_MUST_UNDERSTAND,
  WS_SERVICE_ENDPOINT_PROPERTY_CLOSE_CHANNEL_CALLBACK,
  WS_SERVICE_ENDPOINT_PROPERTY_LISTENER_PROPERTIES,
  WS_SERVICE_ENDPOINT_PROPERTY_MAX_ACCEPTING_CHANNELS,
  WS_SERVICE_ENDPOINT_PROPERTY_MAX_CALL_POOL_SIZE,
  WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNEL_POOL_SIZE,
  WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNELS,
  WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY,
  WS_SERVICE_ENDPOINT_PROPERTY_MESSAGE_PROPERTIES,
  WS_SERVICE_ENDPOINT_PROPERTY_METADATA,
  WS_SERVICE_ENDPOINT_PROPERTY_METADATA_EXCHANGE_TYPE,
  WS_SERVICE_ENDPOINT_PROPERTY_METADATA_EXCHANGE_URL_SUFFIX,
} from "@wwsapi/core";
import { describeValue, isObject, isUint32, WsError } from "@wwsapi/core/internal";

/**
 * A WS_SERVICE_ENDPOINT's properties with WS_SERVICE_ENDPOINT_PROPERTY_ID's defaults:
 * MAX_ACCEPTING_CHANNELS "If not specified this value is set to 1", MAX_CONCURRENCY 1,
 * BODY_HEAP_MAX_SIZE 65535 bytes, BODY_HEAP_TRIM_SIZE 4096 bytes, MAX_CALL_POOL_SIZE 100,
 * MAX_CHANNEL_POOL_SIZE 100, CHECK_MUST_UNDERSTAND TRUE, MAX_CHANNELS 100. The docs state no value
 * type for the numbers: they are ULONGs here.
 */
export interface EndpointSettings {
  readonly acceptChannelCallback: WS_SERVICE_ACCEPT_CHANNEL_CALLBACK | null;
  readonly closeChannelCallback: WS_SERVICE_CLOSE_CHANNEL_CALLBACK | null;
  readonly maxAcceptingChannels: number;
  readonly maxConcurrency: number;
  readonly bodyHeapMaxSize: number;
  readonly bodyHeapTrimSize: number;
  readonly messageProperties: WS_MESSAGE_PROPERTIES | null;
  readonly maxCallPoolSize: number;
  readonly maxChannelPoolSize: number;
  readonly listenerProperties: readonly WS_LISTENER_PROPERTY[];
  readonly checkMustUnderstand: boolean;
  readonly maxChannels: number;
}

const NUMBERS: Readonly<Record<number, [keyof EndpointSettings, string, number]>> = {
  [WS_SERVICE_ENDPOINT_PROPERTY_MAX_ACCEPTING_CHANNELS]: ["maxAcceptingChannels", "WS_SERVICE_ENDPOINT_PROPERTY_MAX_ACCEPTING_CHANNELS", 1],
  [WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY]: ["maxConcurrency", "WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY", 1],
  [WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_MAX_SIZE]: ["bodyHeapMaxSize", "WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_MAX_SIZE", 0],
  [WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_TRIM_SIZE]: ["bodyHeapTrimSize", "WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_TRIM_SIZE", 0],
  [WS_SERVICE_ENDPOINT_PROPERTY_MAX_CALL_POOL_SIZE]: ["maxCallPoolSize", "WS_SERVICE_ENDPOINT_PROPERTY_MAX_CALL_POOL_SIZE", 0],
  [WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNEL_POOL_SIZE]: ["maxChannelPoolSize", "WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNEL_POOL_SIZE", 0],
  [WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNELS]: ["maxChannels", "WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNELS", 1],
};

function callbackOf(fn: string, name: string, value: unknown): ((...args: never[]) => unknown) | null {
  const callback = isObject(value) ? (value as { callback?: unknown }).callback : undefined;
  if (callback === null) return null;
  if (typeof callback !== "function")
    throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a struct whose callback is a function, not ${describeValue(value)}.`);
  return callback as (...args: never[]) => unknown;
}

export function endpointSettings(fn: string, properties: readonly WS_SERVICE_ENDPOINT_PROPERTY[] | null | undefined): EndpointSettings {
  const settings: { -readonly [K in keyof EndpointSettings]: EndpointSettings[K] } = {
    acceptChannelCallback: null,
    closeChannelCallback: null,
    maxAcceptingChannels: 1,
    maxConcurrency: 1,
    bodyHeapMaxSize: 65535,
    bodyHeapTrimSize: 4096,
    messageProperties: null,
    maxCallPoolSize: 100,
    maxChannelPoolSize: 100,
    listenerProperties: [],
    checkMustUnderstand: true,
    maxChannels: 100,
  };
  for (const [i, property] of (properties ?? []).entries()) {
    if (!isObject(property))
      throw new WsError(
        E_INVALIDARG,
        `${fn}: endpoint properties[${i}] must be a WS_SERVICE_ENDPOINT_PROPERTY, not ${describeValue(property)}.`,
      );
    const { id, value } = property;
    const number = NUMBERS[id];
    if (number !== undefined) {
      const [key, name, min] = number;
      if (!isUint32(value) || (value as number) < min)
        throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a ULONG of at least ${min}, not ${describeValue(value)}.`);
      (settings as Record<string, unknown>)[key] = value;
      continue;
    }
    switch (id) {
      case WS_SERVICE_ENDPOINT_PROPERTY_ACCEPT_CHANNEL_CALLBACK:
        settings.acceptChannelCallback = callbackOf(
          fn,
          "WS_SERVICE_ENDPOINT_PROPERTY_ACCEPT_CHANNEL_CALLBACK",
          value,
        ) as WS_SERVICE_ACCEPT_CHANNEL_CALLBACK | null;
        break;
      case WS_SERVICE_ENDPOINT_PROPERTY_CLOSE_CHANNEL_CALLBACK:
        settings.closeChannelCallback = callbackOf(
          fn,
          "WS_SERVICE_ENDPOINT_PROPERTY_CLOSE_CHANNEL_CALLBACK",
          value,
        ) as WS_SERVICE_CLOSE_CHANNEL_CALLBACK | null;
        break;
      case WS_SERVICE_ENDPOINT_PROPERTY_MESSAGE_PROPERTIES:
        if (!isObject(value) || !Array.isArray((value as WS_MESSAGE_PROPERTIES).properties)) {
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_SERVICE_ENDPOINT_PROPERTY_MESSAGE_PROPERTIES must be a WS_MESSAGE_PROPERTIES, not ${describeValue(value)}.`,
          );
        }
        settings.messageProperties = value as WS_MESSAGE_PROPERTIES;
        break;
      case WS_SERVICE_ENDPOINT_PROPERTY_LISTENER_PROPERTIES: {
        const list = isObject(value) ? (value as { properties?: unknown }).properties : undefined;
        if (!Array.isArray(list))
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_SERVICE_ENDPOINT_PROPERTY_LISTENER_PROPERTIES must be a WS_LISTENER_PROPERTIES, not ${describeValue(value)}.`,
          );
        settings.listenerProperties = list as WS_LISTENER_PROPERTY[];
        break;
      }
      case WS_SERVICE_ENDPOINT_PROPERTY_CHECK_MUST_UNDERSTAND:
        if (typeof value !== "boolean")
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_SERVICE_ENDPOINT_PROPERTY_CHECK_MUST_UNDERSTAND must be a BOOL, not ${describeValue(value)}.`,
          );
        settings.checkMustUnderstand = value;
        break;
      case WS_SERVICE_ENDPOINT_PROPERTY_METADATA_EXCHANGE_TYPE:
        if (value !== WS_METADATA_EXCHANGE_TYPE_NONE)
          throw new WsError(
            E_NOTIMPL,
            `${fn}: metadata exchange (WS_SERVICE_ENDPOINT_PROPERTY_METADATA_EXCHANGE_TYPE) is not implemented yet.`,
          );
        break;
      case WS_SERVICE_ENDPOINT_PROPERTY_METADATA:
      case WS_SERVICE_ENDPOINT_PROPERTY_METADATA_EXCHANGE_URL_SUFFIX:
        throw new WsError(E_NOTIMPL, `${fn}: endpoint metadata (property ${id}) is not implemented yet.`);
      default:
        throw new WsError(
          E_INVALIDARG,
          `${fn}: endpoint properties[${i}].id ${describeValue(id)} is not a WS_SERVICE_ENDPOINT_PROPERTY_ID this host knows.`,
        );
    }
  }
  return settings;
}
