import {
  E_INVALIDARG,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  type WS_XML_WRITER_MTOM_ENCODING,
  type WS_XML_WRITER_TEXT_ENCODING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { booleanField, isMimeBoundary, nestedEncodingType, stringField } from "./encoding-fields.js";

/** What WS_XML_WRITER_MTOM_ENCODING asks for, checked. */
export interface MtomWriterOptions {
  /** The charset of the XML in the root part (textEncoding). */
  charset: number;
  writeMimeHeader: boolean;
  boundary: string;
  startInfo: string;
  startUri: string;
  maxInlineByteCount: number;
}

const STRUCT = "WS_XML_WRITER_MTOM_ENCODING";
const CHARSETS = new Set([WS_CHARSET_UTF8, WS_CHARSET_UTF16LE, WS_CHARSET_UTF16BE]);

/** Printable ASCII but the characters that would end a quoted parameter or an angle-bracketed id. */
const HEADER_SAFE = /^[\x20-\x7e]*$/;

/**
 * Checks a WS_XML_WRITER_MTOM_ENCODING (E_INVALIDARG naming the field):
 * - textEncoding, "the encoding of the xml document carried by MTOM", is a
 *   WS_XML_WRITER_TEXT_ENCODING with a charset (UTF-8, UTF-16LE or UTF-16BE);
 * - boundary, "the character sequence that should be used to delimit the mime parts", is a MIME
 *   boundary (RFC 2046: 1 to 70 characters of its set, not ending in a space); it is needed;
 * - startUri ("the mime part that contains the xml") and startInfo ("the type used by the mime
 *   part that contains the xml") go into MIME headers, startUri between angle brackets and
 *   startInfo in quotes, so they must be printable ASCII without `<`, `>` (startUri) or `"`, `\`
 *   (startInfo); either may be empty;
 * - maxInlineByteCount is a ULONG.
 */
export function checkWriterEncoding(fn: string, encoding: WS_XML_WRITER_MTOM_ENCODING): MtomWriterOptions {
  const textEncoding: unknown = encoding.textEncoding;
  const type = nestedEncodingType(fn, STRUCT, "textEncoding", textEncoding);
  if (type !== WS_XML_WRITER_ENCODING_TYPE_TEXT) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${STRUCT}.textEncoding must be a WS_XML_WRITER_TEXT_ENCODING (the XML of an MTOM package is text), not encoding type ${type}.`,
    );
  }
  const charset = (textEncoding as WS_XML_WRITER_TEXT_ENCODING).charSet;
  if (!CHARSETS.has(charset)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${STRUCT}.textEncoding.charSet must be WS_CHARSET_UTF8, _UTF16LE or _UTF16BE, not ${describeValue(charset)}.`,
    );
  }
  const writeMimeHeader = booleanField(fn, STRUCT, "writeMimeHeader", encoding.writeMimeHeader);
  const boundary = stringField(fn, STRUCT, "boundary", encoding.boundary);
  if (!isMimeBoundary(boundary)) {
    throw new WsError(
      E_INVALIDARG,
      boundary === ""
        ? `${fn}: ${STRUCT}.boundary must be given: it delimits the MIME parts.`
        : `${fn}: ${STRUCT}.boundary "${boundary}" is not a MIME boundary (1 to 70 characters among letters, digits and '()+_,-./:=? and space, not ending with a space).`,
    );
  }
  const startUri = stringField(fn, STRUCT, "startUri", encoding.startUri);
  if (!HEADER_SAFE.test(startUri) || /[<>]/.test(startUri)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${STRUCT}.startUri "${startUri}" cannot be a Content-ID: it must be printable ASCII without '<' or '>'.`,
    );
  }
  const startInfo = stringField(fn, STRUCT, "startInfo", encoding.startInfo);
  if (!HEADER_SAFE.test(startInfo) || /["\\]/.test(startInfo)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${STRUCT}.startInfo "${startInfo}" cannot be a quoted MIME parameter: it must be printable ASCII without '"' or '\\'.`,
    );
  }
  const maxInlineByteCount: unknown = encoding.maxInlineByteCount ?? 0;
  if (typeof maxInlineByteCount !== "number" || maxInlineByteCount >>> 0 !== maxInlineByteCount) {
    throw new WsError(E_INVALIDARG, `${fn}: ${STRUCT}.maxInlineByteCount must be a ULONG, not ${describeValue(maxInlineByteCount)}.`);
  }
  return { charset, writeMimeHeader, boundary, startInfo, startUri, maxInlineByteCount };
}
