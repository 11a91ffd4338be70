import {
  E_INVALIDARG,
  type WS_XML_QNAME_TEXT,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_DATETIME,
  WS_XML_TEXT_TYPE_DECIMAL,
  WS_XML_TEXT_TYPE_DOUBLE,
  WS_XML_TEXT_TYPE_FLOAT,
  WS_XML_TEXT_TYPE_GUID,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_INT64,
  WS_XML_TEXT_TYPE_LIST,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_TIMESPAN,
  WS_XML_TEXT_TYPE_UINT64,
  WS_XML_TEXT_TYPE_UNIQUE_ID,
  WS_XML_TEXT_TYPE_UTF8,
  WS_XML_TEXT_TYPE_UTF16,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { encodeBase64 } from "./base64.js";
import { checkDateTime, formatDateTime, type LocalOffset } from "./format-datetime.js";
import { checkDecimal, formatDecimal } from "./format-decimal.js";
import { formatGuid, formatUniqueId } from "./format-guid.js";
import { formatBool, formatDouble, formatFloat, formatInteger } from "./format-number.js";
import { checkTimeSpanTicks, formatTimeSpan } from "./format-timespan.js";
import { ascii, decodeUtf16 } from "./text-bytes.js";
import {
  checkBool,
  checkBytes,
  checkGuid,
  checkInteger,
  checkInteger64,
  checkNumber,
  checkObject,
  invalidArgument,
} from "./value-checks.js";

/** What formatting a text needs from the writer. */
export interface TextContext {
  /** The text of a qualified name: its prefix is the writer's to find (WsWriteQualifiedName). */
  qualifiedName(text: WS_XML_QNAME_TEXT, path: string): Uint8Array;
  localOffset: LocalOffset;
}

const TEXT_TYPE_NAMES = new Map<number, string>(Object.entries(WS_XML_TEXT_TYPE).map(([name, value]) => [value, name]));

/** The name of a WS_XML_TEXT_TYPE ("WS_XML_TEXT_TYPE_GUID"), or undefined for a number that is not one. */
export function textTypeName(type: unknown): string | undefined {
  return TEXT_TYPE_NAMES.get(type as number);
}

const SPACE = 0x20;

/**
 * The characters a WS_XML_TEXT stands for, as UTF-8 (not yet escaped): the form of every text
 * type is described in the format-*.ts modules. `path` names the text in messages ("text",
 * "text.items[1]"). A list is its items' texts "separated by a single whitespace character"
 * (WS_XML_LIST_TEXT: { INT32 123, BOOL 1 } is "123 true"); a list that contains itself is
 * E_INVALIDARG.
 */
export function formatText(fn: string, text: WS_XML_TEXT, context: TextContext, path = "text"): Uint8Array {
  return format(fn, text, context, path, new Set());
}

function format(fn: string, text: WS_XML_TEXT, context: TextContext, path: string, lists: Set<object>): Uint8Array {
  const type = text.textType;
  const fields = text as unknown as Record<string, unknown>;
  const field = `${path}.value`;
  switch (type) {
    case WS_XML_TEXT_TYPE_UTF8: {
      const value = fields.value;
      const bytes = typeof value === "object" && value !== null ? (value as { bytes?: unknown }).bytes : undefined;
      if (!(bytes instanceof Uint8Array)) throw invalidArgument(fn, `'${field}'`, "a WS_XML_STRING (with Uint8Array bytes)", value);
      return bytes;
    }
    case WS_XML_TEXT_TYPE_UTF16:
      return decodeUtf16(fn, checkBytes(fn, `${path}.bytes of a WS_XML_UTF16_TEXT`, fields.bytes));
    case WS_XML_TEXT_TYPE_BASE64:
      return encodeBase64(checkBytes(fn, `${path}.bytes of a WS_XML_BASE64_TEXT`, fields.bytes));
    case WS_XML_TEXT_TYPE_BOOL:
      return ascii(formatBool(checkBool(fn, `${field} of a WS_XML_BOOL_TEXT`, fields.value)));
    case WS_XML_TEXT_TYPE_INT32:
      return ascii(formatInteger(checkInteger(fn, `${field} of a WS_XML_INT32_TEXT`, fields.value, 32, true)));
    case WS_XML_TEXT_TYPE_INT64:
      return ascii(formatInteger(checkInteger64(fn, `${field} of a WS_XML_INT64_TEXT`, fields.value, true)));
    case WS_XML_TEXT_TYPE_UINT64:
      return ascii(formatInteger(checkInteger64(fn, `${field} of a WS_XML_UINT64_TEXT`, fields.value, false)));
    case WS_XML_TEXT_TYPE_FLOAT:
      return ascii(formatFloat(checkNumber(fn, `${field} of a WS_XML_FLOAT_TEXT`, fields.value)));
    case WS_XML_TEXT_TYPE_DOUBLE:
      return ascii(formatDouble(checkNumber(fn, `${field} of a WS_XML_DOUBLE_TEXT`, fields.value)));
    case WS_XML_TEXT_TYPE_DECIMAL:
      return ascii(formatDecimal(checkDecimal(fn, `${field} of a WS_XML_DECIMAL_TEXT`, fields.value)));
    case WS_XML_TEXT_TYPE_GUID:
      return ascii(formatGuid(checkGuid(fn, `${field} of a WS_XML_GUID_TEXT`, fields.value)));
    case WS_XML_TEXT_TYPE_UNIQUE_ID:
      return ascii(formatUniqueId(checkGuid(fn, `${field} of a WS_XML_UNIQUE_ID_TEXT`, fields.value)));
    case WS_XML_TEXT_TYPE_DATETIME:
      return ascii(formatDateTime(fn, checkDateTime(fn, `${field} of a WS_XML_DATETIME_TEXT`, fields.value), context.localOffset));
    case WS_XML_TEXT_TYPE_TIMESPAN: {
      const what = `${field} of a WS_XML_TIMESPAN_TEXT`;
      return ascii(formatTimeSpan(checkTimeSpanTicks(fn, `${what}.ticks`, checkObject(fn, what, fields.value, "a WS_TIMESPAN").ticks)));
    }
    case WS_XML_TEXT_TYPE_QNAME:
      return context.qualifiedName(text as unknown as WS_XML_QNAME_TEXT, path);
    case WS_XML_TEXT_TYPE_LIST:
      return formatList(fn, text, context, path, lists);
  }
  throw new WsError(E_INVALIDARG, `${fn}: ${path}.textType ${describeValue(type)} is not a WS_XML_TEXT_TYPE.`);
}

function formatList(fn: string, list: WS_XML_TEXT, context: TextContext, path: string, lists: Set<object>): Uint8Array {
  const items = (list as unknown as { items?: unknown }).items;
  if (!Array.isArray(items)) throw invalidArgument(fn, `${path}.items of a WS_XML_LIST_TEXT`, "an array of WS_XML_TEXT", items);
  if (lists.has(list)) throw new WsError(E_INVALIDARG, `${fn}: ${path} is a WS_XML_LIST_TEXT that contains itself.`);
  lists.add(list);
  const parts = items.map((item: unknown, i) => {
    const itemPath = `${path}.items[${i}]`;
    return format(fn, checkObject(fn, itemPath, item, "a WS_XML_TEXT") as unknown as WS_XML_TEXT, context, itemPath, lists);
  });
  lists.delete(list);
  const joined = new Uint8Array(parts.reduce((n, part) => n + part.length, 0) + Math.max(parts.length - 1, 0));
  let at = 0;
  for (const [i, part] of parts.entries()) {
    if (i > 0) joined[at++] = SPACE;
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
