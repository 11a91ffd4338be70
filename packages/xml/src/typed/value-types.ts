import {
  type DECIMAL,
  type GUID,
  WS_BOOL_TYPE,
  WS_BYTES_TYPE,
  type WS_DATETIME,
  WS_DATETIME_TYPE,
  WS_DECIMAL_TYPE,
  WS_DOUBLE_TYPE,
  type WS_DURATION,
  WS_DURATION_TYPE,
  WS_FLOAT_TYPE,
  WS_GUID_TYPE,
  WS_INT8_TYPE,
  WS_INT16_TYPE,
  WS_INT32_TYPE,
  WS_INT64_TYPE,
  WS_STRING_TYPE,
  type WS_TIMESPAN,
  WS_TIMESPAN_TYPE,
  type WS_TYPE,
  WS_UINT8_TYPE,
  WS_UINT16_TYPE,
  WS_UINT32_TYPE,
  WS_UINT64_TYPE,
  type WS_UNIQUE_ID,
  WS_UNIQUE_ID_TYPE,
  WS_WSZ_TYPE,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
  type WS_XML_QNAME,
  WS_XML_QNAME_TYPE,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";

/**
 * A WS_TYPE with its type description, and the TypeScript type of its values (a phantom: it exists
 * for the compiler only). The values are those of the serializer's binding (spec/README.md):
 * integers up to 32 bits and floating point are `number`, 64-bit integers `bigint`, BOOL `boolean`,
 * WS_STRING and WS_WSZ `string`, WS_BYTES and GUID `Uint8Array`, the others their generated structs.
 */
export interface TypeDef<T> {
  readonly type: WS_TYPE;
  /** What WS_FIELD_DESCRIPTION.typeDescription / WS_ELEMENT_DESCRIPTION.typeDescription take (null for most simple types). */
  readonly typeDescription: unknown;
  /** Phantom: never present at run time. */
  readonly __value?: T;
}

/** The value type of a TypeDef. */
export type ValueOf<D> = D extends TypeDef<infer T> ? T : never;

const simple = <T>(type: WS_TYPE): TypeDef<T> => Object.freeze({ type, typeDescription: null });

export const bool = simple<boolean>(WS_BOOL_TYPE);
export const int8 = simple<number>(WS_INT8_TYPE);
export const int16 = simple<number>(WS_INT16_TYPE);
export const int32 = simple<number>(WS_INT32_TYPE);
export const int64 = simple<bigint>(WS_INT64_TYPE);
export const uint8 = simple<number>(WS_UINT8_TYPE);
export const uint16 = simple<number>(WS_UINT16_TYPE);
export const uint32 = simple<number>(WS_UINT32_TYPE);
export const uint64 = simple<bigint>(WS_UINT64_TYPE);
export const float = simple<number>(WS_FLOAT_TYPE);
export const double = simple<number>(WS_DOUBLE_TYPE);
export const decimal = simple<DECIMAL>(WS_DECIMAL_TYPE);
export const dateTime = simple<WS_DATETIME>(WS_DATETIME_TYPE);
export const timeSpan = simple<WS_TIMESPAN>(WS_TIMESPAN_TYPE);
export const duration = simple<WS_DURATION>(WS_DURATION_TYPE);
export const guid = simple<GUID>(WS_GUID_TYPE);
export const uniqueId = simple<WS_UNIQUE_ID>(WS_UNIQUE_ID_TYPE);
/** WS_STRING_TYPE: a string (its nil value, xsi:nil, is null; see `nillable`). */
export const string = simple<string>(WS_STRING_TYPE);
/** WS_WSZ_TYPE: a string that cannot hold U+0000 (a C pointer type). */
export const wsz = simple<string>(WS_WSZ_TYPE);
/** WS_BYTES_TYPE: xs:base64Binary. */
export const bytes = simple<Uint8Array>(WS_BYTES_TYPE);
export const xmlStringType = simple<WS_XML_STRING>(WS_XML_STRING_TYPE);
export const qname = simple<WS_XML_QNAME>(WS_XML_QNAME_TYPE);
/** WS_XML_BUFFER_TYPE: the element kept as a WS_XML_BUFFER (a C pointer type). */
export const xmlBuffer = simple<WS_XML_BUFFER>(WS_XML_BUFFER_TYPE);

/**
 * A simple type with its constraining description (WS_INT32_DESCRIPTION { minValue, maxValue },
 * WS_STRING_DESCRIPTION { minCharCount, maxCharCount }, ...), which deserialization enforces.
 */
export function constrained<T, D extends object>(base: TypeDef<T>, typeDescription: D): TypeDef<T> {
  return Object.freeze({ type: base.type, typeDescription });
}

/**
 * The types whose C value has a nil form, so that a field of them needs no WS_FIELD_POINTER to be
 * null (WS_STRING: "A nil value is represented by setting the chars field to NULL and specifying a
 * length of 0", the same for WS_BYTES and WS_XML_STRING), and the C pointer types WS_WSZ and
 * WS_XML_BUFFER, whose NULL is null.
 */
const NULL_IS_VALUE: ReadonlySet<number> = new Set([WS_STRING_TYPE, WS_BYTES_TYPE, WS_XML_STRING_TYPE, WS_WSZ_TYPE, WS_XML_BUFFER_TYPE]);

export const nullIsValue = (type: number): boolean => NULL_IS_VALUE.has(type);

/** WS_WSZ_TYPE and WS_XML_BUFFER_TYPE are read and written with the pointer options only (WS_READ_OPTION). */
export const isPointerType = (type: number): boolean => type === WS_WSZ_TYPE || type === WS_XML_BUFFER_TYPE;
