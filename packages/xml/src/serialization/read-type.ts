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
  WS_READ_NILLABLE_POINTER,
  WS_READ_NILLABLE_VALUE,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT,
  WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  WS_TYPE_ATTRIBUTE_FIELD_MAPPING,
  WS_UNION_TYPE,
  WS_VOID_TYPE,
  WS_XML_ATTRIBUTE_FIELD_MAPPING,
  WS_XML_BUFFER_TYPE,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { XML_NAMESPACE } from "../text-reader/namespace-scope.js";
import { decodeUtf8, encodeUtf8 } from "../text-utils/xml-string.js";
import { readContentBuffer } from "./content-buffer.js";
import { readCustom, readCustomAttribute } from "./custom-type.js";
import { isEnvelopeType, readEnvelopeType } from "./envelope-types.js";
import {
  checkedFields,
  fieldLabel,
  isNillable,
  isNillableItem,
  isOptional,
  isPointer,
  newStruct,
  propertyName,
  requiredFieldName,
} from "./field-binding.js";
import { readAnyAttributes, readAnyContentField, readAnyElementField, readRepeatingAnyField } from "./read-any.js";
import { readChoiceField, readRepeatingChoiceField, readUnion } from "./read-choice.js";
import {
  asElement,
  attributesOf,
  attributeText,
  charge,
  describe,
  endOfElement,
  findAttribute,
  invalidFormat,
  isElementNamed,
  isNilElement,
  isXsi,
  nameText,
  next,
  type ReadContext,
  significant,
  skipElement,
} from "./read-context.js";
import { parseSimple, readContentSimple, readElementBuffer } from "./read-primitive.js";
import { readRepeatingItems } from "./read-repeating.js";
import { hasSubTypes, isAbstract, typeNamed } from "./subtypes.js";
import { cSize, NIL_VALUE_TYPES, POINTER_SIZE, POINTER_TYPES, typeName } from "./type-info.js";
import { checkTypeMapping, mappingName, structDescription } from "./write-type.js";
import { defaultOf } from "./zero-values.js";

const POINTER_OPTIONS: ReadonlySet<number> = new Set([WS_READ_REQUIRED_POINTER, WS_READ_OPTIONAL_POINTER, WS_READ_NILLABLE_POINTER]);
/** The options under which a missing value is no error: the value is then null. */
const ABSENT_OK: ReadonlySet<number> = new Set([WS_READ_OPTIONAL_POINTER, WS_READ_NILLABLE_POINTER, WS_READ_NILLABLE_VALUE]);
const NIL_OK: ReadonlySet<number> = new Set([WS_READ_NILLABLE_POINTER, WS_READ_NILLABLE_VALUE]);

/**
 * WsReadType's work. WS_READ_OPTION: "Pointer types (WS_WSZ_TYPE and WS_XML_BUFFER_TYPE), may not
 * be used with WS_READ_REQUIRED_VALUE"; with WS_READ_OPTIONAL_POINTER "If the value is not present
 * … NULL [is returned]"; WS_READ_NILLABLE_POINTER: "If the element is nil or missing … a NULL
 * pointer will be returned"; WS_READ_NILLABLE_VALUE: "If the XML element is nil or missing, then a
 * nil value is returned" (null, for the types that have one). A value read with a pointer option
 * "is always allocated on the WS_HEAP", and is accounted there.
 *
 * - WS_ELEMENT_TYPE_MAPPING: the element the reader is on (after white space and comments) is the
 *   value; the reader ends after its end element. Its name is not checked (WsReadElement does).
 * - WS_ELEMENT_CONTENT_TYPE_MAPPING: the content where the reader is; a simple value leaves the
 *   reader on the node that ends the text (WsReadValue's rule); a struct's fields must be followed
 *   by an end element or the end of the input (Windows: "<str>test</str>" read from BOF as the
 *   content of a struct with an element field str ends at EOF; another element after it is
 *   WS_E_INVALID_FORMAT).
 * - WS_ATTRIBUTE_TYPE_MAPPING: the value of the attribute the reader is in (WsReadStartAttribute).
 *
 * A union (WS_UNION_TYPE) is the chosen element: inside the element with WS_ELEMENT_TYPE_MAPPING,
 * where the reader is with WS_ELEMENT_CONTENT_TYPE_MAPPING. A WS_XML_BUFFER_TYPE read as element
 * content is everything up to the end of the enclosing element (content-buffer.ts).
 */
