import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ATTRIBUTE_DESCRIPTION,
  WS_ATTRIBUTE_TYPE_MAPPING,
  type WS_ELEMENT_DESCRIPTION,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_ERROR,
  type WS_HEAP,
  WS_READ_NILLABLE_POINTER,
  WS_READ_NILLABLE_VALUE,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  type WS_TYPE,
  type WS_TYPE_MAPPING,
  type WS_WRITE_OPTION,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { WsFindAttribute, WsReadEndAttribute, WsReadStartAttribute } from "../reader-content/attributes.js";
import { readerOf } from "../reader-content/reader-cursor.js";
import { invalidFormat, nameText, type ReadContext } from "./read-context.js";
import { atElementNamed, readTypeValue } from "./read-type.js";
import { SerialWriter } from "./serial-writer.js";
import { writeTypeValue } from "./write-type.js";

/**
 * The six functions of the WS_TYPE serializer (field-binding.ts has the TypeScript binding of
 * struct values). The flat API has checked the enum arguments and the handles; the descriptions
 * are checked here (E_INVALIDARG).
 */

/** WsWriteType: "Write a value of a given WS_TYPE to XML according to the WS_TYPE_MAPPING". */
export function WsWriteType(
  writer: WS_XML_WRITER,
  typeMapping: WS_TYPE_MAPPING,
  type: WS_TYPE,
  typeDescription: unknown,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const out = new SerialWriter("WsWriteType", writer);
  writeTypeValue(out, typeMapping, type, typeDescription, writeOption, value, "the value");
  return S_OK;
}

/**
 * WsWriteElement: "Write a typed value as an XML element": the element elementLocalName in
 * elementNs (a start element, the value as with WS_ELEMENT_TYPE_MAPPING, the end element; Windows:
 * `<str>test</str>` for a struct with a WS_WSZ text field).
 */
export function WsWriteElement(
  writer: WS_XML_WRITER,
  elementDescription: WS_ELEMENT_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteElement";
  const { localName, ns } = elementName(fn, elementDescription.elementLocalName, elementDescription.elementNs, "elementDescription");
  const out = new SerialWriter(fn, writer);
  out.startElement(localName, ns);
  writeTypeValue(
    out,
    WS_ELEMENT_TYPE_MAPPING,
    elementDescription.type,
    elementDescription.typeDescription,
    writeOption,
    value,
    "the value",
  );
  out.endElement();
  return S_OK;
}

/**
 * WsWriteAttribute: "Write a typed value as an XML attribute" on the element being started
 * (Windows: WS_E_INVALID_OPERATION when no start element is open, as WsWriteStartAttribute).
 */
export function WsWriteAttribute(
  writer: WS_XML_WRITER,
  attributeDescription: WS_ATTRIBUTE_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteAttribute";
  const { localName, ns } = elementName(
    fn,
    attributeDescription.attributeLocalName,
    attributeDescription.attributeNs,
    "attributeDescription",
  );
  const out = new SerialWriter(fn, writer);
  out.startAttribute(null, localName, ns);
  writeTypeValue(
    out,
    WS_ATTRIBUTE_TYPE_MAPPING,
    attributeDescription.type,
    attributeDescription.typeDescription,
    writeOption,
    value,
    "the value",
  );
  out.endAttribute();
  return S_OK;
}

