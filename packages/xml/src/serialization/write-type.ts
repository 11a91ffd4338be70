import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_ANY_ELEMENT_TYPE_MAPPING,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_ATTRIBUTE_TYPE_MAPPING,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_FIELD_DESCRIPTION,
  WS_NO_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  type WS_TYPE_MAPPING,
  WS_VOID_TYPE,
  WS_WRITE_NILLABLE_POINTER,
  WS_WRITE_NILLABLE_VALUE,
  type WS_WRITE_OPTION,
  WS_WRITE_REQUIRED_VALUE,
  WS_XML_ATTRIBUTE_FIELD_MAPPING,
  WS_XML_BUFFER_TYPE,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { XML_NAMESPACE } from "../text-reader/namespace-scope.js";
import { xmlString } from "../text-utils/xml-string.js";
import {
  fieldLabel,
  isNillable,
  isNillableItem,
  isOptional,
  isPointer,
  propertyName,
  requiredName,
  structFields,
} from "./field-binding.js";
import type { SerialWriter } from "./serial-writer.js";
import { NIL_VALUE_TYPES, nullIsValue, POINTER_TYPES, typeName } from "./type-info.js";
import { writeSimpleValue } from "./write-primitive.js";
import { defaultOf, sameValue } from "./zero-values.js";

const XML_PREFIX = xmlString("xml");
const MAPPING_NAMES = [
  "",
  "WS_ELEMENT_TYPE_MAPPING",
  "WS_ATTRIBUTE_TYPE_MAPPING",
  "WS_ELEMENT_CONTENT_TYPE_MAPPING",
  "WS_ANY_ELEMENT_TYPE_MAPPING",
];
export const mappingName = (mapping: number) => MAPPING_NAMES[mapping] ?? `WS_TYPE_MAPPING ${mapping}`;

/**
 * WsWriteType's work. "WS_WRITE_REQUIRED_VALUE … is not supported for pointer types (WS_WSZ_TYPE
 * and WS_XML_BUFFER_TYPE)"; WS_WRITE_REQUIRED_POINTER: "If the pointer to the value … is NULL,
 * E_INVALIDARG is returned"; WS_WRITE_NILLABLE_VALUE "is only supported for … types … [with] an
 * inherent way to represent a nil value"; WS_WRITE_NILLABLE_POINTER: "If the pointer … is NULL,
 * then a nil element is written". In TypeScript the value is passed the same way whatever the
 * option (there are no pointers): null stands for the NULL pointer, or for the nil value of a type
 * that has one.
 *
 * With WS_ELEMENT_TYPE_MAPPING the element has been started by the caller (WsWriteStartElement or
 * WsWriteElement): the value's attributes go on it and its content inside it; a simple type
 * writes the same as with WS_ELEMENT_CONTENT_TYPE_MAPPING (Windows, in Wine's tests: "element type
 * mapping is the same as element content type mapping for basic types"). Nil is xsi:nil="true"
 * on that element, so only WS_ELEMENT_TYPE_MAPPING can write it.
 */
export function writeTypeValue(
  out: SerialWriter,
  mapping: WS_TYPE_MAPPING,
  type: number,
  description: unknown,
  option: WS_WRITE_OPTION,
  value: unknown,
  what: string,
): void {
  const fn = out.fn;
  if (option === WS_WRITE_REQUIRED_VALUE && POINTER_TYPES.has(type)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${typeName(type)} is a pointer type: write it with WS_WRITE_REQUIRED_POINTER, not WS_WRITE_REQUIRED_VALUE.`,
    );
  }
  if (option === WS_WRITE_NILLABLE_VALUE && !NIL_VALUE_TYPES.has(type)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: WS_WRITE_NILLABLE_VALUE needs a type with a nil value (WS_STRING_TYPE, WS_BYTES_TYPE, WS_XML_STRING_TYPE), not ${typeName(type)}; use WS_WRITE_NILLABLE_POINTER.`,
    );
  }
  const nillable = option === WS_WRITE_NILLABLE_POINTER || option === WS_WRITE_NILLABLE_VALUE;
  if (value === null || value === undefined) {
    if (!nillable) throw new WsError(E_INVALIDARG, `${fn}: ${what} is ${describeValue(value)}, but the write option does not allow nil.`);
    writeNil(out, mapping, what);
    return;
  }
  writeValue(out, mapping, type, description, value, what);
}

