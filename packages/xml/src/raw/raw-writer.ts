import {
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_XML_BASE64_TEXT,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BASE64,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NameStrings } from "../writer/node-sink.js";
import { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { RawBase64Decoder } from "./raw-base64.js";
import type { RawOutput } from "./raw-output.js";

/**
 * The document of a writer with WS_XML_WRITER_RAW_ENCODING: "only characters representing base64
 * encoded bytes may be written, and only at the root of the document. No elements or comments may
 * be written. The writer will emit the bytes represented by the base64 encoded characters." Text
 * at the root needs no ALLOW_FRAGMENT: "the writer will operate as if the
 * WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT property has been specified".
 *
 * Bytes (WsWriteBytes, WsPushBytes, WsPullBytes, a WS_XML_BASE64_TEXT) go to the output as they
 * are: "using WsWriteBytes, which normally performs a base64 encoding of the bytes it is passed,
 * actually avoids all base64 conversions". Characters (WsWriteChars, WsWriteCharsUtf8, a UTF-8 or
 * UTF-16 text, a value's text) are decoded from base64 (RawBase64Decoder). Bytes cannot follow
 * characters of an unfinished group of four, nor anything follow "=" padding (WS_E_INVALID_FORMAT):
 * the bytes would not be what the characters say.
 *
 * Elements, comments and CDATA are refused with WS_E_INVALID_OPERATION — what the encoding does not
 * allow at all. (Attributes, namespace declarations and end elements need an element, and fail as
 * they do with no element open.)
 */
export class RawWriter extends TextWriter {
  private readonly decoder = new RawBase64Decoder();

  constructor(
    private readonly raw: RawOutput,
    settings: WriterSettings,
  ) {
    super(raw, settings);
  }

  override startElement(fn: string, _prefix: string | null, localName: string, _ns: string, _strings?: NameStrings): void {
    throw refused(fn, `the element <${localName}> cannot be written`);
  }

  override comment(fn: string, _bytes: Uint8Array): void {
    throw refused(fn, "a comment cannot be written");
  }

  override startCData(fn: string): void {
    throw refused(fn, "a CDATA section cannot be written");
  }

  override text(fn: string, bytes: Uint8Array, _kind: string, _repeatable: boolean, _what?: string, typed?: WS_XML_TEXT): void {
    if (typed !== undefined && typed.textType === WS_XML_TEXT_TYPE_BASE64) {
      this.base64(fn, (typed as unknown as WS_XML_BASE64_TEXT).bytes, "bytes");
      return;
    }
    const decoded = this.decoder.decode(fn, bytes);
    this.raw.append(fn, decoded);
  }

  override base64(fn: string, bytes: Uint8Array, _kind: string): void {
    if (bytes.length === 0) return;
    if (this.decoder.pending || this.decoder.ended) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `${fn}: bytes cannot follow ${this.decoder.ended ? 'the "=" padding that ended' : "an unfinished group of four of"} the base64 characters written before.`,
      );
    }
    this.raw.append(fn, bytes);
  }
}

function refused(fn: string, what: string): WsError {
  return new WsError(
    WS_E_INVALID_OPERATION,
    `${fn}: ${what} with WS_XML_WRITER_RAW_ENCODING, which writes only base64 characters at the root ("No elements or comments may be written").`,
  );
}
