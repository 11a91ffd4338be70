import { E_INVALIDARG, ref, type WS_DYNAMIC_STRING_CALLBACK, type WS_XML_DICTIONARY, type WS_XML_STRING } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { NameString } from "../binary/records.js";
import { encodeUtf8 } from "../binary/text-encoding.js";
import { xmlString } from "../text-reader/xml-nodes.js";

/**
 * How a binary writer writes a name, a namespace or a dictionary text: as a DictionaryString
 * ([MC-NBFX] 2.1.4) or spelled out. The rules of WS_XML_WRITER_BINARY_ENCODING:
 *
 * - staticDictionary: "WS_XML_STRINGs that are written that reference this dictionary, will be
 *   written in the binary xml document using an id rather than the string itself." A string
 *   references it when its `dictionary` is that very object; string `id` n is written as 2n, the
 *   even ids of [MC-NBFS] (Windows: string 235 of WsGetDictionary's dictionary is written 0xD6 0x03,
 *   and the id is the string's own, whatever the dictionary's entry says — the Wine conformance
 *   tests). An id outside the dictionary is not a reference to it: the string is written as text.
 * - dynamicStringCallback: "invoke[d] when a WS_XML_STRING that is not found in the
 *   staticDictionary is written for the first time. The callback provides the mapping to an id
 *   which the writer will then use." Its id n is written as 2n+1, the odd ids of [MC-NBFSE]
 *   (Windows: id 1 is written 0x03, id 2 0x05). The string's text is what is looked up: a string
 *   with the same bytes as one of the static dictionary but not referring to it goes to the
 *   callback (Windows calls it for such a "t"). The answer is kept for the rest of the document,
 *   "found" or not, so the callback sees each string once per WsSetOutput.
 * - A callback that fails, or says not found, leaves the string spelled out and the write
 *   succeeds (Windows: a callback returning WS_E_OTHER, and S_OK with the string written inline).
 *
 * The empty string is never looked up: it is the shortest string there is, and the callback of the
 * Wine tests reads its first byte, which Windows therefore does not pass it empty. Prefixes are not
 * names here: binary XML always spells them out.
 */
export class DictionaryNames {
  /** The callback's answers: the DictionaryString id, or null for "write it out". */
  private readonly dynamic = new Map<string, number | null>();

  constructor(
    private readonly staticDictionary: WS_XML_DICTIONARY | null,
    private readonly callback: WS_DYNAMIC_STRING_CALLBACK | null,
    private readonly callbackState: unknown,
  ) {}

  /** The DictionaryString id of `string` in the static dictionary (2n), or undefined when it does not reference it. */
  staticId(string: WS_XML_STRING | undefined): number | undefined {
    const dictionary = this.staticDictionary;
    if (string === undefined || dictionary === null || string.dictionary !== dictionary) return undefined;
    const index = string.id;
    if (!Number.isInteger(index) || index < 0 || index >= dictionary.strings.length || index > MAX_INDEX) return undefined;
    return index * 2;
  }

  /**
   * How to write `text`, given as `string` when the caller gave a WS_XML_STRING; `fn` names the
   * function writing it in errors. With `ask` false the callback is not called (a property query
   * must not call out): only what it already answered counts. A callback that throws fails the
   * write with what it threw (C has no such case; a thrown error is not taken for "not found").
   */
  resolve(fn: string, text: string, string: WS_XML_STRING | undefined, ask = true): NameString {
    const fixed = this.staticId(string);
    if (fixed !== undefined) return { dictionaryId: fixed, text };
    if (this.callback === null || text === "") return text;
    let id = this.dynamic.get(text);
    if (id === undefined) {
      if (!ask) return text;
      id = this.ask(fn, this.callback, text, string);
      this.dynamic.set(text, id);
    }
    return id === null ? text : { dictionaryId: id, text };
  }

  private ask(fn: string, callback: WS_DYNAMIC_STRING_CALLBACK, text: string, string: WS_XML_STRING | undefined): number | null {
    const found = ref<boolean>(false);
    const id = ref<number>(0);
    const hr: unknown = callback(this.callbackState, string ?? xmlString(encodeUtf8(text)), found, id, null);
    // A failure, or an answer that is not an HRESULT, leaves the string written out.
    if (typeof hr !== "number" || hr < 0) return null;
    const isFound = found.value as unknown;
    if (isFound !== true && !(typeof isFound === "number" && isFound !== 0)) return null;
    const index = id.value as unknown;
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
      throw new WsError(
        E_INVALIDARG,
        `${fn}: the dynamicStringCallback found "${text}" with id ${describeValue(index)}, which is not an integer from 0 to ${MAX_INDEX} (the id 2n+1 must fit a DictionaryString).`,
      );
    }
    return index * 2 + 1;
  }
}

/** The largest n whose 2n+1 is a DictionaryString ([MC-NBFX] 2.1.4: a MultiByteInt31). */
const MAX_INDEX = 0x3fffffff;
