import {
  E_INVALIDARG,
  WS_ANY_ATTRIBUTES_FIELD_MAPPING,
  WS_ANY_CONTENT_FIELD_MAPPING,
  WS_ANY_ELEMENT_FIELD_MAPPING,
  WS_ANY_ELEMENT_TYPE_MAPPING,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_ATTRIBUTE_TYPE_MAPPING,
  WS_CUSTOM_TYPE,
  WS_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_FIELD_DESCRIPTION,
  WS_NO_FIELD_MAPPING,
  WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  WS_TYPE_ATTRIBUTE_FIELD_MAPPING,
  type WS_TYPE_MAPPING,
  WS_UNION_TYPE,
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
import { isCustomDefault, writeCustom } from "./custom-type.js";
import { isEnvelopeType, writeEnvelopeType } from "./envelope-types.js";
import {
  checkedFields,
  fieldLabel,
  isNillable,
  isNillableItem,
  isOptional,
  isPointer,
  knownStructFields,
  propertyName,
  requiredFieldName,
  requiredName,
} from "./field-binding.js";
import type { SerialWriter } from "./serial-writer.js";
import { isAbstract, isSameOrDerived, typeAttributeField } from "./subtypes.js";
import { FIELD_ONLY_TYPES, NIL_VALUE_TYPES, nullIsValue, POINTER_TYPES, typeName } from "./type-info.js";
import { writeAnyAttributes, writeAnyBufferField, writeRepeatingAnyField } from "./write-any.js";
import { writeChoiceField, writeRepeatingChoiceField, writeUnion } from "./write-choice.js";
import { writeElementBuffer, writeSimpleValue } from "./write-primitive.js";
import { writeWrapped } from "./write-repeating.js";
import { writeXsiType } from "./xsi-type.js";
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
  checkTypeMapping(fn, mapping, type);
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
  if (isEnvelopeType(type)) {
    writeEnvelopeType(out, mapping, type, description, value, what);
    return;
  }
  if (type === WS_CUSTOM_TYPE) {
    writeCustom(out, mapping, description, value, what);
    return;
  }
  if (type === WS_STRUCT_TYPE) {
    writeStruct(out, structDescription(out.fn, description), value, what, mapping === WS_ELEMENT_TYPE_MAPPING);
    return;
  }
  if (type === WS_UNION_TYPE) {
    writeUnion(out, description, value, false, what, writeField);
    return;
  }
  if (type === WS_XML_BUFFER_TYPE && mapping === WS_ELEMENT_TYPE_MAPPING) {
    writeElementBuffer(out, value, what);
    return;
  }
  writeSimpleValue(out, type, description, value, what);
}

/**
 * What WsReadType, WsWriteType and their element and attribute forms accept: the field-only types
 * "cannot be used with any WS_TYPE_MAPPING values" (WS_TYPE), then checkMapping.
 */
export function checkTypeMapping(fn: string, mapping: number, type: number): void {
  if (FIELD_ONLY_TYPES.has(type)) throw new WsError(E_INVALIDARG, `${fn}: ${typeName(type)} cannot be used with ${mappingName(mapping)}.`);
  checkMapping(fn, mapping, type);
}

/**
 * WS_TYPE: every simple type and structs take element, attribute and element content mappings;
 * WS_ANY_ELEMENT_TYPE_MAPPING is for XML buffers (which also take element content: the content
 * where the reader or writer is); WS_UNION_TYPE takes WS_ELEMENT_TYPE_MAPPING and
 * WS_ELEMENT_CONTENT_TYPE_MAPPING. Fields use the same mappings inside (an attribute field's value
 * is written with WS_ATTRIBUTE_TYPE_MAPPING), the field-only types included.
 */
export function checkMapping(fn: string, mapping: number, type: number): void {
  const allowed =
    type === WS_XML_BUFFER_TYPE
      ? mapping !== WS_ATTRIBUTE_TYPE_MAPPING
      : type === WS_UNION_TYPE
        ? mapping === WS_ELEMENT_TYPE_MAPPING || mapping === WS_ELEMENT_CONTENT_TYPE_MAPPING
        : mapping !== WS_ANY_ELEMENT_TYPE_MAPPING;
  if (!allowed) {
    throw new WsError(E_INVALIDARG, `${fn}: ${typeName(type)} cannot be used with ${mappingName(mapping)}.`);
  }
}

export function structDescription(fn: string, description: unknown): WS_STRUCT_DESCRIPTION {
  if (typeof description === "object" && description !== null) return description as WS_STRUCT_DESCRIPTION;
  throw new WsError(E_INVALIDARG, `${fn}: WS_STRUCT_TYPE needs a WS_STRUCT_DESCRIPTION, not ${describeValue(description)}.`);
}

/**
 * The fields of a struct value in the order of its description (WS_STRUCT_DESCRIPTION: "serialized
 * … in the order specified"). The value's type is the description its WS_TYPE_ATTRIBUTE_FIELD_MAPPING
 * field holds, when it has one and it is set: the declared type or one of its subTypes (another
 * description is E_INVALIDARG). A subtype is written with its own description and announced by
 * xsi:type="prefix:typeLocalName" (its typeNs bound as the writer binds namespaces) on the element,
 * which only an element mapping has (`inElement`). An abstract type ("cannot be serialized") is
 * E_INVALIDARG.
 */
