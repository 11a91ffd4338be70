import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_FULL_FAULT_DISCLOSURE,
  WS_MINIMAL_FAULT_DISCLOSURE,
  type WS_SERVICE_PROPERTY,
  WS_SERVICE_PROPERTY_CLOSE_TIMEOUT,
  WS_SERVICE_PROPERTY_FAULT_DISCLOSURE,
  WS_SERVICE_PROPERTY_FAULT_LANGID,
  WS_SERVICE_PROPERTY_HOST_STATE,
  WS_SERVICE_PROPERTY_HOST_USER_STATE,
  WS_SERVICE_PROPERTY_METADATA,
} from "@wwsapi/core";
import { describeValue, isObject, isUint16, isUint32, WsError } from "@wwsapi/core/internal";

/**
 * WsCreateServiceHost's WS_SERVICE_PROPERTY array, with WS_SERVICE_PROPERTY_ID's defaults:
 * FAULT_DISCLOSURE WS_MINIMAL_FAULT_DISCLOSURE, CLOSE_TIMEOUT 5000 ms, FAULT_LANGID the user's
 * locale (en-US, 0x0409, here). HOST_STATE is read only; METADATA needs metadata exchange (E_NOTIMPL).
 */
export interface HostSettings {
  readonly hostUserState: unknown;
  readonly faultDisclosure: number;
  readonly faultLangId: number;
  readonly closeTimeout: number;
}

export function hostSettings(fn: string, properties: readonly WS_SERVICE_PROPERTY[] | null): HostSettings {
  const settings = {
    hostUserState: null as unknown,
    faultDisclosure: WS_MINIMAL_FAULT_DISCLOSURE as number,
    faultLangId: 0x0409,
    closeTimeout: 5000,
  };
  for (const [i, property] of (properties ?? []).entries()) {
    if (!isObject(property))
      throw new WsError(E_INVALIDARG, `${fn}: serviceProperties[${i}] must be a WS_SERVICE_PROPERTY, not ${describeValue(property)}.`);
    const { id, value } = property;
    switch (id) {
      case WS_SERVICE_PROPERTY_HOST_USER_STATE:
        settings.hostUserState = value;
        break;
      case WS_SERVICE_PROPERTY_FAULT_DISCLOSURE:
        if (value !== WS_MINIMAL_FAULT_DISCLOSURE && value !== WS_FULL_FAULT_DISCLOSURE) {
          throw new WsError(
            E_INVALIDARG,
            `${fn}: WS_SERVICE_PROPERTY_FAULT_DISCLOSURE must be a WS_FAULT_DISCLOSURE, not ${describeValue(value)}.`,
          );
        }
        settings.faultDisclosure = value;
        break;
      case WS_SERVICE_PROPERTY_FAULT_LANGID:
        if (!isUint16(value))
          throw new WsError(E_INVALIDARG, `${fn}: WS_SERVICE_PROPERTY_FAULT_LANGID must be a LANGID, not ${describeValue(value)}.`);
        settings.faultLangId = value as number;
        break;
      case WS_SERVICE_PROPERTY_CLOSE_TIMEOUT:
        if (!isUint32(value))
          throw new WsError(E_INVALIDARG, `${fn}: WS_SERVICE_PROPERTY_CLOSE_TIMEOUT must be a ULONG, not ${describeValue(value)}.`);
        settings.closeTimeout = value as number;
        break;
      case WS_SERVICE_PROPERTY_METADATA:
        throw new WsError(E_NOTIMPL, `${fn}: WS_SERVICE_PROPERTY_METADATA (metadata exchange) is not implemented yet.`);
      case WS_SERVICE_PROPERTY_HOST_STATE:
        throw new WsError(E_INVALIDARG, `${fn}: WS_SERVICE_PROPERTY_HOST_STATE is read only.`);
      default:
        throw new WsError(E_INVALIDARG, `${fn}: serviceProperties[${i}].id ${describeValue(id)} is not a WS_SERVICE_PROPERTY_ID.`);
    }
  }
  return settings;
}
