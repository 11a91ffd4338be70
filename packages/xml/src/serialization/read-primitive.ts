import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  WS_BYTE_ARRAY_TYPE,
  WS_BYTES_TYPE,
  WS_CHAR_ARRAY_TYPE,
  WS_ENUM_TYPE,
  WS_STRING_TYPE,
  WS_UNIQUE_ID_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_WSZ_TYPE,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
  type WS_XML_QNAME,
  WS_XML_QNAME_TYPE,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { stringBytes, WsError } from "@wwsapi/core/internal";
import { Base64Decoder } from "../reader-content/base64-decoder.js";
import { quoted } from "../reader-content/lexical.js";
import { WsReadQualifiedName } from "../reader-content/namespaces.js";
import { parseGuid } from "../reader-content/parse-guid.js";
import { VALUE_PARSERS } from "../reader-content/parse-value.js";
import { reportFor } from "../reader-content/reader-cursor.js";
import { readAllText } from "../reader-content/text-cursor.js";
import { xmlString } from "../text-reader/xml-nodes.js";
import { bytesEqual, decodeUtf8, encodeUtf8 } from "../text-utils/xml-string.js";
import { WsReadXmlBuffer } from "../xml-buffer/index.js";
import { readContentBuffer } from "./content-buffer.js";
import { checkRange } from "./ranges.js";
import { charge, invalidFormat, type ReadContext } from "./read-context.js";
import { STRUCTURED_TYPES, typeName } from "./type-info.js";
import { enumDescription, valueTypeOf } from "./write-primitive.js";

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const URN_UUID = "urn:uuid:";

/** `bytes` without leading and trailing XML white space, as text. */
function trimmed(bytes: Uint8Array): string {
  let start = 0;
  let end = bytes.length;
  while (start < end && isSpace(bytes[start]!)) start++;
  while (end > start && isSpace(bytes[end - 1]!)) end--;
  return textOf(bytes, start, end);
}

/** The longest text textOf builds itself; past it TextDecoder is as fast. */
const SHORT_TEXT = 64;

/**
 * bytes[start, end) as a string, as decodeUtf8 decodes it. A short ASCII text (a number, a date,
 * most names) is built from its character codes: TextDecoder's call costs more than that for the
 * few bytes of a value, and this runs for every value read.
 */
function textOf(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const slice = bytes.subarray(start, end);
  if (slice.length > SHORT_TEXT) return decodeUtf8(slice);
  for (let i = 0; i < slice.length; i++) if (slice[i]! >= 0x80) return decodeUtf8(slice);
  // ASCII: each byte is its character's code. fromCharCode takes the typed array as its arguments.
  return String.fromCharCode.apply(null, slice as unknown as number[]);
}

/**
 * A value of a simple type from its text (`raw`: the characters of the content or attribute, not
 * trimmed). What Windows does, from Wine's conformance tests of WsReadType: numbers, GUIDs, base64
 * and enum names are read without surrounding white space (" 255 " is 255); WS_STRING,
 * WS_XML_STRING and WS_WSZ keep it (" test " stays " test "); an empty text is an empty string or
 * byte array, and WS_E_INVALID_FORMAT for the other types. A WS_UNIQUE_ID is "urn:uuid:" and a
 * GUID, read into `guid` with an empty uri, or else any text, kept in `uri` with a zero GUID.
 * Variable-length data is accounted on the heap. `resolve` finds the namespace of a prefix where
 * the text stands (qualified names).
 */
export function parseSimple(
  ctx: ReadContext,
  type: number,
  description: unknown,
  raw: Uint8Array,
  resolve: (prefix: string) => WS_XML_STRING | undefined,
  what: string,
): unknown {
  const value = parse(ctx, type, description, raw, resolve, what);
  checkRange(ctx, type, description, value, what);
  return value;
}

function parse(
  ctx: ReadContext,
  type: number,
  description: unknown,
  raw: Uint8Array,
  resolve: (prefix: string) => WS_XML_STRING | undefined,
  what: string,
): unknown {
  const valueType = valueTypeOf(type);
  if (valueType !== undefined) {
    try {
      return VALUE_PARSERS[valueType].parse(trimmed(raw));
    } catch (thrown) {
      throw reportFor(ctx.fn, ctx.target, thrown);
    }
  }
  switch (type) {
    case WS_STRING_TYPE:
    case WS_CHAR_ARRAY_TYPE: {
      // WS_CHAR_ARRAY_TYPE: "Embedded zeros are allowed in the array of characters."
      const text = textOf(raw);
      charge(ctx, stringBytes(text), what);
      return text;
    }
    case WS_WSZ_TYPE: {
      const text = decodeUtf8(raw);
      // "Deserialization will return an error if the wire form of the string contains an embedded zero."
      if (text.includes("\0")) throw invalidFormat(ctx, `${what} contains U+0000, which a WS_WSZ_TYPE string cannot hold`);
      charge(ctx, stringBytes(text) + 2, what);
      return text;
    }
    case WS_XML_STRING_TYPE:
      charge(ctx, raw.length, what);
      return xmlString(raw.slice());
    case WS_BYTES_TYPE:
    case WS_BYTE_ARRAY_TYPE:
      return decodeBase64(ctx, raw, what);
    case WS_UTF8_ARRAY_TYPE:
      // "Embedded zeros are allowed in the array of utf8 bytes": the text's bytes, as they are.
      charge(ctx, raw.length, what);
      return raw.slice();
    case WS_UNIQUE_ID_TYPE:
      return uniqueId(ctx, raw, what);
    case WS_ENUM_TYPE:
      return enumValue(ctx, description, trimmed(raw), what);
    case WS_XML_QNAME_TYPE:
      return qualifiedName(ctx, trimmed(raw), resolve, what);
  }
  if (STRUCTURED_TYPES.has(type))
    throw new WsError(E_INVALIDARG, `${ctx.fn}: ${what} is a ${typeName(type)}, which cannot be read as text here.`);
  throw new WsError(E_NOTIMPL, `${ctx.fn}: deserializing ${typeName(type)} is not implemented yet.`);
}

