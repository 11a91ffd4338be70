import { WS_CHARSET_UTF8, WS_CHARSET_UTF16LE } from "@wwsapi/core";
import { ascii } from "./byte-search.js";
import type { MtomWriterOptions } from "./writer-encoding.js";
import { MULTIPART_RELATED, XOP_MEDIA_TYPE } from "./xop.js";

/**
 * The MIME framing of the MTOM packages a writer produces. WWSAPI documents the parameters
 * (boundary, start, start-info, "binary mime parts") but not the bytes; these are the bytes WCF
 * writes (its MimeWriter and XmlMtomWriter), which WWSAPI talks to and which the golden captures
 * of a WCF implementation show byte for byte:
 *
 *     MIME-Version: 1.0                                  ← only with writeMimeHeader
 *     Content-Type: multipart/related;type="application/xop+xml";boundary="B";start="<U>";start-info="I"
 *
 *     --B
 *     Content-ID: <U>
 *     Content-Transfer-Encoding: 8bit                    ← "binary" for UTF-16
 *     Content-Type: application/xop+xml;charset=utf-8;type="I"
 *
 *     <the XML>
 *     --B
 *     Content-ID: <http://tempuri.org/1/…>
 *     Content-Transfer-Encoding: binary
 *     Content-Type: application/octet-stream
 *
 *     <the bytes>
 *     --B--
 *
 * Every line ends with CRLF. Each delimiter is CRLF "--B" (RFC 2046: the CRLF before a boundary
 * belongs to it), so without the MIME header the package begins with CRLF. An empty start is left
 * out (and the root part has no Content-ID: it is the first part), as is an empty start-info; the
 * root part's type parameter is always written (XOP §4.1 requires it), empty when startInfo is.
 */
export class MimeLayout {
  /** Everything before the XML: the MIME header (if asked for), the first delimiter, the root part's headers. */
  readonly prefix: Uint8Array;
  private readonly delimiter: string;

  constructor(readonly options: MtomWriterOptions) {
    const { boundary, startUri, startInfo, writeMimeHeader, charset } = options;
    this.delimiter = `\r\n--${boundary}`;
    const charsetName = charset === WS_CHARSET_UTF8 ? "utf-8" : charset === WS_CHARSET_UTF16LE ? "utf-16LE" : "utf-16BE";
    let head = writeMimeHeader ? `MIME-Version: 1.0\r\nContent-Type: ${packageContentType(options)}\r\n` : "";
    head += `${this.delimiter}\r\n`;
    if (startUri !== "") head += `Content-ID: <${startUri}>\r\n`;
    head += `Content-Transfer-Encoding: ${charset === WS_CHARSET_UTF8 ? "8bit" : "binary"}\r\n`;
    head += `Content-Type: ${XOP_MEDIA_TYPE};charset=${charsetName};type="${startInfo}"\r\n\r\n`;
    this.prefix = ascii(head);
  }

  /** What goes before a binary part's bytes: its delimiter and headers. */
  partHead(contentId: string, contentType: string): Uint8Array {
    return ascii(
      `${this.delimiter}\r\nContent-ID: <${contentId}>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: ${contentType}\r\n\r\n`,
    );
  }

  /** The close delimiter, which ends the package. */
  get close(): Uint8Array {
    return ascii(`${this.delimiter}--\r\n`);
  }
}

/**
 * The package's Content-Type: what the MIME header says, and what a transport that writes no MIME
 * header (writeMimeHeader FALSE) must send instead, in its own Content-Type header.
 */
export function packageContentType(options: Pick<MtomWriterOptions, "boundary" | "startUri" | "startInfo">): string {
  let type = `${MULTIPART_RELATED};type="${XOP_MEDIA_TYPE}";boundary="${options.boundary}"`;
  if (options.startUri !== "") type += `;start="<${options.startUri}>"`;
  if (options.startInfo !== "") type += `;start-info="${options.startInfo}"`;
  return type;
}
