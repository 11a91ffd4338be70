import type { WS_XML_READER_BINARY_ENCODING } from "@wwsapi/core";
import type { NodeSource } from "../reader/node-source.js";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { BinaryNodeSource } from "./binary-node-source.js";
import { checkDictionary } from "./dictionary-strings.js";

/**
 * The node source for WsSetInput with WS_XML_READER_BINARY_ENCODING over `data`. The dictionaries
 * are checked here, so that a wrong argument fails WsSetInput with E_INVALIDARG; nothing of the
 * input is read until the first WsReadNode, as with WWSAPI (a bad record fails the read that
 * reaches it). With no input at all the reader goes from BOF to EOF, as the text reader does.
 */
export function openBinary(
  encoding: WS_XML_READER_BINARY_ENCODING,
  data: Uint8Array,
  settings: ReaderSettings,
  noInput: boolean,
): NodeSource {
  return new BinaryNodeSource(data, {
    maxDepth: settings.maxDepth,
    maxAttributes: settings.maxAttributes,
    maxNamespaces: settings.maxNamespaces,
    allowFragment: settings.allowFragment || noInput,
    staticDictionary: checkDictionary("WsSetInput", "staticDictionary", encoding.staticDictionary),
    dynamicDictionary: checkDictionary("WsSetInput", "dynamicDictionary", encoding.dynamicDictionary),
  });
}
