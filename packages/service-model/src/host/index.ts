/** WS_SERVICE_HOST: the service side of the service model. */
export { WsCreateServiceEndpointFromTemplate } from "./endpoint-template.js";
export {
  WsAbortServiceHost,
  WsCloseServiceHost,
  WsCreateServiceHost,
  WsFreeServiceHost,
  WsOpenServiceHost,
  WsResetServiceHost,
} from "./host-lifecycle.js";
export { ServiceHostObject } from "./host-object.js";
export { WsGetServiceHostProperty } from "./host-properties.js";
