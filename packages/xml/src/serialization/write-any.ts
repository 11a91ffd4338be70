import {
  E_INVALIDARG,
  type WS_ANY_ATTRIBUTE,
  type WS_FIELD_DESCRIPTION,
  WS_VOID_TYPE,
  type WS_XML_BUFFER,
  type WS_XML_TEXT,
} from "@wwsapi/core";
import { describeValue, isHandle, WsError } from "@wwsapi/core/internal";
import { isOptional, propertyName } from "./field-binding.js";
import type { SerialWriter } from "./serial-writer.js";
import { checkXmlStringValue } from "./write-primitive.js";

/**
 * The wildcard field mappings, written. A WS_VOID_TYPE field writes nothing ("used to discard the
 * XML content when deserializing, or ignore the field when serializing"). A WS_XML_BUFFER is
 * written whole where the field stands (WsWriteXmlBuffer: "copies the entire contents of the
 * WS_XML_BUFFER to the writer at the current position").
 */

function buffer(fn: string, value: unknown, path: string): WS_XML_BUFFER {
  if (isHandle(value, "WS_XML_BUFFER")) return value as WS_XML_BUFFER;
  throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a live WS_XML_BUFFER, not ${describeValue(value)}.`);
}

/** WS_ANY_ELEMENT_FIELD_MAPPING / WS_ANY_CONTENT_FIELD_MAPPING: the buffer; NULL is nothing when optional, E_INVALIDARG otherwise. */
export function writeAnyBufferField(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
): void {
  if (field.type === WS_VOID_TYPE) return;
  const name = propertyName(out.fn, field, index);
  const value = record[name];
  if (value === null || value === undefined) {
    if (isOptional(field)) return;
    throw new WsError(E_INVALIDARG, `${out.fn}: ${what}.${name} is ${describeValue(value)}, but the field is not WS_FIELD_OPTIONAL.`);
  }
  out.xmlBuffer(buffer(out.fn, value, `${what}.${name}`));
}

/** WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING: each buffer of the array, in order (a missing array is none). */
export function writeRepeatingAnyField(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
): void {
  if (field.type === WS_VOID_TYPE) return;
  const name = propertyName(out.fn, field, index);
  const items = record[name];
  if (items === null || items === undefined) return;
  if (!Array.isArray(items))
    throw new WsError(E_INVALIDARG, `${out.fn}: ${what}.${name} must be an array of WS_XML_BUFFERs, not ${describeValue(items)}.`);
  for (const [i, item] of items.entries()) out.xmlBuffer(buffer(out.fn, item, `${what}.${name}[${i}]`));
}

/** WS_ANY_ATTRIBUTES_FIELD_MAPPING: each WS_ANY_ATTRIBUTE as an attribute of the element being written. */
export function writeAnyAttributes(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
): void {
  if (field.type === WS_VOID_TYPE) return;
  const name = propertyName(out.fn, field, index);
  const path = `${what}.${name}`;
  const value = record[name] as { attributes?: unknown } | null | undefined;
  const attributes = typeof value === "object" && value !== null ? value.attributes : undefined;
  if (!Array.isArray(attributes)) {
    throw new WsError(
      E_INVALIDARG,
      `${out.fn}: ${path} must be a WS_ANY_ATTRIBUTES ({ attributes: WS_ANY_ATTRIBUTE[] }), not ${describeValue(value)}.`,
    );
  }
  (attributes as WS_ANY_ATTRIBUTE[]).forEach((attribute, i) => {
    const at = `${path}.attributes[${i}]`;
    if (typeof attribute !== "object" || attribute === null) {
      throw new WsError(E_INVALIDARG, `${out.fn}: ${at} must be a WS_ANY_ATTRIBUTE, not ${describeValue(attribute)}.`);
    }
    out.startAttribute(
      null,
      checkXmlStringValue(out.fn, `${at}.localName`, attribute.localName),
      checkXmlStringValue(out.fn, `${at}.ns`, attribute.ns),
    );
    if (attribute.value !== null && attribute.value !== undefined) out.text(attribute.value as WS_XML_TEXT);
    out.endAttribute();
  });
}
