/**
 * The fault functions of the `error` area (WS_FAULT_ERROR_PROPERTY_ID, fault details, faults made
 * from errors) and what the channel core needs of them: the fault to send for a WS_ERROR
 * (WsSendFaultMessageForError) and recording a received fault on the caller's WS_ERROR.
 */
export { WsGetFaultErrorDetail, WsSetFaultErrorDetail } from "./fault-detail.js";
export {
  defaultFaultAction,
  type FaultToSend,
  faultFromError,
  faultToSend,
  GENERIC_REASON,
  WsCreateFaultFromError,
} from "./fault-from-error.js";
export { WsGetFaultErrorProperty, WsSetFaultErrorProperty } from "./fault-properties.js";
export { receivedFault } from "./received-fault.js";
