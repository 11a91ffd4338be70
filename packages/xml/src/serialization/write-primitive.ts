import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_BYTE_ARRAY_TYPE,
  WS_BYTES_TYPE,
  WS_CHAR_ARRAY_TYPE,
  WS_DURATION_TYPE,
  WS_DURATION_VALUE_TYPE,
  type WS_ENUM_DESCRIPTION,
  WS_ENUM_TYPE,
  WS_GUID_TYPE,
  WS_STRING_TYPE,
  type WS_UNIQUE_ID,
  WS_UNIQUE_ID_TYPE,
  WS_UTF8_ARRAY_TYPE,
  type WS_VALUE_TYPE,
  WS_VOID_TYPE,
  WS_WSZ_TYPE,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
  type WS_XML_QNAME,
  WS_XML_QNAME_TYPE,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_UNIQUE_ID,
} from "@wwsapi/core";
import { describeValue, isHandle, WsError } from "@wwsapi/core/internal";
import { xmlString } from "../text-reader/xml-nodes.js";
import { checkBytes, checkGuid, checkObject, invalidArgument } from "../values/value-checks.js";
import type { SerialWriter } from "./serial-writer.js";
import { STRUCTURED_TYPES, typeName } from "./type-info.js";

/**
 * The text of a value of a simple WS_TYPE, written where the writer is (element content or an
 * attribute value). The forms are those of the writer's value functions, which Windows shares
 * (Wine's conformance tests of WsWriteType: "<t>-128</t>", "<t>4294967295</t>", GUID
 * "00000000-0000-0000-0000-000000000000", WS_BYTES "test" as "dGVzdA==", an empty WS_BYTES as
 * nothing, a WS_UNIQUE_ID with an empty uri as "urn:uuid:<guid>" and otherwise as its uri).
 */

/** WS_BOOL_TYPE .. WS_GUID_TYPE (0 to 14) are WS_BOOL_VALUE_TYPE .. WS_GUID_VALUE_TYPE; WS_DURATION_TYPE is WS_DURATION_VALUE_TYPE. */
export function valueTypeOf(type: number): WS_VALUE_TYPE | undefined {
  if (type >= 0 && type <= WS_GUID_TYPE) return type as WS_VALUE_TYPE;
  if (type === WS_DURATION_TYPE) return WS_DURATION_VALUE_TYPE;
  return undefined;
}

/** The WS_XML_STRING of a value, checked (E_INVALIDARG). */
export function checkXmlStringValue(fn: string, what: string, value: unknown): WS_XML_STRING {
  const bytes = typeof value === "object" && value !== null ? (value as { bytes?: unknown }).bytes : undefined;
  if (bytes instanceof Uint8Array) return value as WS_XML_STRING;
  throw invalidArgument(fn, what, "a WS_XML_STRING (with Uint8Array bytes)", value);
}

/** Writes `value` (not nil) of a simple type or an enum as text. */
export function writeSimpleValue(out: SerialWriter, type: number, description: unknown, value: unknown, what: string): void {
  const fn = out.fn;
  const valueType = valueTypeOf(type);
  if (valueType !== undefined) {
    out.value(valueType, value);
    return;
  }
  switch (type) {
    case WS_STRING_TYPE:
    case WS_WSZ_TYPE:
    case WS_CHAR_ARRAY_TYPE:
      if (typeof value !== "string") throw invalidArgument(fn, what, "a string", value);
      out.chars(value);
      return;
    case WS_XML_STRING_TYPE:
      out.utf8(checkXmlStringValue(fn, what, value));
      return;
    case WS_BYTES_TYPE:
    case WS_BYTE_ARRAY_TYPE:
      out.bytes(checkBytes(fn, what, value));
      return;
    case WS_UTF8_ARRAY_TYPE:
      // The bytes are UTF-8 text already: written as they are (binary: a UTF-8 chars record).
      out.utf8(xmlString(checkBytes(fn, what, value)));
      return;
    case WS_UNIQUE_ID_TYPE: {
      const id = checkObject(fn, what, value, "a WS_UNIQUE_ID") as unknown as WS_UNIQUE_ID;
      if (typeof id.uri !== "string") throw invalidArgument(fn, `${what}.uri`, "a string", id.uri);
      if (id.uri.length > 0) out.chars(id.uri);
      else out.text({ textType: WS_XML_TEXT_TYPE_UNIQUE_ID, value: checkGuid(fn, `${what}.guid`, id.guid) } as unknown as WS_XML_TEXT);
      return;
    }
    case WS_XML_QNAME_TYPE: {
      const qname = checkObject(fn, what, value, "a WS_XML_QNAME") as unknown as WS_XML_QNAME;
      out.qualifiedName(checkXmlStringValue(fn, `${what}.localName`, qname.localName), checkXmlStringValue(fn, `${what}.ns`, qname.ns));
      return;
    }
    case WS_ENUM_TYPE:
      out.utf8(enumName(fn, description, value, what));
      return;
    case WS_XML_BUFFER_TYPE:
      out.xmlBuffer(liveBuffer(fn, value, what));
      return;
    case WS_VOID_TYPE:
      return;
  }
  if (STRUCTURED_TYPES.has(type))
    throw new WsError(E_INVALIDARG, `${fn}: ${what} is a ${typeName(type)}, which cannot be written as text here.`);
  throw new WsError(E_NOTIMPL, `${fn}: serializing ${typeName(type)} is not implemented yet.`);
}

/** A WS_XML_BUFFER in an element mapping: the buffer holds the element (SerialWriter.elementBuffer). */
export function writeElementBuffer(out: SerialWriter, value: unknown, what: string): void {
  out.elementBuffer(liveBuffer(out.fn, value, what));
}

function liveBuffer(fn: string, value: unknown, what: string): WS_XML_BUFFER {
  if (!isHandle(value, "WS_XML_BUFFER")) throw invalidArgument(fn, what, "a live WS_XML_BUFFER", value);
  return value as WS_XML_BUFFER;
}

/** The WS_ENUM_DESCRIPTION of an enum, checked (E_INVALIDARG). */
export function enumDescription(fn: string, description: unknown): WS_ENUM_DESCRIPTION {
  const values = typeof description === "object" && description !== null ? (description as { values?: unknown }).values : undefined;
  if (Array.isArray(values)) return description as WS_ENUM_DESCRIPTION;
  throw new WsError(E_INVALIDARG, `${fn}: WS_ENUM_TYPE needs a WS_ENUM_DESCRIPTION with its values, not ${describeValue(description)}.`);
}

/** The name of an enum value; a value the description does not list is E_INVALIDARG (Windows, in Wine's tests). */
function enumName(fn: string, description: unknown, value: unknown, what: string): WS_XML_STRING {
  const { values } = enumDescription(fn, description);
  for (const entry of values) {
    if (entry.value === value) return checkXmlStringValue(fn, "the name of an enum value", entry.name);
  }
  throw new WsError(
    E_INVALIDARG,
    `${fn}: ${what} ${describeValue(value)} is not one of the ${values.length} values of its WS_ENUM_DESCRIPTION.`,
  );
}
