import type { WS_ERROR_PROPERTY_ID } from "../gen/enums.js";
import { WS_ERROR_PROPERTY_LANGID, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_ERROR_PROPERTY_STRING_COUNT } from "../gen/enums.js";
import type { WS_ERROR } from "../gen/handles.js";
import { E_INVALIDARG, HRESULT_MEANINGS, S_OK } from "../gen/hresults.js";
import type { WS_ERROR_PROPERTY } from "../gen/structs.js";
import { markFreed } from "../runtime/handle.js";
import type { HRESULT, Ref } from "../types/native.js";
import { ErrorObject } from "./error-object.js";
import { hresultName, WsError } from "./ws-error.js";

/** WS_ERROR's functions (errors area). The generated flat API has checked every argument's type. */

const asObject = (error: WS_ERROR) => error as unknown as ErrorObject;

function checkLangId(functionName: string, value: unknown): number {
  if (typeof value !== "number" || (value & 0xffff) !== value || value === 0) {
    throw new WsError(E_INVALIDARG, `${functionName}: WS_ERROR_PROPERTY_LANGID must be a non-zero LANGID (0x0001-0xFFFF).`);
  }
  return value;
}

function checkErrorCode(functionName: string, value: unknown): number {
  if (typeof value !== "number" || (value | 0) !== value) {
    throw new WsError(E_INVALIDARG, `${functionName}: WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE must be an HRESULT (a 32-bit signed integer).`);
  }
  return value;
}

function setProperty(functionName: string, target: ErrorObject, id: number, value: unknown): void {
  switch (id) {
    case WS_ERROR_PROPERTY_LANGID:
      // "This value can only be set when the error object is first created, or after it has been
      // reset using WsResetError": that is, while it holds no strings.
      if (target.strings.length > 0) {
        throw new WsError(
          E_INVALIDARG,
          `${functionName}: WS_ERROR_PROPERTY_LANGID can only be set on a new or reset error object; this one holds ${target.strings.length} string(s).`,
        );
      }
      target.langId = checkLangId(functionName, value);
      return;
    case WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE:
      target.originalErrorCode = checkErrorCode(functionName, value);
      return;
    case WS_ERROR_PROPERTY_STRING_COUNT:
      throw new WsError(E_INVALIDARG, `${functionName}: WS_ERROR_PROPERTY_STRING_COUNT is read-only.`);
  }
  throw new WsError(E_INVALIDARG, `${functionName}: ${id} is not a WS_ERROR_PROPERTY_ID.`);
}

/** The strings WsGetErrorString serves: the added ones, then the original error code's text. */
function visibleStrings(target: ErrorObject): string[] {
  if (target.originalErrorCode === S_OK) return target.strings;
  const text = HRESULT_MEANINGS.get(target.originalErrorCode) ?? `Error ${hresultName(target.originalErrorCode)}.`;
  return [...target.strings, text];
}

export function WsCreateError(properties: readonly WS_ERROR_PROPERTY[] | null, error: Ref<WS_ERROR | null>): HRESULT {
  const created = new ErrorObject();
  for (const property of properties ?? []) setProperty("WsCreateError", created, property.id, property.value);
  created.createdLangId = created.langId;
  error.value = created as unknown as WS_ERROR;
  return S_OK;
}

export function WsAddErrorString(error: WS_ERROR, string: string): HRESULT {
  asObject(error).strings.unshift(string);
  return S_OK;
}

export function WsGetErrorString(error: WS_ERROR, index: number, string: Ref<string>): HRESULT {
  const strings = visibleStrings(asObject(error));
  const found = strings[index];
  if (found === undefined) {
    throw new WsError(E_INVALIDARG, `WsGetErrorString: index ${index} is out of range; the error object has ${strings.length} string(s).`);
  }
  string.value = found;
  return S_OK;
}

export function WsGetErrorProperty(error: WS_ERROR, id: WS_ERROR_PROPERTY_ID, buffer: Ref<unknown>): HRESULT {
  const target = asObject(error);
  switch (id) {
    case WS_ERROR_PROPERTY_STRING_COUNT:
      buffer.value = visibleStrings(target).length;
      return S_OK;
    case WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE:
      buffer.value = target.originalErrorCode;
      return S_OK;
    case WS_ERROR_PROPERTY_LANGID:
      buffer.value = target.langId;
      return S_OK;
  }
  throw new WsError(E_INVALIDARG, `WsGetErrorProperty: ${id} is not a WS_ERROR_PROPERTY_ID.`);
}

export function WsSetErrorProperty(error: WS_ERROR, id: WS_ERROR_PROPERTY_ID, value: unknown): HRESULT {
  setProperty("WsSetErrorProperty", asObject(error), id, value);
  return S_OK;
}

/** Returns the error object to its state at instantiation (docs): no strings, the created language id. */
export function WsResetError(error: WS_ERROR): HRESULT {
  const target = asObject(error);
  target.strings = [];
  target.originalErrorCode = S_OK;
  target.langId = target.createdLangId;
  target.attachments.clear();
  return S_OK;
}

/** Replaces the destination's content and language id with the source's. */
export function WsCopyError(source: WS_ERROR, destination: WS_ERROR): HRESULT {
  const from = asObject(source);
  const to = asObject(destination);
  if (from !== to) {
    to.strings = [...from.strings];
    to.originalErrorCode = from.originalErrorCode;
    to.langId = from.langId;
    to.attachments.clear();
    for (const [key, value] of from.attachments) to.attachments.set(key, value);
  }
  return S_OK;
}

export function WsFreeError(error: WS_ERROR): void {
  const target = asObject(error);
  target.strings = [];
  target.attachments.clear();
  markFreed(error);
}
