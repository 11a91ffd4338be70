import {
  E_INVALIDARG,
  type WS_MESSAGE_PROPERTIES,
  WS_PROXY_FAULT_LANG_ID,
  type WS_PROXY_PROPERTY,
  WS_PROXY_PROPERTY_CALL_TIMEOUT,
  WS_PROXY_PROPERTY_MAX_CALL_POOL_SIZE,
  WS_PROXY_PROPERTY_MAX_CLOSE_TIMEOUT,
  WS_PROXY_PROPERTY_MAX_PENDING_CALLS,
  WS_PROXY_PROPERTY_MESSAGE_PROPERTIES,
  WS_PROXY_PROPERTY_STATE,
} from "@wwsapi/core";
import { describeValue, isObject, isUint16, isUint32, WsError } from "@wwsapi/core/internal";

/** "If an application wishes to have no timeout associated with a call, it can set the value to INFINITE." */
export const INFINITE = 0xffffffff;

/**
 * What WsCreateServiceProxy's WS_PROXY_PROPERTY array sets, with WS_PROXY_PROPERTY_ID's defaults:
 * CALL_TIMEOUT "Default is 30000 milliseconds", MAX_CALL_POOL_SIZE "The default value for this
 * property is 5", MAX_PENDING_CALLS "The default value for this property is 100", MAX_CLOSE_TIMEOUT
 * "The default value for this property is 5000 (5 seconds)". FAULT_LANG_ID "If no user locale is
 * specified, then the default user locale will be used": en-US (0x0409) here.
 */
export interface ProxySettings {
  readonly callTimeout: number;
  readonly messageProperties: WS_MESSAGE_PROPERTIES | null;
  readonly maxCallPoolSize: number;
  readonly maxPendingCalls: number;
  readonly maxCloseTimeout: number;
  readonly faultLangId: number;
}

export const PROXY_PROPERTY_NAMES: Readonly<Record<number, string>> = {
  [WS_PROXY_PROPERTY_CALL_TIMEOUT]: "WS_PROXY_PROPERTY_CALL_TIMEOUT",
  [WS_PROXY_PROPERTY_MESSAGE_PROPERTIES]: "WS_PROXY_PROPERTY_MESSAGE_PROPERTIES",
  [WS_PROXY_PROPERTY_MAX_CALL_POOL_SIZE]: "WS_PROXY_PROPERTY_MAX_CALL_POOL_SIZE",
  [WS_PROXY_PROPERTY_STATE]: "WS_PROXY_PROPERTY_STATE",
  [WS_PROXY_PROPERTY_MAX_PENDING_CALLS]: "WS_PROXY_PROPERTY_MAX_PENDING_CALLS",
  [WS_PROXY_PROPERTY_MAX_CLOSE_TIMEOUT]: "WS_PROXY_PROPERTY_MAX_CLOSE_TIMEOUT",
  [WS_PROXY_FAULT_LANG_ID]: "WS_PROXY_FAULT_LANG_ID",
};

function ulong(fn: string, name: string, value: unknown): number {
  if (!isUint32(value)) throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a ULONG (0 to 4294967295), not ${describeValue(value)}.`);
  return value as number;
}

/**
 * Reads the properties. "With an exception of WS_PROXY_PROPERTY_STATE all the values are only
 * supported for use with WsCreateServiceProxy": STATE (read only) or an unknown id is E_INVALIDARG,
 * as is an id given twice.
 */
export function proxySettings(fn: string, properties: readonly WS_PROXY_PROPERTY[] | null): ProxySettings {
  const settings = {
    callTimeout: 30000,
    messageProperties: null as WS_MESSAGE_PROPERTIES | null,
    maxCallPoolSize: 5,
    maxPendingCalls: 100,
    maxCloseTimeout: 5000,
    faultLangId: 0x0409,
  };
  const seen = new Set<number>();
  for (const [i, property] of (properties ?? []).entries()) {
    if (!isObject(property))
      throw new WsError(E_INVALIDARG, `${fn}: properties[${i}] must be a WS_PROXY_PROPERTY, not ${describeValue(property)}.`);
    const { id, value } = property;
    const name = PROXY_PROPERTY_NAMES[id];
    if (name === undefined || id === WS_PROXY_PROPERTY_STATE) {
      throw new WsError(E_INVALIDARG, `${fn}: properties[${i}].id ${name ?? describeValue(id)} cannot be given to WsCreateServiceProxy.`);
    }
    if (seen.has(id)) throw new WsError(E_INVALIDARG, `${fn}: ${name} is given twice.`);
    seen.add(id);
    switch (id) {
      case WS_PROXY_PROPERTY_CALL_TIMEOUT:
        settings.callTimeout = ulong(fn, name, value);
        break;
      case WS_PROXY_PROPERTY_MESSAGE_PROPERTIES:
        if (!isObject(value) || !Array.isArray((value as WS_MESSAGE_PROPERTIES).properties)) {
          throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a WS_MESSAGE_PROPERTIES, not ${describeValue(value)}.`);
        }
        settings.messageProperties = value as WS_MESSAGE_PROPERTIES;
        break;
      case WS_PROXY_PROPERTY_MAX_CALL_POOL_SIZE:
        if (!isUint16(value)) throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a USHORT, not ${describeValue(value)}.`);
        settings.maxCallPoolSize = value as number;
        break;
      case WS_PROXY_PROPERTY_MAX_PENDING_CALLS:
        settings.maxPendingCalls = ulong(fn, name, value);
        break;
      case WS_PROXY_PROPERTY_MAX_CLOSE_TIMEOUT:
        settings.maxCloseTimeout = ulong(fn, name, value);
        break;
      case WS_PROXY_FAULT_LANG_ID:
        if (!isUint16(value)) throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a LANGID, not ${describeValue(value)}.`);
        settings.faultLangId = value as number;
        break;
    }
  }
  return settings;
}