function writeNil(out: SerialWriter, mapping: number, what: string): void {
  if (mapping !== WS_ELEMENT_TYPE_MAPPING) {
    throw new WsError(E_INVALIDARG, `${out.fn}: ${what} is nil, which only an element can carry (xsi:nil), not ${mappingName(mapping)}.`);
  }
  out.nil();
}

/** A value that is not nil, in `mapping`. */
export function writeValue(out: SerialWriter, mapping: number, type: number, description: unknown, value: unknown, what: string): void {
  checkMapping(out.fn, mapping, type);
  if (type === WS_STRUCT_TYPE) {
    writeStruct(out, structDescription(out.fn, description), value, what);
    return;
  }
  writeSimpleValue(out, type, description, value, what);
}

/** WS_TYPE: every simple type and structs take element, attribute and element content mappings; WS_ANY_ELEMENT_TYPE_MAPPING is for XML buffers. */
export function checkMapping(fn: string, mapping: number, type: number): void {
  const allowed =
    type === WS_XML_BUFFER_TYPE
      ? mapping === WS_ELEMENT_TYPE_MAPPING || mapping === WS_ANY_ELEMENT_TYPE_MAPPING
      : mapping !== WS_ANY_ELEMENT_TYPE_MAPPING;
  if (!allowed) {
    throw new WsError(E_INVALIDARG, `${fn}: ${typeName(type)} cannot be used with ${mappingName(mapping)}.`);
  }
}

export function structDescription(fn: string, description: unknown): WS_STRUCT_DESCRIPTION {
  if (typeof description === "object" && description !== null) return description as WS_STRUCT_DESCRIPTION;
  throw new WsError(E_INVALIDARG, `${fn}: WS_STRUCT_TYPE needs a WS_STRUCT_DESCRIPTION, not ${describeValue(description)}.`);
}

/** The fields of a struct value in the order of its description (WS_STRUCT_DESCRIPTION: "serialized … in the order specified"). */
function writeStruct(out: SerialWriter, description: WS_STRUCT_DESCRIPTION, value: unknown, what: string): void {
  const fn = out.fn;
  if (typeof value !== "object" || value === null)
    throw new WsError(E_INVALIDARG, `${fn}: ${what} must be a struct (an object), not ${describeValue(value)}.`);
  const fields = structFields(fn, description);
  if (description.subTypes !== null && description.subTypes !== undefined && description.subTypes.length > 0) {
    throw new WsError(E_NOTIMPL, `${fn}: structs with subTypes (xsi:type) are not implemented yet.`);
  }
  const record = value as Record<string, unknown>;
  for (const [i, field] of fields.entries()) writeField(out, field, i, record, what);
}

function writeField(out: SerialWriter, field: WS_FIELD_DESCRIPTION, index: number, record: Record<string, unknown>, what: string): void {
  const fn = out.fn;
  const mapping = field.mapping;
  if (mapping === WS_NO_FIELD_MAPPING) return; // "The field is ignored when serializing"
  if (field.type === WS_VOID_TYPE) return; // a discarded element or attribute: nothing to write
  const name = propertyName(fn, field, index);
  const path = `${what}.${name}`;
  const fieldValue = record[name];
  switch (mapping) {
    case WS_ATTRIBUTE_FIELD_MAPPING:
    case WS_XML_ATTRIBUTE_FIELD_MAPPING: {
      const xml = mapping === WS_XML_ATTRIBUTE_FIELD_MAPPING;
      const localName = requiredName(fn, field.localName, `the localName of field ${index}`);
      const ns = xml ? XML_NAMESPACE : requiredName(fn, field.ns, `the ns of field ${index}`);
      if (omitted(fn, field, fieldValue)) return;
      if (isNil(fn, field, fieldValue, path)) {
        throw new WsError(E_INVALIDARG, `${fn}: ${path} is nil, but an attribute cannot be nil.`);
      }
      out.startAttribute(xml ? XML_PREFIX : null, localName, ns);
      writeValue(out, WS_ATTRIBUTE_TYPE_MAPPING, field.type, field.typeDescription, fieldValue, path);
      out.endAttribute();
      return;
    }
    case WS_ELEMENT_FIELD_MAPPING: {
      const localName = requiredName(fn, field.localName, `the localName of field ${index}`);
      const ns = requiredName(fn, field.ns, `the ns of field ${index}`);
      if (omitted(fn, field, fieldValue)) return;
      writeElement(out, field, localName, ns, fieldValue, isNillable(field), path);
      return;
    }
    case WS_REPEATING_ELEMENT_FIELD_MAPPING:
      writeRepeating(out, field, index, fieldValue, path);
      return;
    case WS_TEXT_FIELD_MAPPING:
      if (isNil(fn, field, fieldValue, path)) throw new WsError(E_INVALIDARG, `${fn}: ${path} is nil, but a text field cannot be nil.`);
      writeValue(out, WS_ELEMENT_CONTENT_TYPE_MAPPING, field.type, field.typeDescription, fieldValue, path);
      return;
  }
  throw new WsError(E_NOTIMPL, `${fn}: field ${index}${fieldLabel(field)}: WS_FIELD_MAPPING ${mapping} is not implemented yet.`);
}

