import { E_INVALIDARG } from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";

/**
 * The fields of WS_XML_READER_MTOM_ENCODING and WS_XML_WRITER_MTOM_ENCODING, checked (the flat API
 * has checked only that the encoding is an object): E_INVALIDARG naming the field. A WS_STRING
 * field that is absent counts as empty, as a zeroed C struct's would (the WWSAPI samples zero
 * the struct and set only what they use).
 */
export function stringField(fn: string, struct: string, field: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw new WsError(E_INVALIDARG, `${fn}: ${struct}.${field} must be a string (WS_STRING), not ${describeValue(value)}.`);
  }
  return value;
}

export function booleanField(fn: string, struct: string, field: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") {
    throw new WsError(E_INVALIDARG, `${fn}: ${struct}.${field} must be a boolean (BOOL), not ${describeValue(value)}.`);
  }
  return value;
}

/** The encodingType of a nested encoding (textEncoding), or E_INVALIDARG when it is not an encoding. */
export function nestedEncodingType(fn: string, struct: string, field: string, value: unknown): number {
  const type = isObject(value) ? (value as { encodingType?: unknown }).encodingType : undefined;
  if (typeof type !== "number") {
    throw new WsError(E_INVALIDARG, `${fn}: ${struct}.${field} must be an encoding (with an encodingType), not ${describeValue(value)}.`);
  }
  return type;
}

/** RFC 2046 §5.1.1 bcharsnospace, plus the space, which may not end a boundary. */
const BCHARS = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** Whether `boundary` is a MIME boundary: 1 to 70 characters of RFC 2046's set, not ending in a space. */
export function isMimeBoundary(boundary: string): boolean {
  return BCHARS.test(boundary);
}
