import { E_INVALIDARG, type WS_ERROR, type WS_FAULT, type WS_HEAP, type WS_XML_BUFFER, type WS_XML_STRING } from "@wwsapi/core";
import { type ErrorObject, WsError } from "@wwsapi/core/internal";
import { ownHeap } from "./fault-copy.js";

/**
 * What a WS_ERROR holds of a fault (WS_FAULT_ERROR_PROPERTY_ID): the fault, its action, a header
 * for the fault message, and the detail (WsSetFaultErrorDetail may set one before any fault is).
 * It lives among the error object's attachments, under a symbol of this package: WsResetError and
 * WsFreeError clear it ("valid until WsResetError or WsFreeError are called"). A state is never
 * changed, only replaced, so that WsCopyError may share it between two error objects.
 */
export interface FaultState {
  /** The error's own heap, on which the copies below are accounted (made when something is first set). */
  readonly heap: WS_HEAP | null;
  /** WS_FAULT_ERROR_PROPERTY_FAULT, without its detail (which is `detail`). */
  readonly fault: WS_FAULT | null;
  /** WS_FAULT_ERROR_PROPERTY_ACTION: "The default value is a zero-length string". */
  readonly action: WS_XML_STRING;
  /** WS_FAULT_ERROR_PROPERTY_HEADER: "The default value is NULL". */
  readonly header: WS_XML_BUFFER | null;
  /** The fault's detail element. */
  readonly detail: WS_XML_BUFFER | null;
}

const FAULT_STATE = Symbol("@wwsapi/channels fault state");
const EMPTY_ACTION: WS_XML_STRING = Object.freeze({ bytes: new Uint8Array(0), dictionary: null, id: 0 });

export function errorObject(fn: string, error: WS_ERROR): ErrorObject {
  const target = error as unknown as ErrorObject;
  if (!(target.attachments instanceof Map)) throw new WsError(E_INVALIDARG, `${fn}: the WS_ERROR was not created by @wwsapi/core.`);
  return target;
}

/** The error's fault state (the defaults when none was set). */
export function faultState(fn: string, error: WS_ERROR): FaultState {
  const found = errorObject(fn, error).attachments.get(FAULT_STATE) as FaultState | undefined;
  return found ?? { heap: null, fault: null, action: EMPTY_ACTION, header: null, detail: null };
}

/** The error's fault state, about to be changed: with its heap. */
export function faultStateToChange(fn: string, error: WS_ERROR): FaultState & { readonly heap: WS_HEAP } {
  const state = faultState(fn, error);
  return state.heap === null ? { ...state, heap: ownHeap() } : (state as FaultState & { readonly heap: WS_HEAP });
}

export function setFaultState(fn: string, error: WS_ERROR, state: FaultState): void {
  errorObject(fn, error).attachments.set(FAULT_STATE, Object.freeze({ ...state }));
}

/** The fault as WsGetFaultErrorProperty returns it: with the detail the error holds. */
export function faultWithDetail(state: FaultState): WS_FAULT | null {
  if (state.fault === null) return null;
  return Object.assign(Object.create(null), state.fault, { detail: state.detail }) as WS_FAULT;
}
