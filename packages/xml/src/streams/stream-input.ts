import {
  E_INVALIDARG,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  type WS_READ_CALLBACK,
  type WS_XML_READER_BINARY_ENCODING,
  type WS_XML_READER_ENCODING,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_RAW,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  type WS_XML_READER_STREAM_INPUT,
  type WS_XML_READER_TEXT_ENCODING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { openRawStreamInput } from "../raw/open-raw.js";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { openBinaryStreamInput } from "./binary-stream-source.js";
import type { StreamSource } from "./stream-source.js";
import { TextStreamSource } from "./text-stream-source.js";

/**
 * The node source for WsSetInput with a WS_XML_READER_STREAM_INPUT: "Specifies that the source of
 * the xml should be obtained from a callback", `readCallback` being "A callback that is invoked
 * when WsFillReader is called". Text (UTF-8 or UTF-16, named or found by WS_CHARSET_AUTO), binary
 * and raw documents are read from a stream; MTOM has its own (mtom/open-mtom-input.ts).
 */
export function openStreamInput(
  encoding: WS_XML_READER_ENCODING | null,
  input: WS_XML_READER_STREAM_INPUT,
  settings: ReaderSettings,
  fn: string,
): { source: StreamSource; charset: number } {
  const readCallback = input.readCallback;
  if (typeof readCallback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the stream input's readCallback must be a WS_READ_CALLBACK function, not ${describeValue(readCallback)}.`,
    );
  }
  if (encoding?.encodingType === WS_XML_READER_ENCODING_TYPE_BINARY) {
    // Binary strings are UTF-8 ([MC-NBFX] 2.1.3), so that is the charset reported.
    const source = openBinaryStreamInput(fn, encoding as unknown as WS_XML_READER_BINARY_ENCODING, input, settings);
    return { source, charset: WS_CHARSET_UTF8 };
  }
  if (encoding?.encodingType === WS_XML_READER_ENCODING_TYPE_RAW) {
    return { source: openRawStreamInput(input, settings), charset: WS_CHARSET_UTF8 };
  }
  if (encoding !== null && encoding.encodingType !== WS_XML_READER_ENCODING_TYPE_TEXT) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(encoding.encodingType)} is not a WS_XML_READER_ENCODING_TYPE.`);
  }
  const charset = encoding === null ? WS_CHARSET_AUTO : (encoding as unknown as WS_XML_READER_TEXT_ENCODING).charSet;
  if (charset !== WS_CHARSET_AUTO && charset !== WS_CHARSET_UTF8 && charset !== WS_CHARSET_UTF16LE && charset !== WS_CHARSET_UTF16BE) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(charset)} is not a WS_CHARSET.`);
  }
  const source = new TextStreamSource(readCallback as WS_READ_CALLBACK, input.readCallbackState, settings.streamBufferSize, charset, {
    maxDepth: settings.maxDepth,
    maxAttributes: settings.maxAttributes,
    maxNamespaces: settings.maxNamespaces,
    allowFragment: settings.allowFragment,
    readDeclaration: settings.readDeclaration,
    allowInvalidCharacterReferences: settings.allowInvalidCharacterReferences,
    inputCharset: charset === WS_CHARSET_UTF16LE ? "utf-16le" : charset === WS_CHARSET_UTF16BE ? "utf-16be" : "utf-8",
  });
  // Nothing is read before WsFillReader: a charset found from the first bytes cannot be known yet,
  // so WS_CHARSET_AUTO reports UTF-8 (the default) and a named charset itself.
  return { source, charset: charset === WS_CHARSET_AUTO ? WS_CHARSET_UTF8 : charset };
}
