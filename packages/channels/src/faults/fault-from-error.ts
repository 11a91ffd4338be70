import {
  E_INVALIDARG,
  type HRESULT,
  HRESULT_MEANINGS,
  type Ref,
  S_OK,
  type WS_ADDRESSING_VERSION,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  type WS_ERROR,
  type WS_FAULT,
  type WS_FAULT_DISCLOSURE,
  WS_FULL_FAULT_DISCLOSURE,
  type WS_HEAP,
  type WS_XML_BUFFER,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { copyBuffer, copyFault, copyXmlString } from "./fault-copy.js";
import { errorObject, faultState } from "./fault-state.js";
import { DEFAULT_LANGID_TAG, hresultText } from "./fault-texts.js";
import { languageTag } from "./languages.js";

/**
 * WsCreateFaultFromError, and what the channel core sends for a WS_ERROR (WsSendFaultMessageForError).
 *
 * Remarks: "If the error object contains a fault (… WS_FAULT_ERROR_PROPERTY_FAULT … is non-NULL),
 * then that fault is selected … If the error object does not contain a fault … a generic fault with
 * a generic fault code (and no reason text) is selected … If the selected fault does not include any
 * reason text, the fault reason text is constructed according to the value of disclosure:
 * WS_FULL_FAULT_DISCLOSURE All the error strings present in the error object are appended together
 * to form the reason text. If there are no strings, the string associated with the errorCode
 * parameter is used. WS_MINIMAL_FAULT_DISCLOSURE A generic error string is used." The language is the
 * error's WS_ERROR_PROPERTY_LANGID.
 *
 * Choices the docs leave open: the generic fault code is SOAP's Receiver (in no namespace, so that
 * serialization puts it in the envelope's namespace, and SOAP 1.1 writes it as Server); the strings
 * are appended in WsGetErrorString's order, separated by a space; the generic string is
 * GENERIC_REASON below.
 */

/** The reason WS_MINIMAL_FAULT_DISCLOSURE gives: says that it failed, not why. */
export const GENERIC_REASON = "The server was unable to process the request due to an internal error.";
const RECEIVER = new TextEncoder().encode("Receiver");

/** What WsSendFaultMessageForError sends for an error: the fault (with its detail), its action and header. */
export interface FaultToSend {
  readonly fault: WS_FAULT;
  /** WS_FAULT_ERROR_PROPERTY_ACTION, or null when it is zero-length ("no action is present"; see defaultFaultAction). */
  readonly action: WS_XML_STRING | null;
  /** WS_FAULT_ERROR_PROPERTY_HEADER: "a header to add to the fault message relating to the fault". */
  readonly header: WS_XML_BUFFER | null;
}

export function WsCreateFaultFromError(
  error: WS_ERROR,
  faultErrorCode: HRESULT,
  faultDisclosure: WS_FAULT_DISCLOSURE,
  heap: WS_HEAP,
  fault: Ref<WS_FAULT>,
): HRESULT {
  fault.value = faultFromError("WsCreateFaultFromError", error, faultErrorCode, faultDisclosure, heap);
  return S_OK;
}

/** The fault for `error` on `heap`, as WsCreateFaultFromError makes it (a null error holds no fault and no strings). */
export function faultFromError(
  fn: string,
  error: WS_ERROR | null,
  faultErrorCode: HRESULT,
  disclosure: WS_FAULT_DISCLOSURE,
  heap: WS_HEAP,
): WS_FAULT {
  if (faultErrorCode >= 0) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: faultErrorCode ${hresultText(faultErrorCode)} is a success code; "The HRESULT value cannot be a success code".`,
    );
  }
  const state = error === null ? null : faultState(fn, error);
  const target = error === null ? null : errorObject(fn, error);
  const selected: WS_FAULT = state?.fault ?? {
    code: {
      value: { localName: { bytes: RECEIVER, dictionary: null, id: 0 }, ns: { bytes: new Uint8Array(0), dictionary: null, id: 0 } },
      subCode: null,
    },
    reasons: [],
    actor: "",
    node: "",
    detail: null,
  };
  let reasons = selected.reasons;
  if (reasons.length === 0) {
    const strings = target?.strings ?? [];
    const text =
      disclosure !== WS_FULL_FAULT_DISCLOSURE
        ? GENERIC_REASON
        : strings.length > 0
          ? strings.join(" ")
          : (HRESULT_MEANINGS.get(faultErrorCode) ?? `Error ${hresultText(faultErrorCode)}.`);
    reasons = [{ text, lang: target === null ? DEFAULT_LANGID_TAG : languageTag(target.langId) }];
  }
  return copyFault(fn, { ...selected, reasons, detail: state?.detail ?? null }, heap, "the fault");
}

/**
 * The action of a fault message whose error names none (the Faults page: "If this is not specified,
 * then a default action is supplied"): the fault action WS-Addressing defines for its version
 * (1.0: http://www.w3.org/2005/08/addressing/soap/fault, 0.9 (2004/08):
 * http://schemas.xmlsoap.org/ws/2004/08/addressing/fault); null for WS_ADDRESSING_VERSION_TRANSPORT,
 * which has no action header.
 */
export function defaultFaultAction(addressingVersion: WS_ADDRESSING_VERSION): string | null {
  if (addressingVersion === WS_ADDRESSING_VERSION_1_0) return "http://www.w3.org/2005/08/addressing/soap/fault";
  if (addressingVersion === WS_ADDRESSING_VERSION_0_9) return "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault";
  return null;
}

/** For WsSendFaultMessageForError: the fault of faultFromError, and the action and header the error holds, on `heap`. */
export function faultToSend(
  fn: string,
  error: WS_ERROR | null,
  faultErrorCode: HRESULT,
  disclosure: WS_FAULT_DISCLOSURE,
  heap: WS_HEAP,
): FaultToSend {
  const fault = faultFromError(fn, error, faultErrorCode, disclosure, heap);
  const state = error === null ? null : faultState(fn, error);
  const action = state === null || state.action.bytes.length === 0 ? null : copyXmlString(fn, state.action, heap, "the action");
  const header = state?.header === null || state === null ? null : copyBuffer(fn, state.header, heap);
  return { fault, action, header };
}
