import {
  WS_E_ENDPOINT_FAULT_RECEIVED,
  type WS_ERROR,
  type WS_FAULT,
  type WS_FAULT_CODE,
  type WS_XML_BUFFER,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { checkedBuffer, copyBuffer, copyFault, copyXmlString } from "./fault-copy.js";
import { errorObject, faultStateToChange, setFaultState } from "./fault-state.js";
import { matchesLanguage } from "./languages.js";

/**
 * For the channel core, when a fault arrives where a reply was expected: the fault is kept on the
 * caller's WS_ERROR (WS_FAULT_ERROR_PROPERTY_FAULT, with its action and header when given), and the
 * failure to throw is returned: WS_E_ENDPOINT_FAULT_RECEIVED ("A message containing a fault was
 * received, but a different message was expected"), whose strings — which the flat API adds to the
 * same WS_ERROR — are the fault's reason (in the error's language when one matches, else the first)
 * and a sentence naming `fn` and the fault code. The reason is not added a second time, as
 * WsSetFaultErrorProperty would add it.
 */
export function receivedFault(
  fn: string,
  error: WS_ERROR | null,
  fault: WS_FAULT,
  action: WS_XML_STRING | null = null,
  header: WS_XML_BUFFER | null = null,
): WsError {
  let langId = 0x0409;
  if (error !== null) {
    const state = faultStateToChange(fn, error);
    const copy = copyFault(fn, fault, state.heap, "the received fault");
    const headerCopy = checkedBuffer(fn, header, "the header");
    setFaultState(fn, error, {
      ...state,
      fault: { ...copy, detail: null },
      detail: copy.detail,
      action: action === null ? state.action : copyXmlString(fn, action, state.heap, "the action"),
      header: headerCopy === null ? state.header : copyBuffer(fn, headerCopy, state.heap),
    });
    langId = errorObject(fn, error).langId;
  }
  const reason = fault.reasons.find((r) => matchesLanguage(r.lang, langId)) ?? fault.reasons[0];
  const summary = `${fn}: the endpoint replied with a fault (code ${codeText(fault.code)}).`;
  return reason === undefined
    ? new WsError(WS_E_ENDPOINT_FAULT_RECEIVED, summary)
    : new WsError(WS_E_ENDPOINT_FAULT_RECEIVED, reason.text, summary);
}

/** "Sender/Busy": the local names of the code and its subcodes (at most 64). */
function codeText(code: WS_FAULT_CODE | null): string {
  const names: string[] = [];
  for (let c = code; c !== null && c !== undefined && names.length < 64; c = c.subCode)
    names.push(new TextDecoder().decode(c.value.localName.bytes));
  return names.length === 0 ? "none" : names.join("/");
}
