import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ERROR,
  type WS_PROXY_PROPERTY_ID,
  WS_PROXY_PROPERTY_MESSAGE_PROPERTIES,
  WS_PROXY_PROPERTY_STATE,
  type WS_SERVICE_PROXY,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { proxyObject } from "./proxy-object.js";
import { PROXY_PROPERTY_NAMES } from "./proxy-settings.js";

/**
 * WsGetServiceProxyProperty. WS_PROXY_PROPERTY_STATE "is read only"; the timeouts, pool sizes,
 * pending-call limit and fault language are documented "write only", so reading one is
 * E_INVALIDARG. WS_PROXY_PROPERTY_MESSAGE_PROPERTIES, documented neither way, returns what was
 * given (an empty WS_MESSAGE_PROPERTIES when nothing was).
 */
export function WsGetServiceProxyProperty(
  serviceProxy: WS_SERVICE_PROXY,
  id: WS_PROXY_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const proxy = proxyObject(serviceProxy);
  switch (id) {
    case WS_PROXY_PROPERTY_STATE:
      value.value = proxy.state;
      return S_OK;
    case WS_PROXY_PROPERTY_MESSAGE_PROPERTIES:
      value.value = proxy.settings.messageProperties ?? { properties: [] };
      return S_OK;
  }
  const name = PROXY_PROPERTY_NAMES[id];
  throw new WsError(
    E_INVALIDARG,
    name === undefined
      ? `WsGetServiceProxyProperty: ${describeValue(id)} is not a WS_PROXY_PROPERTY_ID.`
      : `WsGetServiceProxyProperty: ${name} is write only (WS_PROXY_PROPERTY_ID); only WS_PROXY_PROPERTY_STATE can be read.`,
  );
}