export function readTypeValue(
  ctx: ReadContext,
  mapping: number,
  type: number,
  description: unknown,
  option: WS_READ_OPTION,
  what: string,
): unknown {
  const { fn } = ctx;
  if (option === WS_READ_REQUIRED_VALUE && POINTER_TYPES.has(type)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${typeName(type)} is a pointer type: read it with WS_READ_REQUIRED_POINTER, not WS_READ_REQUIRED_VALUE.`,
    );
  }
  if (option === WS_READ_NILLABLE_VALUE && !NIL_VALUE_TYPES.has(type)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: WS_READ_NILLABLE_VALUE needs a type with a nil value (WS_STRING_TYPE, WS_BYTES_TYPE, WS_XML_STRING_TYPE), not ${typeName(type)}; use WS_READ_NILLABLE_POINTER.`,
    );
  }
  checkTypeMapping(fn, mapping, type);
  if (type === WS_STRUCT_TYPE) structDescription(fn, description);
  const value = readMapped(ctx, mapping, type, description, option, what);
  if (value !== null && POINTER_OPTIONS.has(option) && !POINTER_TYPES.has(type)) charge(ctx, cSize(type, description), what);
  return value;
}

function readMapped(ctx: ReadContext, mapping: number, type: number, description: unknown, option: number, what: string): unknown {
  if (isEnvelopeType(type) && mapping !== WS_ELEMENT_TYPE_MAPPING) return readEnvelopeType(ctx, mapping, type, description, what);
  if (type === WS_CUSTOM_TYPE && (mapping === WS_ELEMENT_CONTENT_TYPE_MAPPING || mapping === WS_ATTRIBUTE_TYPE_MAPPING))
    return readCustom(ctx, mapping, description, what);
  switch (mapping) {
    case WS_ELEMENT_TYPE_MAPPING:
    case WS_ANY_ELEMENT_TYPE_MAPPING: {
      const node = significant(ctx);
      const element = asElement(node);
      if (element === null) {
        if (ABSENT_OK.has(option)) return null;
        throw invalidFormat(ctx, `${what} was expected as an element, but the reader is on ${describe(node)}`);
      }
      if (isNilElement(ctx, element)) {
        if (!NIL_OK.has(option)) throw invalidFormat(ctx, `${what} is nil (xsi:nil), which the read option does not allow`);
        skipElement(ctx);
        return null;
      }
      return readElementValue(ctx, element, type, description, what);
    }
    case WS_ELEMENT_CONTENT_TYPE_MAPPING:
      if (type === WS_STRUCT_TYPE) return readStruct(ctx, description as WS_STRUCT_DESCRIPTION, null, what);
      if (type === WS_UNION_TYPE) return readUnion(ctx, description, false, what, readElementField);
      if (type === WS_XML_BUFFER_TYPE) return readContentBuffer(ctx, what);
      return readContentSimple(ctx, type, description, what);
    case WS_ATTRIBUTE_TYPE_MAPPING:
      if (type === WS_STRUCT_TYPE) return readStruct(ctx, description as WS_STRUCT_DESCRIPTION, null, what, true);
      return readContentSimple(ctx, type, description, what);
  }
  throw new WsError(E_INVALIDARG, `${ctx.fn}: ${mappingName(mapping)} is not a WS_TYPE_MAPPING.`);
}

/** The element the reader is on (not nil) as a value of `type`; the reader ends after it. */
export function readElementValue(
  ctx: ReadContext,
  element: WS_XML_ELEMENT_NODE,
  type: number,
  description: unknown,
  what: string,
): unknown {
  if (isEnvelopeType(type)) return readEnvelopeType(ctx, WS_ELEMENT_TYPE_MAPPING, type, description, what);
  if (type === WS_CUSTOM_TYPE) return readCustom(ctx, WS_ELEMENT_TYPE_MAPPING, description, what);
  if (type === WS_STRUCT_TYPE) return readStruct(ctx, structDescription(ctx.fn, description), element, what);
  if (type === WS_XML_BUFFER_TYPE) return readElementBuffer(ctx);
  next(ctx);
  if (type === WS_UNION_TYPE) {
    // WS_ELEMENT_TYPE_MAPPING of a union: the element holds the chosen element.
    const union = readUnion(ctx, description, false, what, readElementField);
    endOfElement(ctx, what, false);
    return union;
  }
  const value = readContentSimple(ctx, type, description, what);
  const node = ctx.target.node;
  if (node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT)
    throw invalidFormat(ctx, `${describe(node)} is not expected in ${what}, a ${typeName(type)}`);
  next(ctx);
  return value;
}

