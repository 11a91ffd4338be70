import {
  E_INVALIDARG,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  type WS_XML_READER_MTOM_ENCODING,
  type WS_XML_READER_TEXT_ENCODING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { booleanField, isMimeBoundary, nestedEncodingType, stringField } from "./encoding-fields.js";

/** What WS_XML_READER_MTOM_ENCODING asks for, checked. */
export interface MtomReaderOptions {
  /** The charset of textEncoding (WS_CHARSET_AUTO: from the root part's charset parameter, else detected). */
  charset: number;
  readMimeHeader: boolean;
  startInfo: string;
  boundary: string;
  startUri: string;
}

const STRUCT = "WS_XML_READER_MTOM_ENCODING";
const CHARSETS = new Set([WS_CHARSET_AUTO, WS_CHARSET_UTF8, WS_CHARSET_UTF16LE, WS_CHARSET_UTF16BE]);

/**
 * Checks a WS_XML_READER_MTOM_ENCODING (E_INVALIDARG naming the field):
 * - textEncoding, "The encoding of the xml document carried by MTOM", must be a
 *   WS_XML_READER_TEXT_ENCODING: the root part of a XOP package is application/xop+xml, text.
 * - with readMimeHeader TRUE, startInfo, boundary and startUri "must be empty as [they] will be
 *   read from the mime header";
 * - with readMimeHeader FALSE they are the Content-Type parameters the caller got elsewhere (an
 *   HTTP header): the boundary is needed to find the parts, so it must be given, and be a MIME
 *   boundary (RFC 2046: 1 to 70 of its characters); startUri may be empty (the root part is then
 *   the first, RFC 2387 §3.2) and may keep its angle brackets (`<root@host>`), as the start
 *   parameter has them.
 */
export function checkReaderEncoding(fn: string, encoding: WS_XML_READER_MTOM_ENCODING): MtomReaderOptions {
  const textEncoding: unknown = encoding.textEncoding;
  const type = nestedEncodingType(fn, STRUCT, "textEncoding", textEncoding);
  if (type !== WS_XML_READER_ENCODING_TYPE_TEXT) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${STRUCT}.textEncoding must be a WS_XML_READER_TEXT_ENCODING (the XML of an MTOM package is text), not encoding type ${type}.`,
    );
  }
  const charset = (textEncoding as WS_XML_READER_TEXT_ENCODING).charSet;
  if (!CHARSETS.has(charset))
    throw new WsError(E_INVALIDARG, `${fn}: ${STRUCT}.textEncoding.charSet ${describeValue(charset)} is not a WS_CHARSET.`);
  const readMimeHeader = booleanField(fn, STRUCT, "readMimeHeader", encoding.readMimeHeader);
  const startInfo = stringField(fn, STRUCT, "startInfo", encoding.startInfo);
  const boundary = stringField(fn, STRUCT, "boundary", encoding.boundary);
  const startUri = stringField(fn, STRUCT, "startUri", encoding.startUri);
  if (readMimeHeader) {
    for (const [field, value] of [
      ["startInfo", startInfo],
      ["boundary", boundary],
      ["startUri", startUri],
    ] as const) {
      if (value !== "") {
        throw new WsError(
          E_INVALIDARG,
          `${fn}: ${STRUCT}.${field} must be empty when readMimeHeader is TRUE ("the ${field} will be read from the mime header"), not "${value}".`,
        );
      }
    }
  } else if (!isMimeBoundary(boundary)) {
    throw new WsError(
      E_INVALIDARG,
      boundary === ""
        ? `${fn}: ${STRUCT}.boundary must be given when readMimeHeader is FALSE: it is what delimits the MIME parts.`
        : `${fn}: ${STRUCT}.boundary "${boundary}" is not a MIME boundary (1 to 70 characters among letters, digits and '()+_,-./:=? and space, not ending with a space).`,
    );
  }
  return { charset, readMimeHeader, startInfo, boundary, startUri };
}
