import type { WS_XML_DICTIONARY, WS_XML_STRING } from "@wwsapi/core";
import { staticDictionaryEntries } from "../binary/static-dictionary.js";

/**
 * The [MC-NBFS] static dictionary as the WS_XML_DICTIONARY WsGetDictionary returns for
 * WS_ENCODING_XML_BINARY_1 and WS_ENCODING_XML_BINARY_SESSION_1: one object for the life of the
 * process, frozen (isConst TRUE), whose string n stands for DictionaryString id 2n in a document
 * (dictionary-strings.ts).
 *
 * What Wine's conformance tests record of Windows: the guid is {f93578f8-5852-4eb7-a6fc-
 * e72bb71db622}; stringCount is 488 on Windows 10 and 487 before; strings[0] is "mustUnderstand".
 * The 487 of [MC-NBFS] (ids 0x00 to 0x3CC) are followed here by the one Windows 10 added, which
 * Wine's table gives as "urn:oasis:names:tc:SAML:1.0:cm:bearer" (id 0x3CE). Each string refers
 * back to the dictionary with its index as its id, so WsXmlStringEquals compares them by id.
 */

const WINDOWS_10_ADDITION = "urn:oasis:names:tc:SAML:1.0:cm:bearer";

/** The GUID in Windows memory order: Data1, Data2, Data3 little-endian, then Data4's 8 bytes. */
const GUID = Uint8Array.of(0xf8, 0x78, 0x35, 0xf9, 0x52, 0x58, 0xb7, 0x4e, 0xa6, 0xfc, 0xe7, 0x2b, 0xb7, 0x1d, 0xb6, 0x22);

function build(): WS_XML_DICTIONARY {
  const encoder = new TextEncoder();
  const texts = [...staticDictionaryEntries().map(([, text]) => text), WINDOWS_10_ADDITION];
  const strings: WS_XML_STRING[] = [];
  const dictionary: WS_XML_DICTIONARY = { guid: GUID, strings, isConst: true };
  texts.forEach((text, id) => {
    strings.push(Object.freeze({ bytes: encoder.encode(text), dictionary, id }));
  });
  Object.freeze(strings);
  return Object.freeze(dictionary);
}

export const STATIC_XML_DICTIONARY: WS_XML_DICTIONARY = build();