/**
 * Whether the value is nil: null for a pointer field or a type whose nil value is null. null for
 * another type is no value at all (E_INVALIDARG), as C cannot hold it.
 */
function isNil(fn: string, field: WS_FIELD_DESCRIPTION, value: unknown, path: string): boolean {
  if (value !== null && value !== undefined) return false;
  if (isPointer(field) || nullIsValue(field.type)) return true;
  throw new WsError(
    E_INVALIDARG,
    `${fn}: ${path} is ${describeValue(value)}; a ${typeName(field.type)} field without WS_FIELD_POINTER needs a value.`,
  );
}

/**
 * WS_FIELD_OPTIONAL: a pointer field that is NULL, or a value equal to the field's default value
 * (zero when none is given), is not written (Windows, in Wine's tests: an optional GUID of zeros
 * and an optional NULL string are left out).
 */
function omitted(fn: string, field: WS_FIELD_DESCRIPTION, value: unknown): boolean {
  if (!isOptional(field)) return false;
  if (value === null || value === undefined) return isPointer(field) || nullIsValue(field.type);
  return !isPointer(field) && sameValue(value, defaultOf(fn, field));
}

function writeElement(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  localName: Parameters<SerialWriter["startElement"]>[0],
  ns: Parameters<SerialWriter["startElement"]>[1],
  value: unknown,
  nillable: boolean,
  path: string,
): void {
  const fn = out.fn;
  const nil = value === null || value === undefined;
  if (nil && !nillable) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${path} is ${describeValue(value)}, but the field is not WS_FIELD_NILLABLE (nor WS_FIELD_OPTIONAL).`,
    );
  }
  if (nil) isNil(fn, field, value, path); // null is no value of a non-pointer int, struct, ...
  out.startElement(localName, ns);
  if (nil) out.nil();
  else writeValue(out, WS_ELEMENT_TYPE_MAPPING, field.type, field.typeDescription, value, path);
  out.endElement();
}

/**
 * WS_REPEATING_ELEMENT_FIELD_MAPPING: the items, each an element itemLocalName/itemNs, inside the
 * wrapper element localName/ns when one is given. An empty array writes an empty wrapper (the
 * docs only say the wrapper "must appear in the XML if repeating element count is not 0").
 * WS_FIELD_NILLABLE_ITEM lets an item be null (xsi:nil).
 */
function writeRepeating(out: SerialWriter, field: WS_FIELD_DESCRIPTION, index: number, value: unknown, path: string): void {
  const fn = out.fn;
  const itemLocalName = requiredName(fn, field.itemLocalName, `the itemLocalName of field ${index}`);
  const itemNs = requiredName(fn, field.itemNs, `the itemNs of field ${index}`);
  const wrapped = field.localName !== null && field.localName !== undefined;
  if ((field.ns !== null && field.ns !== undefined) !== wrapped) {
    throw new WsError(E_INVALIDARG, `${fn}: field ${index}: "ns and localName fields must be either both specified or both NULL".`);
  }
  // A missing array is C's NULL pointer with a count of 0: no items.
  let items: ArrayLike<unknown> = [];
  if (value === null || value === undefined) {
    // no items
  } else if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    items = value as ArrayLike<unknown>;
  } else {
    throw new WsError(E_INVALIDARG, `${fn}: ${path} must be an array of items, not ${describeValue(value)}.`);
  }
  if (wrapped) out.startElement(field.localName!, field.ns!);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const nil = item === null || item === undefined;
    if (nil && !isNillableItem(field) && !nullIsValue(field.type)) {
      throw new WsError(E_INVALIDARG, `${fn}: ${path}[${i}] is ${describeValue(item)}, but the field is not WS_FIELD_NILLABLE_ITEM.`);
    }
    out.startElement(itemLocalName, itemNs);
    if (nil) out.nil();
    else writeValue(out, WS_ELEMENT_TYPE_MAPPING, field.type, field.typeDescription, item, `${path}[${i}]`);
    out.endElement();
  }
  if (wrapped) out.endElement();
}
