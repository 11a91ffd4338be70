import {
  E_INVALIDARG,
  WS_ANY_ATTRIBUTES_FIELD_MAPPING,
  WS_ANY_ATTRIBUTES_TYPE,
  WS_ANY_CONTENT_FIELD_MAPPING,
  WS_ANY_ELEMENT_FIELD_MAPPING,
  WS_BYTE_ARRAY_TYPE,
  WS_CHAR_ARRAY_TYPE,
  WS_DESCRIPTION_TYPE,
  WS_ELEMENT_CHOICE_FIELD_MAPPING,
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_NILLABLE,
  WS_FIELD_NILLABLE_ITEM,
  WS_FIELD_OPTIONAL,
  WS_FIELD_OTHER_NAMESPACE,
  WS_FIELD_POINTER,
  WS_NO_FIELD_MAPPING,
  WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  WS_TYPE_ATTRIBUTE_FIELD_MAPPING,
  WS_UNION_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_VOID_TYPE,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { decodeUtf8 } from "../text-utils/xml-string.js";
import { nullIsValue } from "./type-info.js";

/**
 * How a C structure binds to TypeScript for serialization (WS_STRUCT_TYPE).
 *
 * A struct value is a plain object; the ones the library creates have no prototype
 * (Object.create(null)), so a field named "constructor" or "__proto__" is an ordinary property.
 * C places a field at `WS_FIELD_DESCRIPTION.offset`; a JavaScript object has no offsets, so in
 * wwsapi-ts **`offset` is the name of the property that holds the field** (a non-empty string;
 * spec/README.md, "Offsets"). Anything else there (a C offset, a number) is refused with
 * E_INVALIDARG naming the field, rather than guessed at. An array carries its own length, so
 * `countOffset` is not used (a repeating field's property holds the array itself; a
 * WS_CHAR_ARRAY_TYPE field's holds the string, a WS_UTF8_ARRAY_TYPE or WS_BYTE_ARRAY_TYPE field's
 * the Uint8Array).
 *
 * Field options, read the JavaScript way:
 * - WS_FIELD_POINTER: the property holds the value or null (C's NULL pointer).
 * - without it: the property holds the value itself; only the types whose C value has a nil form
 *   (WS_STRING, WS_BYTES, WS_XML_STRING: "bytes NULL and length 0"; WS_WSZ and WS_XML_BUFFER,
 *   which are pointers) use null for nil.
 * - WS_FIELD_OPTIONAL / WS_FIELD_NILLABLE / WS_FIELD_NILLABLE_ITEM / WS_FIELD_OTHER_NAMESPACE: as in C.
 */

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

/**
 * The descriptions whose fields passed checkField, each with the fields array it had then.
 * Descriptions are made once and used for every value (C's are const), so the checks and the
 * shape check of structFields run once per description instead of once per value; a description
 * given another fields array since is checked again.
 */
const checkedStructs = new WeakMap<WS_STRUCT_DESCRIPTION, readonly WS_FIELD_DESCRIPTION[]>();

/** The fields of a struct description, each checked (checkField, E_INVALIDARG): once per description. */
export function checkedFields(fn: string, description: WS_STRUCT_DESCRIPTION): readonly WS_FIELD_DESCRIPTION[] {
  const known = checkedStructs.get(description);
  if (known !== undefined && known === description.fields) return known;
  const fields = structFields(fn, description);
  for (let i = 0; i < fields.length; i++) checkField(fn, fields[i]!, i);
  checkedStructs.set(description, fields);
  return fields;
}

/** structFields, answered from checkedFields' record when the description passed already. */
export function knownStructFields(fn: string, description: WS_STRUCT_DESCRIPTION): readonly WS_FIELD_DESCRIPTION[] {
  const known = checkedStructs.get(description);
  return known !== undefined && known === description.fields ? known : structFields(fn, description);
}

/** A name a field mapping needs (localName and ns of element and attribute fields): present with UTF-8 bytes, else E_INVALIDARG. */
export function requiredName(fn: string, value: WS_XML_STRING | null | undefined, what: string): WS_XML_STRING {
  if (value !== null && value !== undefined && value.bytes instanceof Uint8Array) return value;
  throw new WsError(E_INVALIDARG, `${fn}: ${what} is required, not ${describeValue(value)}.`);
}

/**
 * requiredName for a field's own names (`part`: "localName", "itemNs", ...): the same check and
 * message, built only on failure, since this runs for every field of every value.
 */
export function requiredFieldName(fn: string, value: WS_XML_STRING | null | undefined, part: string, index: number): WS_XML_STRING {
  if (value !== null && value !== undefined && value.bytes instanceof Uint8Array) return value;
  throw new WsError(E_INVALIDARG, `${fn}: the ${part} of field ${index} is required, not ${describeValue(value)}.`);
}

/** A new struct value: an object without prototype, so that any field name is an own property. */
export function newStruct(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

const ALL_OPTIONS = WS_FIELD_POINTER | WS_FIELD_OPTIONAL | WS_FIELD_NILLABLE | WS_FIELD_NILLABLE_ITEM | WS_FIELD_OTHER_NAMESPACE;

/**
 * The mappings that take no WS_DEFAULT_VALUE (WS_FIELD_MAPPING: "This mapping does not support
 * specifying a WS_DEFAULT_VALUE" for the type attribute, text, any-element, any-content and
 * any-attributes mappings; "A WS_DEFAULT_VALUE may not be specified" for the repeating ones; the
 * choice mapping's default "is the noneEnumValue").
 */
const NO_DEFAULT: ReadonlySet<number> = new Set([
  WS_TYPE_ATTRIBUTE_FIELD_MAPPING,
  WS_TEXT_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_ANY_ELEMENT_FIELD_MAPPING,
  WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING,
  WS_ANY_CONTENT_FIELD_MAPPING,
  WS_ANY_ATTRIBUTES_FIELD_MAPPING,
]);
/** The types that take no WS_DEFAULT_VALUE (WS_TYPE: "This type does not support specifying a WS_DEFAULT_VALUE"). */
const NO_DEFAULT_TYPES: ReadonlySet<number> = new Set([
  WS_CHAR_ARRAY_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_BYTE_ARRAY_TYPE,
  WS_DESCRIPTION_TYPE,
  WS_STRUCT_TYPE,
  WS_UNION_TYPE,
  WS_ANY_ATTRIBUTES_TYPE,
]);

/**
 * The documented restrictions on a field's options and default value, checked before it is used
 * (E_INVALIDARG): unknown option bits; WS_NO_FIELD_MAPPING "can be used with WS_FIELD_OPTIONS value
 * of 0 only" (WS_VOID_TYPE aside, which WS_TYPE allows WS_FIELD_OPTIONAL and WS_FIELD_POINTER);
 * WS_UNION_TYPE takes "0" or "WS_FIELD_OPTIONAL"; WS_DESCRIPTION_TYPE and WS_ANY_ATTRIBUTES_TYPE
 * take "0" (WS_FIELD_OTHER_NAMESPACE aside, which WS_ANY_ATTRIBUTES_FIELD_MAPPING documents);
 * WS_FIELD_OTHER_NAMESPACE needs a namespace to differ from ("The WS_FIELD_OTHER_NAMESPACE
 * field option must be not set in this case" of a NULL ns); a WS_DEFAULT_VALUE where the mapping or
 * the type does not support one.
 */
export function checkField(fn: string, field: WS_FIELD_DESCRIPTION, index: number): void {
  const options: unknown = field.options;
  const refuse = (why: string) => new WsError(E_INVALIDARG, `${fn}: field ${index}${fieldLabel(field)}: ${why}.`);
  if (typeof options !== "number" || (options & ~ALL_OPTIONS) !== 0 || options < 0) {
    throw refuse(`options ${describeValue(options)} are not a combination of the WS_FIELD_* flags`);
  }
  if (field.mapping === WS_NO_FIELD_MAPPING && field.type !== WS_VOID_TYPE && options !== 0) {
    throw refuse("WS_NO_FIELD_MAPPING can be used with WS_FIELD_OPTIONS value of 0 only");
  }
  if (field.type === WS_UNION_TYPE && (options & ~WS_FIELD_OPTIONAL) !== 0) {
    throw refuse("WS_UNION_TYPE takes the options 0 or WS_FIELD_OPTIONAL only");
  }
  // WS_FIELD_OTHER_NAMESPACE qualifies the any-attributes mapping, not the value: it stays allowed.
  if ((field.type === WS_DESCRIPTION_TYPE || field.type === WS_ANY_ATTRIBUTES_TYPE) && (options & ~WS_FIELD_OTHER_NAMESPACE) !== 0) {
    throw refuse("WS_DESCRIPTION_TYPE and WS_ANY_ATTRIBUTES_TYPE take the options 0 only");
  }
  // WS_TYPE lists NILLABLE and NILLABLE_ITEM only with WS_FIELD_POINTER ("A nil value is represented
  // using a NULL pointer"), but for the types whose value has a nil form of its own; and a struct
  // is optional only as a pointer ("WS_FIELD_OPTIONAL | WS_FIELD_POINTER").
  const pointer = (options & WS_FIELD_POINTER) !== 0;
  if (
    (options & (WS_FIELD_NILLABLE | WS_FIELD_NILLABLE_ITEM)) !== 0 &&
    !pointer &&
    !nullIsValue(field.type) &&
    field.type !== WS_UNION_TYPE
  ) {
    throw refuse("WS_FIELD_NILLABLE and WS_FIELD_NILLABLE_ITEM need WS_FIELD_POINTER for this type (its nil value is a NULL pointer)");
  }
  if (field.type === WS_STRUCT_TYPE && (options & WS_FIELD_OPTIONAL) !== 0 && !pointer) {
    throw refuse("an optional WS_STRUCT_TYPE field needs WS_FIELD_POINTER");
  }
  if ((options & WS_FIELD_OTHER_NAMESPACE) !== 0 && (field.ns === null || field.ns === undefined)) {
    throw refuse("WS_FIELD_OTHER_NAMESPACE needs a namespace (ns) to exclude");
  }
  if (field.defaultValue !== null && field.defaultValue !== undefined) {
    if (NO_DEFAULT.has(field.mapping)) throw refuse(`WS_FIELD_MAPPING ${field.mapping} does not support specifying a WS_DEFAULT_VALUE`);
    if (NO_DEFAULT_TYPES.has(field.type)) throw refuse(`its type does not support specifying a WS_DEFAULT_VALUE`);
  }
}