/**
 * A struct (WS_STRUCT_DESCRIPTION: the fields "are … deserialized in the order specified … greedy
 * … All the content must be deserialized according to the field descriptions. By default any
 * unhandled elements and attributes will cause the deserialization process to fail", unless
 * WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT / WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES). With
 * `element`, the reader is on it: its xsi:type picks the type (subtypes.ts), its attributes are
 * read, then its content, then its end. Without, the reader is in the content already (or in an
 * attribute's value, `inAttribute`), where no xsi:type can stand.
 */
/** The handled set of a struct with no attribute to handle: nothing may be added to it. */
class NoneHandled extends Set<unknown> {
  override add(_value: unknown): this {
    throw new Error("internal error: an attribute was marked handled on an element without attributes");
  }
}
const NOTHING_HANDLED: Set<unknown> = new NoneHandled();

function readStruct(
  ctx: ReadContext,
  declared: WS_STRUCT_DESCRIPTION,
  element: WS_XML_ELEMENT_NODE | null,
  what: string,
  inAttribute = false,
): unknown {
  const { fn } = ctx;
  // Only the element's own attributes are ever marked handled: without any, the shared empty set
  // serves instead of a new Set per struct value.
  const handled = element !== null && element.attributes.length > 0 ? new Set<unknown>() : NOTHING_HANDLED;
  const description = element === null ? declared : actualType(ctx, declared, element, handled, what);
  if (isAbstract(description)) {
    throw invalidFormat(
      ctx,
      `${what} is of ${typeLabel(description)}, which is WS_STRUCT_ABSTRACT ("cannot be serialized or deserialized"); an xsi:type naming one of its subTypes was expected`,
    );
  }
  const fields = checkedFields(fn, description);
  const options = description.structOptions ?? 0;
  const value = newStruct();
  // Index loops: entries() makes an iterator and an [i, field] pair per field of every value.
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.mapping === WS_ATTRIBUTE_FIELD_MAPPING || field.mapping === WS_XML_ATTRIBUTE_FIELD_MAPPING) {
      readAttributeField(ctx, field, i, element, value, handled, what);
    } else if (field.mapping === WS_TYPE_ATTRIBUTE_FIELD_MAPPING) {
      value[propertyName(fn, field, i)] = description; // the type read: the WS_STRUCT_DESCRIPTION itself
    }
  }
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.mapping === WS_ANY_ATTRIBUTES_FIELD_MAPPING) readAnyAttributes(ctx, field, i, element, value, handled, what);
  }
  if (element !== null) {
    checkUnhandledAttributes(ctx, element, handled, (options & WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES) !== 0, what);
    next(ctx);
  }
  for (let i = 0; i < fields.length; i++) readContentField(ctx, fields[i]!, i, value, what);
  const ignoreTrailing = (options & WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT) !== 0;
  if (element !== null) endOfElement(ctx, what, ignoreTrailing);
  else if (!inAttribute) endOfContent(ctx, what, ignoreTrailing);
  return value;
}

/**
 * The type of the struct an element holds: the one its xsi:type names among the declared type and
 * its subTypes (the attribute is then handled). An xsi:type naming none of them is
 * WS_E_INVALID_FORMAT when the declared type has subTypes; without subTypes the attribute is left
 * to the unhandled-attribute rule. No xsi:type: the declared type.
 */
function actualType(
  ctx: ReadContext,
  declared: WS_STRUCT_DESCRIPTION,
  element: WS_XML_ELEMENT_NODE,
  handled: Set<unknown>,
  what: string,
): WS_STRUCT_DESCRIPTION {
  const attribute = attributesOf(element).find((a) => isXsi(a, "type"));
  if (attribute === undefined) return declared;
  const qname = decodeUtf8(attributeText(ctx, attribute)).trim();
  const colon = qname.indexOf(":");
  const ns = ctx.target.source?.namespaces.lookup(colon < 0 ? "" : qname.slice(0, colon));
  const found = ns === undefined ? undefined : typeNamed(declared, encodeUtf8(qname.slice(colon + 1)), ns.bytes);
  if (found !== undefined) {
    handled.add(attribute);
    return found;
  }
  if (hasSubTypes(declared)) {
    throw invalidFormat(ctx, `xsi:type="${qname}" on ${what} names neither ${typeLabel(declared)} nor one of its subTypes`);
  }
  return declared;
}

