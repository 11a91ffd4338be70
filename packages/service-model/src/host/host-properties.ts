import {
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ERROR,
  type WS_SERVICE_HOST,
  WS_SERVICE_PROPERTY_CLOSE_TIMEOUT,
  WS_SERVICE_PROPERTY_FAULT_DISCLOSURE,
  WS_SERVICE_PROPERTY_FAULT_LANGID,
  WS_SERVICE_PROPERTY_HOST_STATE,
  WS_SERVICE_PROPERTY_HOST_USER_STATE,
  type WS_SERVICE_PROPERTY_ID,
  WS_SERVICE_PROPERTY_METADATA,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { hostObject } from "./host-object.js";

/** WsGetServiceHostProperty: WS_SERVICE_PROPERTY_HOST_STATE ("read only") and the values WsCreateServiceHost was given or defaulted. */
export function WsGetServiceHostProperty(
  serviceHost: WS_SERVICE_HOST,
  id: WS_SERVICE_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const host = hostObject(serviceHost);
  switch (id) {
    case WS_SERVICE_PROPERTY_HOST_STATE:
      value.value = host.state;
      return S_OK;
    case WS_SERVICE_PROPERTY_HOST_USER_STATE:
      value.value = host.settings.hostUserState;
      return S_OK;
    case WS_SERVICE_PROPERTY_FAULT_DISCLOSURE:
      value.value = host.settings.faultDisclosure;
      return S_OK;
    case WS_SERVICE_PROPERTY_FAULT_LANGID:
      value.value = host.settings.faultLangId;
      return S_OK;
    case WS_SERVICE_PROPERTY_CLOSE_TIMEOUT:
      value.value = host.settings.closeTimeout;
      return S_OK;
    case WS_SERVICE_PROPERTY_METADATA:
      throw new WsError(E_NOTIMPL, "WsGetServiceHostProperty: WS_SERVICE_PROPERTY_METADATA (metadata exchange) is not implemented yet.");
  }
  throw new WsError(E_INVALIDARG, `WsGetServiceHostProperty: ${describeValue(id)} is not a WS_SERVICE_PROPERTY_ID.`);
}
