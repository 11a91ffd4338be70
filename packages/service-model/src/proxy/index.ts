/** WS_SERVICE_PROXY: the client side of the service model. */
export { WsAbandonCall, WsCall } from "./proxy-call.js";
export {
  templateBinding,
  templateChannelProperties,
  WsAbortServiceProxy,
  WsCloseServiceProxy,
  WsCreateServiceProxy,
  WsCreateServiceProxyFromTemplate,
  WsFreeServiceProxy,
  WsOpenServiceProxy,
  WsResetServiceProxy,
} from "./proxy-lifecycle.js";
export { ServiceProxyObject } from "./proxy-object.js";
export { WsGetServiceProxyProperty } from "./proxy-properties.js";
