import { WS_CHARSET_AUTO, WS_CHARSET_UTF8, WS_CHARSET_UTF16BE, WS_CHARSET_UTF16LE } from "@wwsapi/core";
import { type ContentType, parseContentType } from "./content-type.js";
import { isMimeBoundary } from "./encoding-fields.js";
import { malformed } from "./mime-errors.js";
import { type HeaderBlock, readHeaderBlock, singleField } from "./mime-headers.js";
import { type MimePart, splitMultipart, unbracket } from "./mime-parts.js";
import type { MtomReaderOptions } from "./reader-encoding.js";
import { MULTIPART_RELATED, XOP_MEDIA_TYPE } from "./xop.js";

/** What the checks of a part look at: its number, where it starts, its headers. */
export type PartHeaders = Pick<MimePart, "number" | "offset" | "headers">;

/** An MTOM package taken apart: its parts and the root part, which holds the XML. */
export interface MtomPackage {
  parts: readonly MimePart[];
  root: MimePart;
  /** The charset the root part's Content-Type names (WS_CHARSET_AUTO when it names none). */
  rootCharset: number;
}

/**
 * Reads the MIME structure of an MTOM package. With readMimeHeader the input begins with the
 * package's MIME header, whose Content-Type gives the boundary, start and start-info; otherwise
 * they come from the encoding (the caller took them from an HTTP Content-Type) and the input is
 * the multipart body. The root part is the one `start` names, else the first (RFC 2387 §3.2:
 * "If not present the 'root' is the first body part"); "When used with WS_XML_READER_BUFFER_INPUT
 * the MIME parts may appear in any order".
 */
export function readMtomPackage(data: Uint8Array, options: MtomReaderOptions, maxParts: number): MtomPackage {
  let { boundary, startInfo } = options;
  let start = unbracket(options.startUri);
  let bodyStart = 0;
  if (options.readMimeHeader) {
    const header = readHeaderBlock(data, 0, "the MIME header");
    ({ boundary, start, startInfo } = headerParameters(header));
    bodyStart = header.end;
  }
  const parts = splitMultipart(data, bodyStart, boundary, maxParts);
  const root = start === "" ? parts[0]! : parts.find((part) => part.contentId === start);
  if (root === undefined)
    throw malformed(`no MIME part has the Content-ID <${start}> that the start parameter names as the root part`, bodyStart);
  return { parts, root, rootCharset: checkRootPart(root, startInfo) };
}

/** The package's Content-Type parameters: where they come from with readMimeHeader TRUE. */
export interface PackageParameters {
  boundary: string;
  /** The root part's Content-ID, without angle brackets ("" when not given). */
  start: string;
  startInfo: string;
}

/** The parameters of the package's MIME header (its Content-Type), checked. */
export function headerParameters(header: HeaderBlock): PackageParameters {
  const field = singleField(header, "Content-Type", "the MIME header");
  if (field === undefined) {
    throw malformed(
      "the MIME header has no Content-Type field (with readMimeHeader TRUE the input begins with the package's MIME header)",
      0,
    );
  }
  const contentType = parseContentType(field, "the package's Content-Type");
  checkPackageType(contentType, field.offset);
  const boundary = contentType.params.get("boundary");
  if (boundary === undefined) throw malformed("the package's Content-Type has no boundary parameter", field.offset);
  if (!isMimeBoundary(boundary)) {
    throw malformed(`the package's boundary "${boundary}" is not a MIME boundary (RFC 2046: 1 to 70 characters of its set)`, field.offset);
  }
  return { boundary, start: unbracket(contentType.params.get("start") ?? ""), startInfo: contentType.params.get("start-info") ?? "" };
}

/** The package is multipart/related with type="application/xop+xml" (SOAP MTOM §4.3, XOP §4.1). */
function checkPackageType(contentType: ContentType, offset: number): void {
  if (contentType.mediaType !== MULTIPART_RELATED) {
    throw malformed(`the package's Content-Type is ${contentType.mediaType}, not ${MULTIPART_RELATED}`, offset);
  }
  const type = contentType.params.get("type");
  if (type?.toLowerCase() !== XOP_MEDIA_TYPE) {
    throw malformed(
      type === undefined
        ? `the package's Content-Type has no type parameter; an MTOM package is of type "${XOP_MEDIA_TYPE}"`
        : `the package's Content-Type has type="${type}", not "${XOP_MEDIA_TYPE}"`,
      offset,
    );
  }
}

const CHARSETS: Record<string, number> = {
  "utf-8": WS_CHARSET_UTF8,
  "utf-16le": WS_CHARSET_UTF16LE,
  "utf-16be": WS_CHARSET_UTF16BE,
  // No byte order named: the byte order mark or the first characters tell.
  "utf-16": WS_CHARSET_AUTO,
};

/**
 * The root part is application/xop+xml (XOP §4.1), its type parameter is the start-info when one
 * is given ("The type used by the mime part that contains the xml"), its content is not
 * transfer-encoded, and its charset is one the text reader reads. Returns that charset.
 */
export function checkRootPart(root: PartHeaders, startInfo: string): number {
  const what = `the root MIME part (part ${root.number})`;
  const field = singleField(root.headers, "Content-Type", `the headers of MIME part ${root.number}`);
  if (field === undefined) throw malformed(`${what} has no Content-Type; it must be ${XOP_MEDIA_TYPE}`, root.offset);
  const contentType = parseContentType(field, `the Content-Type of ${what}`);
  if (contentType.mediaType !== XOP_MEDIA_TYPE) {
    throw malformed(`${what} has the Content-Type ${contentType.mediaType}; it must be ${XOP_MEDIA_TYPE}`, field.offset);
  }
  const type = contentType.params.get("type") ?? "";
  if (startInfo !== "" && type.toLowerCase() !== startInfo.toLowerCase()) {
    throw malformed(`${what} has type="${type}", but the start-info is "${startInfo}"`, field.offset);
  }
  checkTransferEncoding(root);
  const charset = contentType.params.get("charset");
  if (charset === undefined) return WS_CHARSET_AUTO;
  const known = CHARSETS[charset.toLowerCase()];
  if (known === undefined) throw malformed(`${what} has charset="${charset}"; the reader reads utf-8, utf-16LE and utf-16BE`, field.offset);
  return known;
}

const IDENTITY_ENCODINGS = new Set(["7bit", "8bit", "binary"]);

/**
 * A part's content is taken as it is: XOP packages carry binary content in binary parts and the XML
 * in 8bit or binary ones, so a Content-Transfer-Encoding that would need decoding (base64,
 * quoted-printable) is refused rather than misread.
 */
export function checkTransferEncoding(part: PartHeaders): void {
  const field = singleField(part.headers, "Content-Transfer-Encoding", `the headers of MIME part ${part.number}`);
  if (field === undefined || IDENTITY_ENCODINGS.has(field.value.toLowerCase())) return;
  throw malformed(
    `MIME part ${part.number} has Content-Transfer-Encoding "${field.value}"; the parts of an MTOM package are read as they are (7bit, 8bit or binary)`,
    field.offset,
  );
}