function elementName(fn: string, localName: WS_XML_STRING | null, ns: WS_XML_STRING | null, param: string) {
  const valid = (s: WS_XML_STRING | null): s is WS_XML_STRING => s !== null && typeof s === "object" && s.bytes instanceof Uint8Array;
  if (!valid(localName) || !valid(ns)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: '${param}' needs a local name and a namespace (WS_XML_STRINGs), not ${describeValue(localName)} and ${describeValue(ns)}.`,
    );
  }
  return { localName, ns };
}

function readContext(fn: string, reader: WS_XML_READER, heap: WS_HEAP | null): ReadContext {
  const target = readerOf(reader);
  target.input(fn);
  return { fn, target, heap };
}

/** WsReadType: "Read a value of a given WS_TYPE from XML according to the WS_TYPE_MAPPING" (read-type.ts). */
export function WsReadType(
  reader: WS_XML_READER,
  typeMapping: WS_TYPE_MAPPING,
  type: WS_TYPE,
  typeDescription: unknown,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const ctx = readContext("WsReadType", reader, heap);
  value.value = readTypeValue(ctx, typeMapping, type, typeDescription, readOption, "the value");
  return S_OK;
}

const ABSENT_OK: ReadonlySet<number> = new Set([WS_READ_OPTIONAL_POINTER, WS_READ_NILLABLE_POINTER, WS_READ_NILLABLE_VALUE]);

/**
 * WsReadElement: "Read an element producing a value of the specified WS_TYPE": the element
 * elementLocalName in elementNs must be next (after white space and comments); when it is not, the
 * value is null with WS_READ_OPTIONAL_POINTER, WS_READ_NILLABLE_POINTER and WS_READ_NILLABLE_VALUE
 * (the reader does not move), and WS_E_INVALID_FORMAT otherwise.
 */
export function WsReadElement(
  reader: WS_XML_READER,
  elementDescription: WS_ELEMENT_DESCRIPTION,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadElement";
  const { localName, ns } = elementName(fn, elementDescription.elementLocalName, elementDescription.elementNs, "elementDescription");
  const ctx = readContext(fn, reader, heap);
  if (!atElementNamed(ctx, localName, ns)) {
    if (!ABSENT_OK.has(readOption)) throw invalidFormat(ctx, `the element ${nameText(localName, ns)} was expected`);
    value.value = null;
    return S_OK;
  }
  value.value = readTypeValue(
    ctx,
    WS_ELEMENT_TYPE_MAPPING,
    elementDescription.type,
    elementDescription.typeDescription,
    readOption,
    nameText(localName, ns),
  );
  return S_OK;
}

/**
 * WsReadAttribute: "Read an attribute producing a value of the specified WS_TYPE" from the element
 * the reader is on (WsFindAttribute, WsReadStartAttribute, the value, WsReadEndAttribute). A
 * missing attribute is null with the options that allow absence, WS_E_INVALID_FORMAT otherwise.
 */
export function WsReadAttribute(
  reader: WS_XML_READER,
  attributeDescription: WS_ATTRIBUTE_DESCRIPTION,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadAttribute";
  const { localName, ns } = elementName(
    fn,
    attributeDescription.attributeLocalName,
    attributeDescription.attributeNs,
    "attributeDescription",
  );
  const ctx = readContext(fn, reader, heap);
  const index = { value: 0 };
  const found = inner(fn, "WsFindAttribute", () => WsFindAttribute(reader, localName, ns, false, index, null));
  if (found !== S_OK) {
    if (!ABSENT_OK.has(readOption)) throw invalidFormat(ctx, `the element has no attribute ${nameText(localName, ns)}`);
    value.value = null;
    return S_OK;
  }
  inner(fn, "WsReadStartAttribute", () => WsReadStartAttribute(reader, index.value, null));
  const result = readTypeValue(
    ctx,
    WS_ATTRIBUTE_TYPE_MAPPING,
    attributeDescription.type,
    attributeDescription.typeDescription,
    readOption,
    `the attribute ${nameText(localName, ns)}`,
  );
  inner(fn, "WsReadEndAttribute", () => WsReadEndAttribute(reader, null));
  value.value = result;
  return S_OK;
}

/** A reader function called on behalf of `fn`: its failure is reported for `fn`. */
function inner(fn: string, name: string, call: () => HRESULT): HRESULT {
  try {
    return call();
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    throw new WsError(thrown.hr, `${fn}: ${thrown.message.replace(new RegExp(`^${name}: `), "")}`);
  }
}
