import {
  WS_ANY_ATTRIBUTES_TYPE,
  WS_BOOL_TYPE,
  WS_BYTE_ARRAY_TYPE,
  WS_BYTES_TYPE,
  WS_CHAR_ARRAY_TYPE,
  WS_CUSTOM_TYPE,
  WS_DATETIME_TYPE,
  WS_DECIMAL_TYPE,
  WS_DESCRIPTION_TYPE,
  WS_DOUBLE_TYPE,
  WS_DURATION_TYPE,
  WS_ENDPOINT_ADDRESS_TYPE,
  WS_ENUM_TYPE,
  WS_FAULT_TYPE,
  WS_FLOAT_TYPE,
  WS_GUID_TYPE,
  WS_INT8_TYPE,
  WS_INT16_TYPE,
  WS_INT32_TYPE,
  WS_INT64_TYPE,
  WS_STRING_TYPE,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_TIMESPAN_TYPE,
  WS_TYPE,
  WS_UINT8_TYPE,
  WS_UINT16_TYPE,
  WS_UINT32_TYPE,
  WS_UINT64_TYPE,
  WS_UNION_TYPE,
  WS_UNIQUE_ID_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_VOID_TYPE,
  WS_WSZ_TYPE,
  WS_XML_BUFFER_TYPE,
  WS_XML_QNAME_TYPE,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";

/** Facts about each WS_TYPE that the serializer needs: names for messages, nil forms, C sizes. */

const TYPE_NAMES = new Map<number, string>(Object.entries(WS_TYPE).map(([name, value]) => [value, name]));

/** "WS_INT32_TYPE", for messages. */
export const typeName = (type: number): string => TYPE_NAMES.get(type) ?? `WS_TYPE ${type}`;

/**
 * WS_WSZ_TYPE and WS_XML_BUFFER_TYPE are pointers in C: WS_READ_REQUIRED_VALUE and
 * WS_WRITE_REQUIRED_VALUE are "not supported for pointer types (WS_WSZ_TYPE and
 * WS_XML_BUFFER_TYPE)", and a nil value is their NULL pointer.
 */
export const POINTER_TYPES: ReadonlySet<number> = new Set([WS_WSZ_TYPE, WS_XML_BUFFER_TYPE]);

/**
 * The types whose C value itself can be nil (WS_TYPE: "A nil value is represented by setting the
 * chars field to NULL and specifying a length of 0" for WS_STRING; the bytes field for WS_BYTES and
 * WS_XML_STRING). In TypeScript that nil value is null. They are the types WS_WRITE_NILLABLE_VALUE
 * and WS_READ_NILLABLE_VALUE accept ("only supported for … types … [that] have an inherent way to
 * represent a nil value"), and the ones a field may be WS_FIELD_NILLABLE without WS_FIELD_POINTER,
 * with the pointer types.
 */
export const NIL_VALUE_TYPES: ReadonlySet<number> = new Set([WS_STRING_TYPE, WS_BYTES_TYPE, WS_XML_STRING_TYPE]);

/**
 * The counted arrays a field holds as a unit with a count (WS_TYPE: "A nil string is represented
 * by setting the chars field to NULL and specifying a length of 0", and the same of the bytes of
 * WS_UTF8_ARRAY_TYPE and WS_BYTE_ARRAY_TYPE): a string or a Uint8Array in wwsapi-ts, null for nil.
 */
export const ARRAY_TYPES: ReadonlySet<number> = new Set([WS_CHAR_ARRAY_TYPE, WS_UTF8_ARRAY_TYPE, WS_BYTE_ARRAY_TYPE]);

/** Whether null is a value of `type` without WS_FIELD_POINTER (its nil form). */
export const nullIsValue = (type: number) => NIL_VALUE_TYPES.has(type) || POINTER_TYPES.has(type) || ARRAY_TYPES.has(type);

/**
 * The types whose values are no text: written and read through their own mappings (structs, unions,
 * a type attribute field's description, any attributes). Given where text is (an attribute field, a
 * text field), they are E_INVALIDARG.
 */
export const STRUCTURED_TYPES: ReadonlySet<number> = new Set([WS_STRUCT_TYPE, WS_UNION_TYPE, WS_DESCRIPTION_TYPE, WS_ANY_ATTRIBUTES_TYPE]);

/**
 * The types that "cannot be used with any WS_TYPE_MAPPING values" and "may only be used within a
 * WS_FIELD_DESCRIPTION" (WS_TYPE): WsReadType, WsWriteType and their element and attribute forms
 * refuse them (E_INVALIDARG).
 */
export const FIELD_ONLY_TYPES: ReadonlySet<number> = new Set([
  WS_CHAR_ARRAY_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_BYTE_ARRAY_TYPE,
  WS_DESCRIPTION_TYPE,
  WS_VOID_TYPE,
  WS_ANY_ATTRIBUTES_TYPE,
]);

/**
 * The size of a C value of `type` (64-bit Windows), for the heap accounting of values read with a
 * pointer option ("The deserialized value is always allocated on the WS_HEAP") and of arrays.
 */
const C_SIZES: Readonly<Record<number, number>> = {
  [WS_BOOL_TYPE]: 4,
  [WS_INT8_TYPE]: 1,
  [WS_INT16_TYPE]: 2,
  [WS_INT32_TYPE]: 4,
  [WS_INT64_TYPE]: 8,
  [WS_UINT8_TYPE]: 1,
  [WS_UINT16_TYPE]: 2,
  [WS_UINT32_TYPE]: 4,
  [WS_UINT64_TYPE]: 8,
  [WS_FLOAT_TYPE]: 4,
  [WS_DOUBLE_TYPE]: 8,
  [WS_DECIMAL_TYPE]: 16,
  [WS_DATETIME_TYPE]: 16,
  [WS_TIMESPAN_TYPE]: 8,
  [WS_GUID_TYPE]: 16,
  [WS_UNIQUE_ID_TYPE]: 32,
  [WS_STRING_TYPE]: 16,
  [WS_WSZ_TYPE]: 8,
  [WS_BYTES_TYPE]: 16,
  [WS_XML_STRING_TYPE]: 32,
  [WS_XML_QNAME_TYPE]: 64,
  [WS_XML_BUFFER_TYPE]: 8,
  [WS_DURATION_TYPE]: 36,
  [WS_ENUM_TYPE]: 4,
  [WS_ENDPOINT_ADDRESS_TYPE]: 40, // a WS_STRING and three pointers
  [WS_FAULT_TYPE]: 64, // two pointers, a ULONG (padded), two WS_STRINGs, a pointer
};

/** The C size of a value of `type`; a struct's, a union's or a custom type's is its description's `size`. */
export function cSize(type: number, description: unknown): number {
  if (type === WS_STRUCT_TYPE || type === WS_UNION_TYPE || type === WS_CUSTOM_TYPE) {
    const size = (description as WS_STRUCT_DESCRIPTION | null)?.size;
    return typeof size === "number" && size > 0 ? size : 0;
  }
  return C_SIZES[type] ?? 0;
}

/** The size of a C pointer (64-bit), what a WS_FIELD_POINTER field or an array of pointers holds. */
export const POINTER_SIZE = 8;
