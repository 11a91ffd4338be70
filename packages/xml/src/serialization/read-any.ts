import {
  type WS_ANY_ATTRIBUTE,
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_OTHER_NAMESPACE,
  WS_VOID_TYPE,
  type WS_XML_ATTRIBUTE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_UTF8,
} from "@wwsapi/core";
import { utf8Text, xmlString } from "../text-reader/xml-nodes.js";
import { xmlStringEquals } from "../text-utils/xml-string.js";
import { readContentBuffer } from "./content-buffer.js";
import { isOptional, propertyName } from "./field-binding.js";
import {
  asElement,
  attributesOf,
  charge,
  describe,
  invalidFormat,
  isXsi,
  next,
  type ReadContext,
  significant,
  skipElement,
} from "./read-context.js";
import { readElementBuffer } from "./read-primitive.js";
import { readRepeatingItems } from "./read-repeating.js";
import { POINTER_SIZE } from "./type-info.js";

/**
 * The wildcard field mappings, read: WS_ANY_ELEMENT_FIELD_MAPPING and
 * WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING ("used to discard or store a sequence of elements with
 * any name and namespace. To store the elements, a WS_XML_BUFFER_TYPE should be used … To discard
 * the elements, a WS_VOID_TYPE should be used"), WS_ANY_CONTENT_FIELD_MAPPING ("any remaining
 * content (any mixture of text or elements) that occurs before the end of an element") and
 * WS_ANY_ATTRIBUTES_FIELD_MAPPING ("any attributes which were not mapped using other
 * WS_FIELD_MAPPING values").
 */

/**
 * The namespace rule of WS_ANY_ATTRIBUTES_FIELD_MAPPING: "If the ns field is NULL, then there is no
 * restriction … If the ns field is non-NULL, and the field option WS_FIELD_OTHER_NAMESPACE is not
 * set …, then the attribute must have the same namespace … If … WS_FIELD_OTHER_NAMESPACE is set …,
 * then the attribute must have a different namespace". wwsapi-ts applies the same rule to the
 * any-element mappings (xs:any namespace="##other" is what WS_FIELD_OTHER_NAMESPACE describes).
 */
export function nsAllowed(field: WS_FIELD_DESCRIPTION, ns: WS_XML_STRING): boolean {
  if (field.ns === null || field.ns === undefined) return true;
  const same = xmlStringEquals(ns, field.ns);
  return (field.options & WS_FIELD_OTHER_NAMESPACE) !== 0 ? !same : same;
}

/** C's sizeof(WS_ANY_ATTRIBUTE) on 64-bit Windows: two WS_XML_STRINGs and a pointer. */
const ANY_ATTRIBUTE_SIZE = 72;

/**
 * WS_ANY_ATTRIBUTES_FIELD_MAPPING: the element's attributes that no other field took (and that are
 * not namespace declarations, nor xsi:nil or an xsi:type the reader interpreted) and that pass the
 * namespace rule, in document order. They are marked handled. With WS_VOID_TYPE they are dropped;
 * with WS_ANY_ATTRIBUTES_TYPE the field holds `{ attributes: WS_ANY_ATTRIBUTE[] }`, each value a
 * copy of the attribute's text (UTF-8 text copied out of the input; a typed binary text as read).
 */
export function readAnyAttributes(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  element: WS_XML_ELEMENT_NODE | null,
  value: Record<string, unknown>,
  handled: Set<unknown>,
  what: string,
): void {
  const taken: WS_XML_ATTRIBUTE[] = [];
  if (element !== null) {
    for (const attribute of attributesOf(element)) {
      if (handled.has(attribute) || isXsi(attribute, "nil") || !nsAllowed(field, attribute.ns!)) continue;
      handled.add(attribute);
      taken.push(attribute);
    }
  }
  if (field.type === WS_VOID_TYPE) return;
  const name = propertyName(ctx.fn, field, index);
  const attributes: WS_ANY_ATTRIBUTE[] = taken.map((attribute) => {
    const localName = xmlString(attribute.localName!.bytes.slice());
    const ns = xmlString(attribute.ns!.bytes.slice());
    const text = copyText(attribute.value);
    const textBytes =
      text !== null && text.textType === WS_XML_TEXT_TYPE_UTF8
        ? (text as unknown as { value: { bytes: Uint8Array } }).value.bytes.length
        : 0;
    charge(ctx, ANY_ATTRIBUTE_SIZE + localName.bytes.length + ns.bytes.length + textBytes, `${what}.${name}`);
    return { localName, ns, value: text };
  });
  value[name] = { attributes };
}

function copyText(text: WS_XML_TEXT | null): WS_XML_TEXT | null {
  if (text === null || text.textType !== WS_XML_TEXT_TYPE_UTF8) return text;
  const bytes = (text as unknown as { value: { bytes: Uint8Array } }).value.bytes;
  return utf8Text(xmlString(bytes.slice())) as unknown as WS_XML_TEXT;
}

/** Whether `node` is an element the any-element field takes (its namespace rule). */
const anyElement = (field: WS_FIELD_DESCRIPTION, node: WS_XML_NODE): WS_XML_ELEMENT_NODE | null => {
  const element = asElement(node);
  return element !== null && nsAllowed(field, element.ns!) ? element : null;
};

/** One element, whole: a WS_XML_BUFFER, or skipped (WS_VOID_TYPE). The reader is on it. */
function takeElement(ctx: ReadContext, field: WS_FIELD_DESCRIPTION): unknown {
  if (field.type === WS_VOID_TYPE) {
    skipElement(ctx);
    return null;
  }
  return readElementBuffer(ctx);
}

/** WS_ANY_ELEMENT_FIELD_MAPPING: the next element, whatever its name; missing, it is null when optional and WS_E_INVALID_FORMAT otherwise. */
export function readAnyElementField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const node = significant(ctx);
  const element = anyElement(field, node);
  if (element === null) {
    if (!isOptional(field))
      throw invalidFormat(ctx, `an element (field ${index}, any element) was expected in ${what}, but the reader is on ${describe(node)}`);
    if (field.type !== WS_VOID_TYPE) value[propertyName(ctx.fn, field, index)] = null;
    return;
  }
  const item = takeElement(ctx, field);
  if (field.type !== WS_VOID_TYPE) value[propertyName(ctx.fn, field, index)] = item;
}

/** WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING: every element that follows ("greedy"), each a WS_XML_BUFFER (an array of pointers). */
export function readRepeatingAnyField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  const discard = field.type === WS_VOID_TYPE;
  const path = discard ? `${what}.<any elements>` : `${what}.${propertyName(ctx.fn, field, index)}`;
  const items = readRepeatingItems(
    ctx,
    field,
    index,
    path,
    discard ? 0 : POINTER_SIZE,
    (node) => anyElement(field, node) !== null,
    () => takeElement(ctx, field),
  );
  if (!discard) value[propertyName(ctx.fn, field, index)] = items;
}

/** WS_ANY_CONTENT_FIELD_MAPPING: everything up to the end of the element, as one WS_XML_BUFFER (or dropped). */
export function readAnyContentField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
): void {
  if (field.type === WS_VOID_TYPE) {
    for (;;) {
      const type = ctx.target.node.nodeType;
      if (type === WS_XML_NODE_TYPE_END_ELEMENT || type === WS_XML_NODE_TYPE_EOF) return;
      if (type === WS_XML_NODE_TYPE_ELEMENT) skipElement(ctx);
      else next(ctx);
    }
  }
  const name = propertyName(ctx.fn, field, index);
  value[name] = readContentBuffer(ctx, `${what}.${name}`);
}
