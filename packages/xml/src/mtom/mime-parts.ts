import { WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { ascii, bytesAt, indexOfBytes } from "./byte-search.js";
import { malformed } from "./mime-errors.js";
import { type HeaderBlock, readHeaderBlock, singleField } from "./mime-headers.js";

/** One body part of a multipart/related package. */
export interface MimePart {
  /** 1 for the first part: how messages name it ("MIME part 2"). */
  number: number;
  /** Where its headers start in the input. */
  offset: number;
  headers: HeaderBlock;
  /** Its content, a view into the input. */
  body: Uint8Array;
  bodyOffset: number;
  /** Its Content-ID without the angle brackets, or null when it has none. */
  contentId: string | null;
}

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;

/**
 * Splits the multipart body that starts at `from` into its parts (RFC 2046 §5.1.1): an optional
 * preamble, then parts each introduced by a delimiter line `--boundary` (preceded by CRLF, except
 * at the very start), each made of headers, an empty line and content, and the close delimiter
 * `--boundary--`, after which an epilogue is ignored. Content ends at the CRLF before the next
 * delimiter, which belongs to the delimiter. A delimiter may be followed by spaces or tabs
 * (transport padding) before its CRLF; anything else after `--boundary` means the boundary occurs
 * in the content, which RFC 2046 forbids ("must not appear within the encapsulated material").
 *
 * WS_XML_READER_PROPERTY_MAX_MIME_PARTS ("the maximum number of MIME parts that may appear in the
 * document") is checked as each part begins, before its headers are read.
 */
export function splitMultipart(data: Uint8Array, from: number, boundary: string, maxParts: number): MimePart[] {
  const dashBoundary = ascii(`--${boundary}`);
  const delimiter = ascii(`\r\n--${boundary}`);
  let at: number;
  if (bytesAt(data, dashBoundary, from)) {
    at = from;
  } else {
    const found = indexOfBytes(data, delimiter, from);
    if (found < 0) throw malformed(`the multipart body has no boundary delimiter "--${boundary}" (the body starts at byte ${from})`, from);
    at = found + 2;
  }
  const parts: MimePart[] = [];
  for (;;) {
    let after = at + dashBoundary.length;
    if (data[after] === DASH && data[after + 1] === DASH) {
      if (parts.length === 0) throw malformed(`the package has no parts: its first delimiter is the close delimiter "--${boundary}--"`, at);
      return parts;
    }
    while (data[after] === 0x20 || data[after] === 0x09) after++;
    if (data[after] !== CR || data[after + 1] !== LF) {
      if (after >= data.length) throw malformed(`the input ends after a delimiter; the close delimiter "--${boundary}--" is missing`, at);
      throw malformed(
        `the delimiter line "--${boundary}" goes on with other characters (a boundary must not occur in the content, and a delimiter ends with CRLF or "--")`,
        at,
      );
    }
    const number = parts.length + 1;
    const offset = after + 2;
    if (number > maxParts) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `MTOM reader: MIME part ${number} starts at byte ${offset}, more than the ${maxParts} parts WS_XML_READER_PROPERTY_MAX_MIME_PARTS allows.`,
      );
    }
    const what = `the headers of MIME part ${number}`;
    const headers = readHeaderBlock(data, offset, what);
    const end = indexOfBytes(data, delimiter, headers.end);
    if (end < 0) {
      throw malformed(
        `MIME part ${number} (its headers start at byte ${offset}) is not closed: the input ends without a delimiter "--${boundary}" after it, so the close delimiter "--${boundary}--" is missing`,
        data.length,
      );
    }
    const idField = singleField(headers, "Content-ID", what);
    parts.push({
      number,
      offset,
      headers,
      body: data.subarray(headers.end, end),
      bodyOffset: headers.end,
      contentId: idField === undefined ? null : unbracket(idField.value),
    });
    at = end + 2;
  }
}

/** A Content-ID or a `start` parameter without its angle brackets (`<a@b>` is `a@b`). */
export function unbracket(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith("<") && trimmed.endsWith(">") ? trimmed.slice(1, -1) : trimmed;
}
