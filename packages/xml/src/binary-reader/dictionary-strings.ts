import { E_INVALIDARG, type WS_XML_DICTIONARY, type WS_XML_STRING } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { invalidFormat } from "../binary/binary-errors.js";

/**
 * The strings a DictionaryString id ([MC-NBFX] 2.1.4) stands for, given the two dictionaries of
 * WS_XML_READER_BINARY_ENCODING. An even id 2n is string n of the staticDictionary, an odd id 2n+1
 * string n of the dynamicDictionary: the layout of [MC-NBFS] (even ids, the static dictionary) and
 * [MC-NBFSE] (odd ids, the session's strings), and what WWSAPI does with a caller's dictionary — a
 * ShortDictionaryElement with id 4 names strings[2] of the staticDictionary (Wine's conformance
 * tests record this on Windows).
 *
 * The string handed out is the dictionary's own WS_XML_STRING, with its `dictionary` and `id` as
 * the caller set them (WWSAPI returns the same pointer), so WsXmlStringEquals compares it by id.
 */
export class DictionaryStrings {
  constructor(
    private readonly staticDictionary: WS_XML_DICTIONARY | null,
    private readonly dynamicDictionary: WS_XML_DICTIONARY | null,
  ) {}

  /** The string of DictionaryString `id`, read at byte `at`. */
  resolve(id: number, at: number): WS_XML_STRING {
    const isStatic = id % 2 === 0;
    const dictionary = isStatic ? this.staticDictionary : this.dynamicDictionary;
    const which = isStatic ? "staticDictionary" : "dynamicDictionary";
    if (dictionary === null) {
      throw invalidFormat(
        `dictionary string id ${id} refers to the ${which}, but WS_XML_READER_BINARY_ENCODING gives none`,
        at,
        isStatic ? "even ids are static strings" : "odd ids are dynamic strings",
      );
    }
    const index = isStatic ? id / 2 : (id - 1) / 2;
    const string = dictionary.strings[index];
    if (string === undefined) {
      throw invalidFormat(
        `dictionary string id ${id} is not in the ${which}`,
        at,
        `it would be string ${index}; the dictionary has ${dictionary.strings.length}`,
      );
    }
    if (string === null || typeof string !== "object" || !(string.bytes instanceof Uint8Array)) {
      // The caller's dictionary, not the input, is at fault.
      throw new WsError(E_INVALIDARG, `the ${which}'s string ${index} is not a WS_XML_STRING (needed for id ${id} at byte ${at}).`);
    }
    return string;
  }
}

/** Checks a dictionary given to WsSetInput; undefined counts as null. */
export function checkDictionary(functionName: string, which: string, dictionary: unknown): WS_XML_DICTIONARY | null {
  if (dictionary === null || dictionary === undefined) return null;
  if (typeof dictionary !== "object" || !Array.isArray((dictionary as WS_XML_DICTIONARY).strings)) {
    throw new WsError(
      E_INVALIDARG,
      `${functionName}: the binary encoding's ${which} must be a WS_XML_DICTIONARY (with a strings array) or null.`,
    );
  }
  return dictionary as WS_XML_DICTIONARY;
}
