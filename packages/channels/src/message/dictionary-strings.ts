import { ref, WS_ENCODING_XML_BINARY_1, type WS_XML_DICTIONARY, type WS_XML_STRING } from "@wwsapi/core";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { fromUtf8 } from "./xml-plumbing.js";

/**
 * The names of the envelope (Envelope, Header, Body, the SOAP and WS-Addressing namespaces, Action,
 * MessageID, mustUnderstand, …) as WS_XML_STRINGs of the [MC-NBFS] static dictionary
 * (WsGetDictionary(WS_ENCODING_XML_BINARY_1)), as WWSAPI's own strings are: a binary writer whose
 * staticDictionary is that dictionary writes them as dictionary ids (`56 02` for `<s:Envelope`, as
 * WCF writes it), a text writer spells them out. A name the dictionary lacks is an ordinary string.
 */

let index: Map<string, WS_XML_STRING> | null = null;

function dictionaryIndex(): Map<string, WS_XML_STRING> {
  if (index !== null) return index;
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  xml.WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary, null);
  index = new Map();
  for (const string of dictionary.value!.strings) {
    const text = fromUtf8(string.bytes);
    if (!index.has(text)) index.set(text, string);
  }
  return index;
}

/** `bytes` as the static dictionary's string when it has it, else as a plain WS_XML_STRING. */
export function dictionaryName(bytes: Uint8Array): WS_XML_STRING {
  return dictionaryIndex().get(fromUtf8(bytes)) ?? ({ bytes, dictionary: null, id: 0 } as WS_XML_STRING);
}
