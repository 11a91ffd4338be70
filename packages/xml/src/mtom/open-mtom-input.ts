import {
  E_INVALIDARG,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  type WS_READ_CALLBACK,
  type WS_XML_READER_MTOM_ENCODING,
  type WS_XML_READER_STREAM_INPUT,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { OpenedInput } from "../reader/open-input.js";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { toUtf8, type Utf8Input } from "../text-reader/text-input.js";
import { type ScannerOptions, TextScanner } from "../text-reader/text-scanner.js";
import { inRootPart, MtomNodeSource } from "./mtom-node-source.js";
import { readMtomPackage } from "./mtom-package.js";
import { MtomStreamSource } from "./mtom-stream-source.js";
import { checkReaderEncoding } from "./reader-encoding.js";

const EMPTY = new Uint8Array(0);

/**
 * The node source for WsSetInput with WS_XML_READER_MTOM_ENCODING over a buffer. The MIME
 * structure is read here (the root part must be found to know the XML's charset,
 * WS_XML_READER_PROPERTY_CHARSET), so malformed MIME fails WsSetInput; the XML is then read node
 * by node, and an xop:Include's part is looked up when the reader reaches it. With no input at all
 * the reader goes from BOF to EOF, as the text reader does.
 *
 * The charset of textEncoding wins; WS_CHARSET_AUTO takes the root part's charset parameter, and
 * without one looks at the XML's first bytes (as for text).
 */
export function openMtomInput(
  fn: string,
  encoding: WS_XML_READER_MTOM_ENCODING,
  data: Uint8Array,
  settings: ReaderSettings,
  noInput: boolean,
): OpenedInput {
  const options = checkReaderEncoding(fn, encoding);
  const scannerOptions = xmlOptions(settings);
  if (noInput) return { source: new TextScanner(EMPTY, { ...scannerOptions, allowFragment: true }), charset: WS_CHARSET_UTF8 };
  const mtom = readMtomPackage(data, options, settings.maxMimeParts);
  const root = mtom.root;
  let xml: Utf8Input;
  try {
    xml = toUtf8(root.body, options.charset !== WS_CHARSET_AUTO ? options.charset : mtom.rootCharset);
  } catch (thrown) {
    throw thrown instanceof WsError ? inRootPart(thrown, root.number, root.bodyOffset) : thrown;
  }
  const inputCharset = xml.charset === WS_CHARSET_UTF16LE ? "utf-16le" : xml.charset === WS_CHARSET_UTF16BE ? "utf-16be" : "utf-8";
  const scanner = new TextScanner(xml.bytes, { ...scannerOptions, inputCharset });
  // UTF-8 is read in place (after a byte order mark, if any), so the scanner's offsets are input offsets.
  const xmlStart = xml.charset === WS_CHARSET_UTF8 ? root.bodyOffset + (xml.bytes.byteOffset - root.body.byteOffset) : null;
  return { source: new MtomNodeSource(scanner, mtom.parts, root, xmlStart), charset: xml.charset };
}

/**
 * The node source for WsSetInput with WS_XML_READER_MTOM_ENCODING and a WS_XML_READER_STREAM_INPUT
 * (mtom-stream-source.ts). Nothing is read until WsFillReader, as for text from a stream.
 */
export function openMtomStreamInput(
  fn: string,
  encoding: WS_XML_READER_MTOM_ENCODING,
  input: WS_XML_READER_STREAM_INPUT,
  settings: ReaderSettings,
): OpenedInput {
  const options = checkReaderEncoding(fn, encoding);
  const readCallback: unknown = input.readCallback;
  if (typeof readCallback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the stream input's readCallback must be a WS_READ_CALLBACK function, not ${describeValue(readCallback)}.`,
    );
  }
  const source = new MtomStreamSource(readCallback as WS_READ_CALLBACK, input.readCallbackState, settings, options, xmlOptions(settings));
  // The root part's charset is known only once it arrives; until then UTF-8, the usual one, is reported.
  return { source, charset: options.charset === WS_CHARSET_AUTO ? WS_CHARSET_UTF8 : options.charset };
}

/** The reader properties the text scanner enforces on the root part's XML. */
function xmlOptions(settings: ReaderSettings): ScannerOptions {
  return {
    maxDepth: settings.maxDepth,
    maxAttributes: settings.maxAttributes,
    maxNamespaces: settings.maxNamespaces,
    allowFragment: settings.allowFragment,
    readDeclaration: settings.readDeclaration,
    allowInvalidCharacterReferences: settings.allowInvalidCharacterReferences,
    inputCharset: "utf-8",
  };
}
