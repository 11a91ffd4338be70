import { E_INVALIDARG, type WS_DYNAMIC_STRING_CALLBACK, type WS_XML_WRITER_BINARY_ENCODING } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { checkDictionary } from "../binary-reader/dictionary-strings.js";
import { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { BinaryOutput } from "./binary-output.js";
import { BinarySink } from "./binary-sink.js";
import { DictionaryNames } from "./dictionary-names.js";

/**
 * The document WsSetOutput makes for WS_XML_WRITER_BINARY_ENCODING with buffer output: a
 * TextWriter (the rules of the document) whose node sink writes [MC-NBFX] records to a
 * BinaryOutput. A missing staticDictionary or dynamicStringCallback counts as NULL; anything else
 * that is not a dictionary or a function is E_INVALIDARG.
 *
 * Properties that shape text only have no effect here: binary XML has no declaration
 * (WS_XML_WRITER_PROPERTY_WRITE_DECLARATION), no formatting white space (INDENT) and no
 * empty-element form. Characters are checked as for text (a character XML 1.0 does not allow is
 * refused unless ALLOW_INVALID_CHARACTER_REFERENCES), so that the document reads back as text.
 */
export function openBinaryOutput(fn: string, encoding: WS_XML_WRITER_BINARY_ENCODING, settings: WriterSettings): TextWriter {
  const staticDictionary = checkDictionary(fn, "staticDictionary", encoding.staticDictionary);
  const callback: unknown = encoding.dynamicStringCallback;
  if (callback !== null && callback !== undefined && typeof callback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the binary encoding's dynamicStringCallback must be a WS_DYNAMIC_STRING_CALLBACK (a function) or null, not ${describeValue(callback)}.`,
    );
  }
  const names = new DictionaryNames(
    staticDictionary,
    (callback as WS_DYNAMIC_STRING_CALLBACK | undefined) ?? null,
    encoding.dynamicStringCallbackState,
  );
  const output = new BinaryOutput(settings.bufferMaxSize);
  return new TextWriter(output, settings, new BinarySink(output, names));
}
