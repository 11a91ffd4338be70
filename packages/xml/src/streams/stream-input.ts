import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  type WS_READ_CALLBACK,
  type WS_XML_READER_ENCODING,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  type WS_XML_READER_STREAM_INPUT,
  type WS_XML_READER_TEXT_ENCODING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { TextStreamSource } from "./text-stream-source.js";

/**
 * The node source for WsSetInput with a WS_XML_READER_STREAM_INPUT: "Specifies that the source of
 * the xml should be obtained from a callback", `readCallback` being "A callback that is invoked
 * when WsFillReader is called". Text in UTF-8 (named, or found by WS_CHARSET_AUTO) is read;
 * UTF-16 and the binary, MTOM and raw encodings from a stream are not implemented yet.
 */
export function openStreamInput(
  encoding: WS_XML_READER_ENCODING | null,
  input: WS_XML_READER_STREAM_INPUT,
  settings: ReaderSettings,
  fn: string,
): { source: TextStreamSource; charset: number } {
  const readCallback = input.readCallback;
  if (typeof readCallback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the stream input's readCallback must be a WS_READ_CALLBACK function, not ${describeValue(readCallback)}.`,
    );
  }
  if (encoding !== null && encoding.encodingType !== WS_XML_READER_ENCODING_TYPE_TEXT) {
    throw new WsError(
      E_NOTIMPL,
      `${fn}: reader encoding type ${encoding.encodingType} from a WS_XML_READER_STREAM_INPUT is not implemented yet; only WS_XML_READER_ENCODING_TYPE_TEXT is.`,
    );
  }
  const charset = encoding === null ? WS_CHARSET_AUTO : (encoding as unknown as WS_XML_READER_TEXT_ENCODING).charSet;
  if (charset === WS_CHARSET_UTF16LE || charset === WS_CHARSET_UTF16BE) {
    throw new WsError(E_NOTIMPL, `${fn}: UTF-16 text from a WS_XML_READER_STREAM_INPUT is not implemented yet; only UTF-8 is.`);
  }
  if (charset !== WS_CHARSET_AUTO && charset !== WS_CHARSET_UTF8) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(charset)} is not a WS_CHARSET.`);
  }
  const source = new TextStreamSource(readCallback as WS_READ_CALLBACK, input.readCallbackState, settings.streamBufferSize, charset, {
    maxDepth: settings.maxDepth,
    maxAttributes: settings.maxAttributes,
    maxNamespaces: settings.maxNamespaces,
    allowFragment: settings.allowFragment,
    readDeclaration: settings.readDeclaration,
    allowInvalidCharacterReferences: settings.allowInvalidCharacterReferences,
    inputCharset: "utf-8",
  });
  // Only UTF-8 is read from a stream, so that is the charset whether named or found.
  return { source, charset: WS_CHARSET_UTF8 };
}