const typeLabel = (d: WS_STRUCT_DESCRIPTION) =>
  d.typeLocalName !== null && d.typeLocalName !== undefined ? `the type ${decodeUtf8(d.typeLocalName.bytes)}` : "its type";

/** After a struct read as content: the enclosing end element or the end of the input (left for the caller). */
function endOfContent(ctx: ReadContext, what: string, ignoreTrailing: boolean): void {
  let node = significant(ctx);
  while (ignoreTrailing && node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT && node.nodeType !== WS_XML_NODE_TYPE_EOF) {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) skipElement(ctx);
    else next(ctx);
    node = significant(ctx);
  }
  if (node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT && node.nodeType !== WS_XML_NODE_TYPE_EOF) {
    throw invalidFormat(ctx, `${describe(node)} follows the fields of ${what}, which none of them maps`);
  }
}

function readAttributeField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  element: WS_XML_ELEMENT_NODE | null,
  value: Record<string, unknown>,
  handled: Set<unknown>,
  what: string,
): void {
  const { fn } = ctx;
  const xml = field.mapping === WS_XML_ATTRIBUTE_FIELD_MAPPING;
  const localName = requiredFieldName(fn, field.localName, "localName", index);
  const ns = xml ? XML_NAMESPACE : requiredFieldName(fn, field.ns, "ns", index);
  const attribute = element === null ? undefined : findAttribute(element, localName, ns);
  if (attribute !== undefined) handled.add(attribute);
  if (field.type === WS_VOID_TYPE) return; // discarded
  const name = propertyName(fn, field, index);
  const path = `${what}.${name}`;
  if (attribute === undefined) {
    if (!isOptional(field)) throw invalidFormat(ctx, `${what} has no attribute ${nameText(localName, ns)}, which field ${name} requires`);
    value[name] = defaultOf(fn, field);
    return;
  }
  const lookup = (prefix: string) => ctx.target.source?.namespaces.lookup(prefix);
  // WS_TYPE lists the field mappings of WS_STRUCT_TYPE: element, repeating element, text and no mapping.
  if (field.type === WS_STRUCT_TYPE)
    throw new WsError(E_INVALIDARG, `${fn}: field ${index}: WS_STRUCT_TYPE cannot be used with an attribute field mapping.`);
  value[name] =
    field.type === WS_CUSTOM_TYPE
      ? readCustomAttribute(ctx, element!.attributes.indexOf(attribute), WS_ATTRIBUTE_TYPE_MAPPING, field.typeDescription, path)
      : parseSimple(ctx, field.type, field.typeDescription, attributeText(ctx, attribute), lookup, path);
  if (isPointer(field)) charge(ctx, cSize(field.type, field.typeDescription), path);
}

/** Attributes no field maps: WS_E_INVALID_FORMAT unless ignored; xsi:nil (read already) is not data. */
function checkUnhandledAttributes(
  ctx: ReadContext,
  element: WS_XML_ELEMENT_NODE,
  handled: Set<unknown>,
  ignore: boolean,
  what: string,
): void {
  if (ignore) return;
  for (const attribute of attributesOf(element)) {
    if (handled.has(attribute) || isXsi(attribute, "nil")) continue;
    throw invalidFormat(ctx, `the attribute ${nameText(attribute.localName!, attribute.ns!)} of ${what} is not mapped by any field`);
  }
}

