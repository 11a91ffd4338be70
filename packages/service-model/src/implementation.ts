import type { ServiceModelImplementation } from "./gen/implementation.js";
import * as host from "./host/index.js";
import * as operationContext from "./operation-context/index.js";
import * as proxy from "./proxy/index.js";

/**
 * The functions of @wwsapi/service-model implemented so far; the generated flat API dispatches to them and
 * returns E_NOTIMPL for the rest (docs/api-status.md).
 */
export const implementation = {
  // WS_SERVICE_PROXY (proxy/)
  WsCreateServiceProxy: proxy.WsCreateServiceProxy,
  WsCreateServiceProxyFromTemplate: proxy.WsCreateServiceProxyFromTemplate,
  WsOpenServiceProxy: proxy.WsOpenServiceProxy,
  WsCloseServiceProxy: proxy.WsCloseServiceProxy,
  WsAbortServiceProxy: proxy.WsAbortServiceProxy,
  WsResetServiceProxy: proxy.WsResetServiceProxy,
  WsFreeServiceProxy: proxy.WsFreeServiceProxy,
  WsGetServiceProxyProperty: proxy.WsGetServiceProxyProperty,
  WsCall: proxy.WsCall,
  WsAbandonCall: proxy.WsAbandonCall,
  // WS_SERVICE_HOST (host/)
  WsCreateServiceHost: host.WsCreateServiceHost,
  WsCreateServiceEndpointFromTemplate: host.WsCreateServiceEndpointFromTemplate,
  WsOpenServiceHost: host.WsOpenServiceHost,
  WsCloseServiceHost: host.WsCloseServiceHost,
  WsAbortServiceHost: host.WsAbortServiceHost,
  WsResetServiceHost: host.WsResetServiceHost,
  WsFreeServiceHost: host.WsFreeServiceHost,
  WsGetServiceHostProperty: host.WsGetServiceHostProperty,
  // WS_OPERATION_CONTEXT (operation-context/)
  WsGetOperationContextProperty: operationContext.WsGetOperationContextProperty,
  WsRegisterOperationForCancel: operationContext.WsRegisterOperationForCancel,
} satisfies Partial<ServiceModelImplementation>;
