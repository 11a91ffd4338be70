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
  type WS_ITEM_RANGE,
  WS_NO_FIELD_MAPPING,
  WS_READ_NILLABLE_POINTER,
  WS_READ_NILLABLE_VALUE,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT,
  WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
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
import { bytesEqual, decodeUtf8 } from "../text-utils/xml-string.js";
import {
  fieldLabel,
  isNillable,
  isNillableItem,
  isOptional,
  isPointer,
  newStruct,
  propertyName,
  requiredName,
  structFields,
} from "./field-binding.js";
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
import { cSize, NIL_VALUE_TYPES, POINTER_SIZE, POINTER_TYPES, typeName } from "./type-info.js";
import { checkMapping, mappingName, structDescription } from "./write-type.js";
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
  checkMapping(fn, mapping, type);
  if (type === WS_STRUCT_TYPE) structDescription(fn, description);
  const value = readMapped(ctx, mapping, type, description, option, what);
  if (value !== null && POINTER_OPTIONS.has(option) && !POINTER_TYPES.has(type)) charge(ctx, cSize(type, description), what);
  return value;
}

function readMapped(ctx: ReadContext, mapping: number, type: number, description: unknown, option: number, what: string): unknown {
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
      return readContentSimple(ctx, type, description, what);
    case WS_ATTRIBUTE_TYPE_MAPPING:
      if (type === WS_STRUCT_TYPE) return readStruct(ctx, description as WS_STRUCT_DESCRIPTION, null, what, true);
      return readContentSimple(ctx, type, description, what);
  }
  throw new WsError(E_INVALIDARG, `${ctx.fn}: ${mappingName(mapping)} is not a WS_TYPE_MAPPING.`);
}

/** The element the reader is on (not nil) as a value of `type`; the reader ends after it. */
function readElementValue(ctx: ReadContext, element: WS_XML_ELEMENT_NODE, type: number, description: unknown, what: string): unknown {
  if (type === WS_STRUCT_TYPE) return readStruct(ctx, structDescription(ctx.fn, description), element, what);
  if (type === WS_XML_BUFFER_TYPE) return readElementBuffer(ctx);
  next(ctx);
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
 * `element`, the reader is on it: its attributes are read, then its content, then its end. Without,
 * the reader is in the content already (or in an attribute's value, `inAttribute`).
 */
function readStruct(
  ctx: ReadContext,
  description: WS_STRUCT_DESCRIPTION,
  element: WS_XML_ELEMENT_NODE | null,
  what: string,
  inAttribute = false,
): unknown {
  const { fn } = ctx;
  const fields = structFields(fn, description);
  if (description.subTypes !== null && description.subTypes !== undefined && description.subTypes.length > 0) {
    throw new WsError(E_NOTIMPL, `${fn}: structs with subTypes (xsi:type) are not implemented yet.`);
  }
  const options = description.structOptions ?? 0;
  const value = newStruct();
  const handled = new Set<unknown>();
  for (const [i, field] of fields.entries()) {
    if (field.mapping === WS_ATTRIBUTE_FIELD_MAPPING || field.mapping === WS_XML_ATTRIBUTE_FIELD_MAPPING) {
      readAttributeField(ctx, field, i, element, value, handled, what);
    }
  }
  if (element !== null) {
    checkUnhandledAttributes(ctx, description, element, handled, (options & WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES) !== 0, what);
    next(ctx);
  }
  for (const [i, field] of fields.entries()) readContentField(ctx, field, i, value, what);
  const ignoreTrailing = (options & WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT) !== 0;
  if (element !== null) endOfElement(ctx, what, ignoreTrailing);
  else if (!inAttribute) endOfContent(ctx, what, ignoreTrailing);
  return value;
}

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
  const localName = requiredName(fn, field.localName, `the localName of field ${index}`);
  const ns = xml ? XML_NAMESPACE : requiredName(fn, field.ns, `the ns of field ${index}`);
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
  if (field.type === WS_STRUCT_TYPE) throw new WsError(E_NOTIMPL, `${fn}: a struct in an attribute field is not implemented yet.`);
  value[name] = parseSimple(ctx, field.type, field.typeDescription, attributeText(ctx, attribute), lookup, path);
  if (isPointer(field)) charge(ctx, cSize(field.type, field.typeDescription), path);
}

/** Attributes no field maps: WS_E_INVALID_FORMAT unless ignored; xsi:nil (read already) and an xsi:type naming the struct's own type are not data. */
function checkUnhandledAttributes(
  ctx: ReadContext,
  description: WS_STRUCT_DESCRIPTION,
  element: WS_XML_ELEMENT_NODE,
  handled: Set<unknown>,
  ignore: boolean,
  what: string,
): void {
  if (ignore) return;
  for (const attribute of attributesOf(element)) {
    if (handled.has(attribute) || isXsi(attribute, "nil")) continue;
    if (isXsi(attribute, "type") && namesOwnType(ctx, description, decodeUtf8(attributeText(ctx, attribute)).trim())) continue;
    throw invalidFormat(ctx, `the attribute ${nameText(attribute.localName!, attribute.ns!)} of ${what} is not mapped by any field`);
  }
}

function namesOwnType(ctx: ReadContext, description: WS_STRUCT_DESCRIPTION, qname: string): boolean {
  const { typeLocalName, typeNs } = description;
  if (typeLocalName === null || typeNs === null || typeLocalName === undefined || typeNs === undefined) return false;
  const colon = qname.indexOf(":");
  const ns = ctx.target.source?.namespaces.lookup(colon < 0 ? "" : qname.slice(0, colon));
  return ns !== undefined && bytesEqual(ns.bytes, typeNs.bytes) && qname.slice(colon + 1) === decodeUtf8(typeLocalName.bytes);
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
    case WS_TEXT_FIELD_MAPPING: {
      const name = propertyName(fn, field, index);
      value[name] = readContentSimple(ctx, field.type, field.typeDescription, `${what}.${name}`);
      if (isPointer(field)) charge(ctx, cSize(field.type, field.typeDescription), `${what}.${name}`);
      return;
    }
  }
  throw new WsError(E_NOTIMPL, `${fn}: field ${index}${fieldLabel(field)}: WS_FIELD_MAPPING ${field.mapping} is not implemented yet.`);
}

