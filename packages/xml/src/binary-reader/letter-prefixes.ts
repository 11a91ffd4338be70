import type { WS_XML_STRING } from "@wwsapi/core";
import { prefixLetter } from "../binary/record-types.js";
import { xmlString } from "../text-reader/xml-nodes.js";

/**
 * The prefixes "a" to "z" that the PrefixElement/PrefixAttribute record ranges and
 * QNameDictionaryText carry in their record type or as an index ([MC-NBFX] 2.2.1.5, 2.2.3.30): one
 * shared WS_XML_STRING each, made once.
 */
const LETTERS: readonly WS_XML_STRING[] = Array.from({ length: 26 }, (_, index) =>
  Object.freeze(xmlString(new TextEncoder().encode(prefixLetter(index)))),
);

/** The prefix string of letter `index` (0 is "a"); the caller has checked 0 <= index <= 25. */
export function letterPrefix(index: number): WS_XML_STRING {
  return LETTERS[index]!;
}