function writeStruct(out: SerialWriter, declared: WS_STRUCT_DESCRIPTION, value: unknown, what: string, inElement: boolean): void {
  const fn = out.fn;
  if (typeof value !== "object" || value === null)
    throw new WsError(E_INVALIDARG, `${fn}: ${what} must be a struct (an object), not ${describeValue(value)}.`);
  const record = value as Record<string, unknown>;
  const description = valueType(fn, declared, record, what);
  if (isAbstract(description)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${what} is of an abstract type (WS_STRUCT_ABSTRACT), which "cannot be serialized"; give it one of its subTypes.`,
    );
  }
  const fields = checkedFields(fn, description);
  if (description !== declared) {
    if (!inElement) throw new WsError(E_INVALIDARG, `${fn}: ${what} is of a subtype, whose xsi:type only an element can carry.`);
    const localName = requiredName(fn, description.typeLocalName, `the typeLocalName of the subtype of ${what}`);
    const ns = requiredName(fn, description.typeNs, `the typeNs of the subtype of ${what}`);
    writeXsiType(out, localName, ns);
  }
  // An index loop: entries() makes an iterator and an [i, field] pair per field of every value.
  for (let i = 0; i < fields.length; i++) writeField(out, fields[i]!, i, record, what);
}

/** The description a struct value's type attribute field names, checked to be the declared type or one of its subTypes. */
function valueType(fn: string, declared: WS_STRUCT_DESCRIPTION, record: Record<string, unknown>, what: string): WS_STRUCT_DESCRIPTION {
  const fields = knownStructFields(fn, declared);
  const typeField = typeAttributeField(fields);
  if (typeField === undefined) return declared;
  const named = record[propertyName(fn, typeField, fields.indexOf(typeField))];
  if (named === null || named === undefined) return declared;
  if (typeof named !== "object" || !isSameOrDerived(named as WS_STRUCT_DESCRIPTION, declared)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${what}'s type field holds ${describeValue(named)}, which is neither its WS_STRUCT_DESCRIPTION nor one of its subTypes.`,
    );
  }
  return named as WS_STRUCT_DESCRIPTION;
}

export function writeField(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
): void {
  const fn = out.fn;
  const mapping = field.mapping;
  if (mapping === WS_NO_FIELD_MAPPING || mapping === WS_TYPE_ATTRIBUTE_FIELD_MAPPING) return; // ignored / written by writeStruct
  if (field.type === WS_VOID_TYPE) return; // a discarded element or attribute: nothing to write
  switch (mapping) {
    case WS_ELEMENT_CHOICE_FIELD_MAPPING:
      writeChoiceField(out, field, index, record, what, writeField);
      return;
    case WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING:
      writeRepeatingChoiceField(out, field, index, record, what, writeField);
      return;
    case WS_ANY_ELEMENT_FIELD_MAPPING:
    case WS_ANY_CONTENT_FIELD_MAPPING:
      writeAnyBufferField(out, field, index, record, what);
      return;
    case WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING:
      writeRepeatingAnyField(out, field, index, record, what);
      return;
    case WS_ANY_ATTRIBUTES_FIELD_MAPPING:
      writeAnyAttributes(out, field, index, record, what);
      return;
  }
  const name = propertyName(fn, field, index);
  const path = `${what}.${name}`;
  const fieldValue = record[name];
  switch (mapping) {
    case WS_ATTRIBUTE_FIELD_MAPPING:
    case WS_XML_ATTRIBUTE_FIELD_MAPPING: {
      const xml = mapping === WS_XML_ATTRIBUTE_FIELD_MAPPING;
      const localName = requiredFieldName(fn, field.localName, "localName", index);
      const ns = xml ? XML_NAMESPACE : requiredFieldName(fn, field.ns, "ns", index);
      if (omitted(fn, field, fieldValue)) return;
      if (isNil(fn, field, fieldValue, path)) {
        throw new WsError(E_INVALIDARG, `${fn}: ${path} is nil, but an attribute cannot be nil.`);
      }
      if (field.type === WS_STRUCT_TYPE) {
        throw new WsError(E_INVALIDARG, `${fn}: field ${index}: WS_STRUCT_TYPE cannot be used with an attribute field mapping.`);
      }
      out.startAttribute(xml ? XML_PREFIX : null, localName, ns);
      writeValue(out, WS_ATTRIBUTE_TYPE_MAPPING, field.type, field.typeDescription, fieldValue, path);
      out.endAttribute();
      return;
    }
    case WS_ELEMENT_FIELD_MAPPING: {
      const localName = requiredFieldName(fn, field.localName, "localName", index);
      const ns = requiredFieldName(fn, field.ns, "ns", index);
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
  throw new WsError(E_INVALIDARG, `${fn}: field ${index}${fieldLabel(field)}: ${mapping} is not a WS_FIELD_MAPPING.`);
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
  if (isPointer(field)) return false;
  if (field.type === WS_CUSTOM_TYPE) return isCustomDefault(fn, field, value);
  return sameValue(value, defaultOf(fn, field));
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
 * wrapper element when one is given (writeWrapped). WS_FIELD_NILLABLE_ITEM lets an item be null
 * (xsi:nil).
 */
function writeRepeating(out: SerialWriter, field: WS_FIELD_DESCRIPTION, index: number, value: unknown, path: string): void {
  const fn = out.fn;
  const itemLocalName = requiredFieldName(fn, field.itemLocalName, "itemLocalName", index);
  const itemNs = requiredFieldName(fn, field.itemNs, "itemNs", index);
  writeWrapped(out, field, index, value, path, (item, i) => {
    const nil = item === null || item === undefined;
    if (nil && !isNillableItem(field) && !nullIsValue(field.type)) {
      throw new WsError(E_INVALIDARG, `${fn}: ${path}[${i}] is ${describeValue(item)}, but the field is not WS_FIELD_NILLABLE_ITEM.`);
    }
    out.startElement(itemLocalName, itemNs);
    if (nil) out.nil();
    else writeValue(out, WS_ELEMENT_TYPE_MAPPING, field.type, field.typeDescription, item, `${path}[${i}]`);
    out.endElement();
  });
}