function decodeBase64(ctx: ReadContext, raw: Uint8Array, what: string): Uint8Array {
  const decoder = new Base64Decoder();
  const out = new Uint8Array(Math.floor(raw.length / 4) * 3 + 3);
  let step: { written: number };
  try {
    step = decoder.decode(raw, 0, out, 0, (offset) => `at character ${offset} of ${what}`);
  } catch (thrown) {
    throw reportFor(ctx.fn, ctx.target, thrown);
  }
  if (!decoder.complete) throw invalidFormat(ctx, `${what} is not base64: its length, without white space, is not a multiple of 4`);
  charge(ctx, step.written, what);
  return out.slice(0, step.written);
}

function uniqueId(ctx: ReadContext, raw: Uint8Array, what: string): unknown {
  const text = trimmed(raw);
  if (text === "") throw invalidFormat(ctx, `${what} is empty where a unique id (a URI) was expected`);
  if (text.startsWith(URN_UUID)) {
    try {
      return { uri: "", guid: parseGuid(text.slice(URN_UUID.length)) };
    } catch {
      // Not a GUID after all: an ordinary URI.
    }
  }
  const uri = decodeUtf8(raw);
  charge(ctx, stringBytes(uri), what);
  return { uri, guid: new Uint8Array(16) };
}

/** The enum value named `text`; a name the description does not list is WS_E_INVALID_FORMAT. */
function enumValue(ctx: ReadContext, description: unknown, text: string, what: string): number {
  const { values } = enumDescription(ctx.fn, description);
  const bytes = encodeUtf8(text);
  for (const entry of values) if (entry.name !== null && bytesEqual(entry.name.bytes, bytes)) return entry.value;
  throw invalidFormat(ctx, `${what} ${quoted(text)} is not one of the ${values.length} names of its WS_ENUM_DESCRIPTION`);
}

/** A qualified name in an attribute value: split at its first ':', the prefix resolved where the attribute stands. */
function qualifiedName(ctx: ReadContext, text: string, resolve: (prefix: string) => WS_XML_STRING | undefined, what: string): WS_XML_QNAME {
  const colon = text.indexOf(":");
  const prefix = colon < 0 ? "" : text.slice(0, colon);
  const local = colon < 0 ? text : text.slice(colon + 1);
  if (text === "" || colon === 0 || local === "") throw invalidFormat(ctx, `${what} ${quoted(text)} is not a qualified name`);
  const ns = resolve(prefix);
  if (ns === undefined)
    throw invalidFormat(ctx, `${what} ${quoted(text)} has the prefix ${quoted(prefix)}, which is not bound to a namespace`);
  const localBytes = encodeUtf8(local);
  charge(ctx, localBytes.length + ns.bytes.length, what);
  return { localName: xmlString(localBytes), ns: xmlString(ns.bytes.slice()) };
}

/** The rest of the content where the reader is, read as a simple type; the reader is left on the node that ends it. */
export function readContentSimple(ctx: ReadContext, type: number, description: unknown, what: string): unknown {
  const { fn, target } = ctx;
  if (type === WS_XML_QNAME_TYPE) return readContentQName(ctx, description, what);
  if (type === WS_XML_BUFFER_TYPE) return readContentBuffer(ctx, what);
  const raw = readAllText(target, fn);
  return parseSimple(ctx, type, description, raw, (prefix) => target.source?.namespaces.lookup(prefix), what);
}

/** A qualified name as content, resolved in the scope of its element (WsReadQualifiedName). */
function readContentQName(ctx: ReadContext, description: unknown, what: string): WS_XML_QNAME {
  const localName = ref<WS_XML_STRING>(xmlString(new Uint8Array(0)));
  const ns = ref<WS_XML_STRING>(xmlString(new Uint8Array(0)));
  if (ctx.heap === null) charge(ctx, 1, what); // refuses: the names are allocated on the heap
  try {
    WsReadQualifiedName(ctx.target as never, ctx.heap!, null, localName, ns, null);
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    throw new WsError(thrown.hr, `${ctx.fn}: ${what}: ${thrown.message.replace(/^WsReadQualifiedName: /, "")}`);
  }
  const value = { localName: localName.value, ns: ns.value };
  checkRange(ctx, WS_XML_QNAME_TYPE, description, value, what);
  return value;
}

/** The element the reader is on, whole, as a WS_XML_BUFFER on the caller's heap (WsReadXmlBuffer). */
export function readElementBuffer(ctx: ReadContext): WS_XML_BUFFER {
  const buffer = ref<WS_XML_BUFFER | null>(null);
  if (ctx.heap === null) charge(ctx, 1, "the WS_XML_BUFFER");
  try {
    WsReadXmlBuffer(ctx.target as never, ctx.heap!, buffer, null);
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    throw new WsError(thrown.hr, `${ctx.fn}: ${thrown.message.replace(/^WsReadXmlBuffer: /, "")}`);
  }
  return buffer.value!;
}
