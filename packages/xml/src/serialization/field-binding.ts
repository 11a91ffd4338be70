import {
  E_INVALIDARG,
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_NILLABLE,
  WS_FIELD_NILLABLE_ITEM,
  WS_FIELD_OPTIONAL,
  WS_FIELD_POINTER,
  type WS_STRUCT_DESCRIPTION,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { decodeUtf8 } from "../text-utils/xml-string.js";

/**
 * How a C structure binds to TypeScript for serialization (WS_STRUCT_TYPE).
 *
 * A struct value is a plain object; the ones the library creates have no prototype
 * (Object.create(null)), so a field named "constructor" or "__proto__" is an ordinary property.
 * C places a field at `WS_FIELD_DESCRIPTION.offset`; a JavaScript object has no offsets, so in
 * wwsapi-ts **`offset` is the name of the property that holds the field** (a non-empty string).
 * The generated type still says `number` (the spec binds the C ULONG); a description written for
 * wwsapi-ts puts the name there (see `FieldDescription`), and a number is refused with E_INVALIDARG
 * naming the field, rather than guessed at. The other offsets follow the same rule: an array
 * carries its own length, so `countOffset` is not used (WS_REPEATING_ELEMENT_FIELD_MAPPING's
 * property holds the array itself).
 *
 * Field options, read the JavaScript way:
 * - WS_FIELD_POINTER: the property holds the value or null (C's NULL pointer).
 * - without it: the property holds the value itself; only the types whose C value has a nil form
 *   (WS_STRING, WS_BYTES, WS_XML_STRING: "bytes NULL and length 0"; WS_WSZ and WS_XML_BUFFER,
 *   which are pointers) use null for nil.
 * - WS_FIELD_OPTIONAL / WS_FIELD_NILLABLE / WS_FIELD_NILLABLE_ITEM: as in C.
 */

/** A WS_FIELD_DESCRIPTION as wwsapi-ts reads it: `offset` is the property name. */
export type FieldDescription = Omit<WS_FIELD_DESCRIPTION, "offset"> & { offset: string };

/** The property name of a field (its `offset`), or E_INVALIDARG. */
export function propertyName(fn: string, field: WS_FIELD_DESCRIPTION, index: number): string {
  const name: unknown = field.offset;
  if (typeof name === "string" && name.length > 0) return name;
  throw new WsError(
    E_INVALIDARG,
    `${fn}: field ${index}${fieldLabel(field)} has offset ${describeValue(name)}; in wwsapi-ts a WS_FIELD_DESCRIPTION's offset is the name of the property that holds the field (a non-empty string).`,
  );
}

/** " (<name>)" for messages, from the field's localName (or its item's), or "". */
export function fieldLabel(field: WS_FIELD_DESCRIPTION): string {
  const name = field.localName ?? field.itemLocalName;
  return name !== null && name !== undefined && name.bytes instanceof Uint8Array ? ` <${decodeUtf8(name.bytes)}>` : "";
}

export const isPointer = (field: WS_FIELD_DESCRIPTION) => (field.options & WS_FIELD_POINTER) !== 0;
export const isOptional = (field: WS_FIELD_DESCRIPTION) => (field.options & WS_FIELD_OPTIONAL) !== 0;
export const isNillable = (field: WS_FIELD_DESCRIPTION) => (field.options & WS_FIELD_NILLABLE) !== 0;
export const isNillableItem = (field: WS_FIELD_DESCRIPTION) => (field.options & WS_FIELD_NILLABLE_ITEM) !== 0;

/** The fields of a struct description, checked to be an array of objects (E_INVALIDARG). */
export function structFields(fn: string, description: WS_STRUCT_DESCRIPTION): readonly WS_FIELD_DESCRIPTION[] {
  const fields: unknown = description.fields;
  if (!Array.isArray(fields)) {
    throw new WsError(E_INVALIDARG, `${fn}: a WS_STRUCT_DESCRIPTION's fields must be an array, not ${describeValue(fields)}.`);
  }
  fields.forEach((field: unknown, i) => {
    if (typeof field !== "object" || field === null) {
      throw new WsError(
        E_INVALIDARG,
        `${fn}: field ${i} of a WS_STRUCT_DESCRIPTION must be a WS_FIELD_DESCRIPTION, not ${describeValue(field)}.`,
      );
    }
  });
  return fields as WS_FIELD_DESCRIPTION[];
}

/** A name a field mapping needs (localName and ns of element and attribute fields): present with UTF-8 bytes, else E_INVALIDARG. */
export function requiredName(fn: string, value: WS_XML_STRING | null | undefined, what: string): WS_XML_STRING {
  if (value !== null && value !== undefined && value.bytes instanceof Uint8Array) return value;
  throw new WsError(E_INVALIDARG, `${fn}: ${what} is required, not ${describeValue(value)}.`);
}

/** A new struct value: an object without prototype, so that any field name is an own property. */
export function newStruct(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}
