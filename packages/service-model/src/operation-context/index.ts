/** WS_OPERATION_CONTEXT: what a service operation learns of its exchange, and its cancellation. */
export {
  OperationContextObject,
  type OperationScope,
  WsGetOperationContextProperty,
  WsRegisterOperationForCancel,
} from "./operation-context.js";
