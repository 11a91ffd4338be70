import {
  ref,
  type WS_ERROR,
  type WS_FAULT,
  WS_FAULT_TYPE,
  type WS_HEAP,
  type WS_MESSAGE,
  WS_READ_REQUIRED_VALUE,
  type WS_XML_STRING,
} from "@wwsapi/core";
import type { WsError } from "@wwsapi/core/internal";
import { receivedFault as recordReceivedFault } from "../faults/index.js";
import { messageOf, WsReadBody } from "../message/index.js";

const encoder = new TextEncoder();

/**
 * The failure for a received fault message: the body's Fault is read (WS_FAULT_TYPE) onto `heap`
 * (the message's when null) and handed to the faults module, which keeps it on the caller's
 * WS_ERROR (WS_FAULT_ERROR_PROPERTY_FAULT and _ACTION) and makes the WS_E_ENDPOINT_FAULT_RECEIVED
 * error whose first string is the fault's reason.
 */
export function receivedFault(
  fn: string,
  message: WS_MESSAGE,
  heap: WS_HEAP | null,
  error: WS_ERROR | null,
  action: string | null,
): WsError {
  const value = ref<unknown>(null);
  WsReadBody(
    message,
    { elementLocalName: null, elementNs: null, type: WS_FAULT_TYPE, typeDescription: null } as never,
    WS_READ_REQUIRED_VALUE,
    heap ?? messageOf(message).heap,
    value,
    null,
  );
  const actionString = action === null ? null : ({ bytes: encoder.encode(action), dictionary: null, id: 0 } as WS_XML_STRING);
  return recordReceivedFault(fn, error, value.value as WS_FAULT, actionString);
}
