import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ELEMENT_DESCRIPTION,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_ERROR,
  type WS_FAULT_DETAIL_DESCRIPTION,
  type WS_HEAP,
  WS_READ_NILLABLE_POINTER,
  WS_READ_NILLABLE_VALUE,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_STRUCT_TYPE,
  type WS_WRITE_OPTION,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_READER,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { bufferWriter, copyXmlString, inner } from "./fault-copy.js";
import { faultState, faultStateToChange, setFaultState } from "./fault-state.js";

/**
 * WsSetFaultErrorDetail and WsGetFaultErrorDetail: the detail of the fault a WS_ERROR holds, kept
 * as WS_FAULT.detail is ("the WS_XML_BUFFER should contain an element corresponding to the detail
 * element of the SOAP fault … The local name and namespace of the element are ignored"): an element
 * <detail> (no namespace) whose content is the serialized value.
 */

const DETAIL: WS_XML_STRING = { bytes: new TextEncoder().encode("detail"), dictionary: null, id: 0 };
const NO_NS: WS_XML_STRING = { bytes: new Uint8Array(0), dictionary: null, id: 0 };
const ABSENT_OK: ReadonlySet<number> = new Set([WS_READ_OPTIONAL_POINTER, WS_READ_NILLABLE_POINTER, WS_READ_NILLABLE_VALUE]);

/**
 * The two forms the docs describe: "Reading [Writing] a single element" (elementLocalName and
 * elementNs set) or "multiple elements as a single value" (both NULL, "a WS_STRUCT_TYPE and
 * WS_STRUCT_DESCRIPTION should be specified").
 */
function elementForm(fn: string, description: WS_FAULT_DETAIL_DESCRIPTION): { element: WS_ELEMENT_DESCRIPTION; single: boolean } {
  const element = description.detailElementDescription;
  if (typeof element !== "object" || element === null) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the WS_FAULT_DETAIL_DESCRIPTION needs a detailElementDescription, not ${describeValue(element)}.`,
    );
  }
  const named = element.elementLocalName !== null && element.elementLocalName !== undefined;
  const spaced = element.elementNs !== null && element.elementNs !== undefined;
  if (named !== spaced) {
    throw new WsError(E_INVALIDARG, `${fn}: the detail element description needs both elementLocalName and elementNs, or neither.`);
  }
  if (!named && element.type !== WS_STRUCT_TYPE) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: without an element name the detail is "multiple elements as a single value", which needs WS_STRUCT_TYPE.`,
    );
  }
  return { element, single: named };
}

/**
 * "This API will serialize the value of the detail field of the WS_FAULT stored in the WS_ERROR
 * object"; "If the action field of the fault detail description is non-NULL, then it is set as the
 * WS_FAULT_ERROR_PROPERTY_ACTION". With no element name, writeOption "must be either
 * WS_WRITE_REQUIRED_VALUE or WS_WRITE_REQUIRED_POINTER".
 */
export function WsSetFaultErrorDetail(
  error: WS_ERROR,
  faultDetailDescription: WS_FAULT_DETAIL_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
): HRESULT {
  const fn = "WsSetFaultErrorDetail";
  const { element, single } = elementForm(fn, faultDetailDescription);
  if (!single && writeOption !== WS_WRITE_REQUIRED_VALUE && writeOption !== WS_WRITE_REQUIRED_POINTER) {
    throw new WsError(E_INVALIDARG, `${fn}: a detail of several elements takes WS_WRITE_REQUIRED_VALUE or WS_WRITE_REQUIRED_POINTER only.`);
  }
  const state = faultStateToChange(fn, error);
  const { buffer, writer } = bufferWriter(fn, state.heap);
  inner(fn, "WsWriteStartElement", () => xml.WsWriteStartElement(writer, null, DETAIL, NO_NS, null));
  if (single) inner(fn, "WsWriteElement", () => xml.WsWriteElement(writer, element, writeOption, value, null));
  else {
    inner(fn, "WsWriteType", () =>
      xml.WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, element.type, element.typeDescription, writeOption, value, null),
    );
  }
  inner(fn, "WsWriteEndElement", () => xml.WsWriteEndElement(writer, null));
  const action = faultDetailDescription.action;
  setFaultState(fn, error, {
    ...state,
    detail: buffer,
    action: action === null || action === undefined ? state.action : copyXmlString(fn, action, state.heap, "the action"),
  });
  return S_OK;
}

/**
 * "This API deserializes the value from the detail field of the WS_FAULT stored in the WS_ERROR
 * object." "If both action strings are specified (the action value of the fault detail description
 * is not NULL and the action value WS_FAULT_ERROR_PROPERTY_ACTION in the WS_ERROR has a length
 * greater than zero), then the action strings are compared to determine a match. If there is a
 * match, then the function will then try to deserialize the detail element." No match, or no
 * detail, is an absent element: NULL with WS_READ_OPTIONAL_POINTER ("which will return a NULL
 * pointer if the element name in the fault detail does not match") and the nillable options,
 * WS_E_INVALID_FORMAT otherwise. With no element name, readOption "must be WS_READ_REQUIRED_VALUE or
 * WS_READ_REQUIRED_POINTER".
 */
export function WsGetFaultErrorDetail(
  error: WS_ERROR,
  faultDetailDescription: WS_FAULT_DETAIL_DESCRIPTION,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
): HRESULT {
  const fn = "WsGetFaultErrorDetail";
  const { element, single } = elementForm(fn, faultDetailDescription);
  if (!single && readOption !== WS_READ_REQUIRED_VALUE && readOption !== WS_READ_REQUIRED_POINTER) {
    throw new WsError(E_INVALIDARG, `${fn}: a detail of several elements takes WS_READ_REQUIRED_VALUE or WS_READ_REQUIRED_POINTER only.`);
  }
  const state = faultState(fn, error);
  const wanted = faultDetailDescription.action;
  const actionMismatch =
    wanted !== null && wanted !== undefined && state.action.bytes.length > 0 && !sameBytes(wanted.bytes, state.action.bytes);
  if (state.detail === null || actionMismatch) {
    if (ABSENT_OK.has(readOption)) {
      value.value = null;
      return S_OK;
    }
    const why =
      state.detail === null ? "the error holds no fault detail" : "the fault's action does not match the action of the detail description";
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: ${why}.`);
  }
  const reader = ref<WS_XML_READER | null>(null);
  inner(fn, "WsCreateReader", () => xml.WsCreateReader(null, reader, null));
  inner(fn, "WsSetInputToBuffer", () => xml.WsSetInputToBuffer(reader.value!, state.detail!, null, null));
  inner(fn, "WsReadToStartElement", () => xml.WsReadToStartElement(reader.value!, null, null, null, null));
  if (single) {
    inner(fn, "WsReadStartElement", () => xml.WsReadStartElement(reader.value!, null));
    inner(fn, "WsReadElement", () => xml.WsReadElement(reader.value!, element, readOption, heap, value, null));
  } else {
    inner(fn, "WsReadType", () =>
      xml.WsReadType(reader.value!, WS_ELEMENT_TYPE_MAPPING, element.type, element.typeDescription, readOption, heap, value, null),
    );
  }
  return S_OK;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
