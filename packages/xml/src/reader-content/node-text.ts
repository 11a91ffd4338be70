import { type WS_XML_QNAME_TEXT, type WS_XML_TEXT, WS_XML_TEXT_TYPE_UTF8, type WS_XML_UTF8_TEXT } from "@wwsapi/core";
import { systemLocalOffset } from "../values/format-datetime.js";
import { formatText, type TextContext } from "../values/format-text.js";

const EMPTY = new Uint8Array(0);

/**
 * How the reader spells typed texts. A qualified name's text is written with the prefix it came
 * with; a local dateTime in the zone of the process, as WWSAPI formats WS_DATETIME_FORMAT_LOCAL.
 */
const READER_TEXT: TextContext = {
  qualifiedName(text: WS_XML_QNAME_TEXT): Uint8Array {
    const prefix = text.prefix?.bytes ?? EMPTY;
    const localName = text.localName?.bytes ?? EMPTY;
    if (prefix.length === 0) return localName;
    const joined = new Uint8Array(prefix.length + 1 + localName.length);
    joined.set(prefix);
    joined[prefix.length] = 0x3a;
    joined.set(localName, prefix.length + 1);
    return joined;
  },
  localOffset: systemLocalOffset,
};

/**
 * A text node's content as UTF-8, the form the content functions read. The text reader hands out
 * WS_XML_UTF8_TEXT; other readers (binary records, XML buffers) keep typed texts such as
 * WS_XML_INT32_TEXT, which read as the characters WWSAPI writes for them (values/format-text.ts),
 * so WsReadValue and WsReadChars see the same content whatever the encoding.
 */
export function textUtf8(text: WS_XML_TEXT | null, functionName: string): Uint8Array {
  if (text === null) return EMPTY;
  if (text.textType === WS_XML_TEXT_TYPE_UTF8) return (text as WS_XML_UTF8_TEXT).value.bytes;
  return formatText(functionName, text, READER_TEXT);
}