function readContentField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const { fn } = ctx;
  switch (field.mapping) {
    case WS_ATTRIBUTE_FIELD_MAPPING:
    case WS_XML_ATTRIBUTE_FIELD_MAPPING:
    case WS_TYPE_ATTRIBUTE_FIELD_MAPPING:
    case WS_ANY_ATTRIBUTES_FIELD_MAPPING:
      return; // read with the element's attributes
    case WS_NO_FIELD_MAPPING:
      // "initialized to the default value when deserializing"
      if (field.type !== WS_VOID_TYPE) value[propertyName(fn, field, index)] = defaultOf(fn, field);
      return;
    case WS_ELEMENT_FIELD_MAPPING:
      readElementField(ctx, field, index, value, what);
      return;
    case WS_REPEATING_ELEMENT_FIELD_MAPPING:
      readRepeatingField(ctx, field, index, value, what);
      return;
    case WS_ELEMENT_CHOICE_FIELD_MAPPING:
      readChoiceField(ctx, field, index, value, what, readElementField);
      return;
    case WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING:
      readRepeatingChoiceField(ctx, field, index, value, what, readElementField);
      return;
    case WS_ANY_ELEMENT_FIELD_MAPPING:
      readAnyElementField(ctx, field, index, value, what);
      return;
    case WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING:
      readRepeatingAnyField(ctx, field, index, value, what);
      return;
    case WS_ANY_CONTENT_FIELD_MAPPING:
      readAnyContentField(ctx, field, index, value, what);
      return;
    case WS_TEXT_FIELD_MAPPING: {
      const name = propertyName(fn, field, index);
      value[name] =
        field.type === WS_CUSTOM_TYPE
          ? readCustom(ctx, WS_ELEMENT_CONTENT_TYPE_MAPPING, field.typeDescription, `${what}.${name}`)
          : readContentSimple(ctx, field.type, field.typeDescription, `${what}.${name}`);
      if (isPointer(field)) charge(ctx, cSize(field.type, field.typeDescription), `${what}.${name}`);
      return;
    }
  }
  throw new WsError(E_INVALIDARG, `${fn}: field ${index}${fieldLabel(field)}: ${field.mapping} is not a WS_FIELD_MAPPING.`);
}

export function readElementField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const { fn } = ctx;
  const localName = requiredFieldName(fn, field.localName, "localName", index);
  const ns = requiredFieldName(fn, field.ns, "ns", index);
  const node = significant(ctx);
  const present = isElementNamed(node, localName, ns);
  if (field.type === WS_VOID_TYPE) {
    if (present)
      skipElement(ctx); // "To discard the element, a WS_VOID_TYPE should be used"
    else if (!isOptional(field))
      throw invalidFormat(ctx, `${nameText(localName, ns)} was expected in ${what}, but the reader is on ${describe(node)}`);
    return;
  }
  const name = propertyName(fn, field, index);
  const path = `${what}.${name}`;
  if (!present) {
    if (!isOptional(field))
      throw invalidFormat(
        ctx,
        `${nameText(localName, ns)} (field ${name}) was expected in ${what}, but the reader is on ${describe(node)}`,
      );
    value[name] = defaultOf(fn, field);
    return;
  }
  value[name] = readItem(ctx, field, asElement(node)!, isNillable(field), path);
}

/** One element of a field (or an array item): nil when allowed, else its value; a pointer field's value is accounted on the heap. */
function readItem(ctx: ReadContext, field: WS_FIELD_DESCRIPTION, element: WS_XML_ELEMENT_NODE, nillable: boolean, path: string): unknown {
  if (isNilElement(ctx, element)) {
    if (!nillable) throw invalidFormat(ctx, `${path} is nil (xsi:nil), but its field is not WS_FIELD_NILLABLE`);
    skipElement(ctx);
    return null;
  }
  const item = readElementValue(ctx, element, field.type, field.typeDescription, path);
  if (isPointer(field)) charge(ctx, cSize(field.type, field.typeDescription), path);
  return item;
}

/**
 * WS_REPEATING_ELEMENT_FIELD_MAPPING: the items itemLocalName/itemNs (read-repeating.ts has the
 * wrapper and itemRange rules). The array is accounted on the heap (a pointer per item with
 * WS_FIELD_POINTER, else the items).
 */
function readRepeatingField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const { fn } = ctx;
  const itemLocalName = requiredFieldName(fn, field.itemLocalName, "itemLocalName", index);
  const itemNs = requiredFieldName(fn, field.itemNs, "itemNs", index);
  const name = propertyName(fn, field, index);
  value[name] = readRepeatingItems(
    ctx,
    field,
    index,
    `${what}.${name}`,
    isPointer(field) ? POINTER_SIZE : cSize(field.type, field.typeDescription),
    (node) => isElementNamed(node, itemLocalName, itemNs),
    (node, itemPath) => readItem(ctx, field, asElement(node)!, isNillableItem(field), itemPath),
  );
}

/** WsReadElement's name check: the element localName in ns, after white space and comments. */
export function atElementNamed(ctx: ReadContext, localName: WS_XML_STRING, ns: WS_XML_STRING): boolean {
  return isElementNamed(significant(ctx), localName, ns);
}
