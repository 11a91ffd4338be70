import {
  E_INVALIDARG,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  type WS_XML_READER_BINARY_ENCODING,
  type WS_XML_READER_BUFFER_INPUT,
  type WS_XML_READER_ENCODING,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_MTOM,
  WS_XML_READER_ENCODING_TYPE_RAW,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  type WS_XML_READER_INPUT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  WS_XML_READER_INPUT_TYPE_STREAM,
  type WS_XML_READER_MTOM_ENCODING,
  type WS_XML_READER_STREAM_INPUT,
  type WS_XML_READER_TEXT_ENCODING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { openBinary } from "../binary-reader/open-binary.js";
import { openMtomInput, openMtomStreamInput } from "../mtom/open-mtom-input.js";
import { openRawInput } from "../raw/open-raw.js";
import { openStreamInput } from "../streams/stream-input.js";
import { toUtf8 } from "../text-reader/text-input.js";
import { TextScanner } from "../text-reader/text-scanner.js";
import type { NodeSource } from "./node-source.js";
import type { ReaderSettings } from "./reader-properties.js";

const EMPTY = new Uint8Array(0);

export interface OpenedInput {
  source: NodeSource;
  /** WS_XML_READER_PROPERTY_CHARSET. */
  charset: number;
}

/** The node source for WsSetInput's encoding and input; `fn` is the function to name in errors. */
export function openInput(
  encoding: WS_XML_READER_ENCODING | null,
  input: WS_XML_READER_INPUT | null,
  settings: ReaderSettings,
  fn = "WsSetInput",
): OpenedInput {
  if (input !== null && input.inputType === WS_XML_READER_INPUT_TYPE_STREAM) {
    if (encoding?.encodingType === WS_XML_READER_ENCODING_TYPE_MTOM) {
      return openMtomStreamInput(
        fn,
        encoding as unknown as WS_XML_READER_MTOM_ENCODING,
        input as unknown as WS_XML_READER_STREAM_INPUT,
        settings,
      );
    }
    return openStreamInput(encoding, input as unknown as WS_XML_READER_STREAM_INPUT, settings, fn);
  }
  if (input !== null && input.inputType !== WS_XML_READER_INPUT_TYPE_BUFFER) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(input.inputType)} is not a WS_XML_READER_INPUT_TYPE.`);
  }
  const data = input === null ? EMPTY : (input as unknown as WS_XML_READER_BUFFER_INPUT).encodedData;
  if (!(data instanceof Uint8Array)) throw new WsError(E_INVALIDARG, `${fn}: the buffer input's encodedData must be a Uint8Array.`);
  if (encoding === null || encoding.encodingType === WS_XML_READER_ENCODING_TYPE_TEXT) {
    const charset = encoding === null ? WS_CHARSET_AUTO : (encoding as unknown as WS_XML_READER_TEXT_ENCODING).charSet;
    return openText(data, charset, settings, input === null);
  }
  if (encoding.encodingType === WS_XML_READER_ENCODING_TYPE_BINARY) {
    // Binary strings are UTF-8 ([MC-NBFX] 2.1.3), so that is the charset reported.
    const source = openBinary(encoding as unknown as WS_XML_READER_BINARY_ENCODING, data, settings, input === null);
    return { source, charset: WS_CHARSET_UTF8 };
  }
  if (encoding.encodingType === WS_XML_READER_ENCODING_TYPE_MTOM) {
    return openMtomInput(fn, encoding as unknown as WS_XML_READER_MTOM_ENCODING, data, settings, input === null);
  }
  if (encoding.encodingType === WS_XML_READER_ENCODING_TYPE_RAW) {
    // Not a text document: no charset to report; WS_XML_READER_PROPERTY_CHARSET says UTF-8, as for binary.
    return { source: openRawInput(data), charset: WS_CHARSET_UTF8 };
  }
  throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(encoding.encodingType)} is not a WS_XML_READER_ENCODING_TYPE.`);
}

function openText(data: Uint8Array, requestedCharset: number, settings: ReaderSettings, noInput: boolean): OpenedInput {
  const utf8 = toUtf8(data, requestedCharset);
  const source = new TextScanner(utf8.bytes, {
    maxDepth: settings.maxDepth,
    maxAttributes: settings.maxAttributes,
    maxNamespaces: settings.maxNamespaces,
    // With no input there is no document: the reader goes from BOF straight to EOF.
    allowFragment: settings.allowFragment || noInput,
    readDeclaration: settings.readDeclaration,
    allowInvalidCharacterReferences: settings.allowInvalidCharacterReferences,
    inputCharset: utf8.charset === WS_CHARSET_UTF16LE ? "utf-16le" : utf8.charset === WS_CHARSET_UTF16BE ? "utf-16be" : "utf-8",
  });
  return { source, charset: utf8.charset };
}
