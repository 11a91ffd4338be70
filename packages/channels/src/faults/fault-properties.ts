import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ERROR,
  type WS_FAULT,
  WS_FAULT_ERROR_PROPERTY_ACTION,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  WS_FAULT_ERROR_PROPERTY_HEADER,
  type WS_FAULT_ERROR_PROPERTY_ID,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { checkedBuffer, copyBuffer, copyFault, copyXmlString } from "./fault-copy.js";
import { errorObject, faultState, faultStateToChange, faultWithDetail, setFaultState } from "./fault-state.js";
import { matchesLanguage } from "./languages.js";

/** WsGetFaultErrorProperty and WsSetFaultErrorProperty (WS_FAULT_ERROR_PROPERTY_ID). */

function unknownId(fn: string, id: number): WsError {
  return new WsError(E_INVALIDARG, `${fn}: ${id} is not a WS_FAULT_ERROR_PROPERTY_ID.`);
}

/**
 * FAULT: "either return NULL (indicating no fault has been set), or … a non-NULL pointer to the
 * WS_FAULT"; ACTION: the WS_XML_STRING ("The default value is a zero-length string"); HEADER: the
 * WS_XML_BUFFER or NULL. The values are the error's own, valid until WsResetError or WsFreeError.
 */
export function WsGetFaultErrorProperty(error: WS_ERROR, id: WS_FAULT_ERROR_PROPERTY_ID, buffer: Ref<unknown>): HRESULT {
  const fn = "WsGetFaultErrorProperty";
  const state = faultState(fn, error);
  switch (id) {
    case WS_FAULT_ERROR_PROPERTY_FAULT:
      buffer.value = faultWithDetail(state);
      return S_OK;
    case WS_FAULT_ERROR_PROPERTY_ACTION:
      buffer.value = state.action;
      return S_OK;
    case WS_FAULT_ERROR_PROPERTY_HEADER:
      buffer.value = state.header;
      return S_OK;
  }
  throw unknownId(fn, id);
}

/**
 * FAULT: "The error object will make a copy of the WS_FAULT. The error object will also add the
 * fault string of the fault to the set of error strings in the error object if the language of
 * the fault string matches that of the error object" (languages.ts: the first reason whose
 * language matches the error's WS_ERROR_PROPERTY_LANGID, a reason without a language matching any).
 * ACTION: "The error object will make a copy of the string." HEADER: "The error object will make a
 * copy of the buffer"; NULL removes it ("If the pointer to the XML_BUFFER is NULL, then no header
 * is present").
 */
export function WsSetFaultErrorProperty(error: WS_ERROR, id: WS_FAULT_ERROR_PROPERTY_ID, value: unknown): HRESULT {
  const fn = "WsSetFaultErrorProperty";
  const state = faultStateToChange(fn, error);
  switch (id) {
    case WS_FAULT_ERROR_PROPERTY_FAULT: {
      const fault = copyFault(fn, value, state.heap, "the WS_FAULT");
      setFaultState(fn, error, { ...state, fault: { ...fault, detail: null }, detail: fault.detail });
      addReasonString(fn, error, fault);
      return S_OK;
    }
    case WS_FAULT_ERROR_PROPERTY_ACTION:
      setFaultState(fn, error, { ...state, action: copyXmlString(fn, value, state.heap, "the action") });
      return S_OK;
    case WS_FAULT_ERROR_PROPERTY_HEADER: {
      const header = checkedBuffer(fn, value, "the header");
      setFaultState(fn, error, { ...state, header: header === null ? null : copyBuffer(fn, header, state.heap) });
      return S_OK;
    }
  }
  throw unknownId(fn, id);
}

/** The fault's reason in the error's language, added as the error's most recent string. */
function addReasonString(fn: string, error: WS_ERROR, fault: WS_FAULT): void {
  const target = errorObject(fn, error);
  const reason = fault.reasons.find((r) => matchesLanguage(r.lang, target.langId));
  if (reason !== undefined) target.strings.unshift(reason.text);
}