function readElementField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const { fn } = ctx;
  const localName = requiredName(fn, field.localName, `the localName of field ${index}`);
  const ns = requiredName(fn, field.ns, `the ns of field ${index}`);
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
 * WS_REPEATING_ELEMENT_FIELD_MAPPING: the items itemLocalName/itemNs, inside the wrapper element
 * localName/ns when there is one ("the wrapper element must appear in the XML if repeating element
 * count is not 0": a missing wrapper is no items). Their number must lie in itemRange when one is
 * given; reading stops after maxItemCount + 1 items, so that no more is taken than can be reported.
 * The array is accounted on the heap (a pointer per item with WS_FIELD_POINTER, else the items).
 */
function readRepeatingField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const { fn } = ctx;
  const itemLocalName = requiredName(fn, field.itemLocalName, `the itemLocalName of field ${index}`);
  const itemNs = requiredName(fn, field.itemNs, `the itemNs of field ${index}`);
  const name = propertyName(fn, field, index);
  const path = `${what}.${name}`;
  const items: unknown[] = [];
  const wrapper =
    field.localName === null || field.localName === undefined
      ? null
      : { localName: field.localName, ns: requiredName(fn, field.ns, `the ns of field ${index}`) };
  const range = field.itemRange as WS_ITEM_RANGE | null | undefined;
  const max = range === null || range === undefined ? Number.POSITIVE_INFINITY : range.maxItemCount;
  const readItems = () => {
    for (;;) {
      const node = significant(ctx);
      if (!isElementNamed(node, itemLocalName, itemNs)) return;
      if (items.length >= max) throw invalidFormat(ctx, `${path} has more than the ${max} items its itemRange allows`);
      items.push(readItem(ctx, field, asElement(node)!, isNillableItem(field), `${path}[${items.length}]`));
    }
  };
  if (wrapper === null) readItems();
  else if (isElementNamed(significant(ctx), wrapper.localName, wrapper.ns)) {
    next(ctx);
    readItems();
    endOfElement(ctx, `the wrapper ${nameText(wrapper.localName, wrapper.ns)} of ${path}`, false);
  } else if (!isOptional(field) && range !== null && range !== undefined && range.minItemCount > 0) {
    throw invalidFormat(
      ctx,
      `the wrapper ${nameText(wrapper.localName, wrapper.ns)} of ${path} was expected, but the reader is on ${describe(significant(ctx))}`,
    );
  }
  if (range !== null && range !== undefined && items.length < range.minItemCount) {
    throw invalidFormat(ctx, `${path} has ${items.length} items, fewer than the ${range.minItemCount} its itemRange requires`);
  }
  charge(ctx, items.length * (isPointer(field) ? POINTER_SIZE : cSize(field.type, field.typeDescription)), path);
  value[name] = items;
}

/** WsReadElement's name check: the element localName in ns, after white space and comments. */
export function atElementNamed(ctx: ReadContext, localName: WS_XML_STRING, ns: WS_XML_STRING): boolean {
  return isElementNamed(significant(ctx), localName, ns);
}
