import {
  WS_BOOL_TYPE,
  WS_DATETIME_TYPE,
  WS_DECIMAL_TYPE,
  type WS_DEFAULT_VALUE,
  WS_DOUBLE_TYPE,
  WS_DURATION_TYPE,
  WS_ENUM_TYPE,
  type WS_FIELD_DESCRIPTION,
  WS_FLOAT_TYPE,
  WS_GUID_TYPE,
  WS_INT8_TYPE,
  WS_INT16_TYPE,
  WS_INT32_TYPE,
  WS_INT64_TYPE,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_TIMESPAN_TYPE,
  WS_UINT8_TYPE,
  WS_UINT16_TYPE,
  WS_UINT32_TYPE,
  WS_UINT64_TYPE,
  WS_UNIQUE_ID_TYPE,
  WS_XML_QNAME_TYPE,
} from "@wwsapi/core";
import { xmlString } from "../text-reader/xml-nodes.js";
import { isPointer, newStruct, propertyName } from "./field-binding.js";

/**
 * "If defaultValue is NULL, then it is the same as a default value of all zeros" (WS_FIELD_DESCRIPTION).
 * The TypeScript form of C's all-zero memory for each type: 0, 0n, false; null for pointers and for
 * the types whose zero is their nil value (WS_STRING, WS_BYTES, WS_XML_STRING); zero-filled GUIDs,
 * WS_DATETIME { ticks: 0n, format: WS_DATETIME_FORMAT_UTC (0) } and the like; a struct whose every
 * field is zero.
 */
export function zeroValue(fn: string, type: number, description: unknown, depth = 0): unknown {
  switch (type) {
    case WS_BOOL_TYPE:
      return false;
    case WS_INT8_TYPE:
    case WS_INT16_TYPE:
    case WS_INT32_TYPE:
    case WS_UINT8_TYPE:
    case WS_UINT16_TYPE:
    case WS_UINT32_TYPE:
    case WS_FLOAT_TYPE:
    case WS_DOUBLE_TYPE:
    case WS_ENUM_TYPE:
      return 0;
    case WS_INT64_TYPE:
    case WS_UINT64_TYPE:
      return 0n;
    case WS_DECIMAL_TYPE:
      return { scale: 0, sign: 0, Hi32: 0, Lo64: 0n };
    case WS_DATETIME_TYPE:
      return { ticks: 0n, format: 0 };
    case WS_TIMESPAN_TYPE:
      return { ticks: 0n };
    case WS_GUID_TYPE:
      return new Uint8Array(16);
    case WS_UNIQUE_ID_TYPE:
      return { uri: "", guid: new Uint8Array(16) };
    case WS_XML_QNAME_TYPE:
      return { localName: xmlString(new Uint8Array(0)), ns: xmlString(new Uint8Array(0)) };
    case WS_DURATION_TYPE:
      return { negative: false, years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0, milliseconds: 0, ticks: 0 };
    case WS_STRUCT_TYPE:
      return zeroStruct(fn, description as WS_STRUCT_DESCRIPTION, depth);
  }
  // Pointers (WS_WSZ_TYPE, WS_XML_BUFFER_TYPE) and the nil-valued types: all zeros is NULL / nil.
  return null;
}

/** A struct of zeros; a struct that embeds itself (impossible in C) stops at a depth bound. */
function zeroStruct(fn: string, description: WS_STRUCT_DESCRIPTION, depth: number): unknown {
  const value = newStruct();
  if (description === null || typeof description !== "object" || !Array.isArray(description.fields) || depth > 32) return value;
  description.fields.forEach((field, i) => {
    if (typeof field.offset !== "string") return;
    value[propertyName(fn, field, i)] = isPointer(field) ? null : zeroValue(fn, field.type, field.typeDescription, depth + 1);
  });
  return value;
}

/** The value a missing optional field takes: its WS_DEFAULT_VALUE, else zero (WS_FIELD_MAPPING). */
export function defaultOf(fn: string, field: WS_FIELD_DESCRIPTION): unknown {
  const given = field.defaultValue as WS_DEFAULT_VALUE | null | undefined;
  if (given !== null && given !== undefined) return given.value;
  return isPointer(field) ? null : zeroValue(fn, field.type, field.typeDescription);
}

/**
 * Whether two values are the same C value (for "an optional field equal to its default is not
 * written"), as comparing their memory would tell: numbers by Object.is (-0 is not 0, NaN is NaN),
 * bigints, booleans and strings by value, byte arrays by content, objects field by field.
 * WS_XML_STRINGs compare by their bytes only.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true; // equal numbers (by Object.is), bigints, booleans, strings
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if ("bytes" in ra && "bytes" in rb && ra.bytes instanceof Uint8Array) return sameValue(ra.bytes, rb.bytes);
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}
