import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_ENCODING,
  WS_ENCODING_XML_BINARY_1,
  WS_ENCODING_XML_BINARY_SESSION_1,
  WS_ENCODING_XML_UTF8,
  type WS_XML_DICTIONARY,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { staticDictionaryEntries } from "../binary/static-dictionary.js";
import { WsGetDictionary, WsXmlStringEquals } from "../index.js";

const decoder = new TextDecoder();

function getDictionary(encoding: number): { hr: number; dictionary: WS_XML_DICTIONARY | null } {
  const dictionary = ref<WS_XML_DICTIONARY | null>("unset" as never);
  const hr = WsGetDictionary(encoding as never, dictionary);
  return { hr, dictionary: dictionary.value };
}

describe("WsGetDictionary", () => {
  it("gives the same static dictionary for both binary encodings, with the GUID and strings Windows has", () => {
    const binary = getDictionary(WS_ENCODING_XML_BINARY_1);
    const session = getDictionary(WS_ENCODING_XML_BINARY_SESSION_1);
    expect(binary.hr).toBe(S_OK);
    expect(session.hr).toBe(S_OK);
    expect(session.dictionary).toBe(binary.dictionary);
    const dictionary = binary.dictionary!;
    // {f93578f8-5852-4eb7-a6fc-e72bb71db622} in memory order.
    expect(Buffer.from(dictionary.guid).toString("hex")).toBe("f87835f95258b74ea6fce72bb71db622");
    expect(dictionary.isConst).toBe(true);
    // 488 strings on Windows 10: the 487 of [MC-NBFS], then one more.
    expect(dictionary.strings).toHaveLength(488);
    expect(decoder.decode(dictionary.strings[0]!.bytes)).toBe("mustUnderstand");
    expect(dictionary.strings.slice(0, 487).map((s) => decoder.decode(s.bytes))).toEqual(staticDictionaryEntries().map(([, text]) => text));
    expect(decoder.decode(dictionary.strings[487]!.bytes)).toBe("urn:oasis:names:tc:SAML:1.0:cm:bearer");
  });

  it("makes each string refer to the dictionary with its index as id, so equal strings compare by id", () => {
    const dictionary = getDictionary(WS_ENCODING_XML_BINARY_1).dictionary!;
    dictionary.strings.forEach((s, index) => {
      expect(s.dictionary).toBe(dictionary);
      expect(s.id).toBe(index);
    });
    expect(WsXmlStringEquals(dictionary.strings[1]!, { bytes: new TextEncoder().encode("Envelope"), dictionary: null, id: 0 })).toBe(S_OK);
  });

  it("is constant: neither the dictionary nor its strings can be changed", () => {
    const dictionary = getDictionary(WS_ENCODING_XML_BINARY_1).dictionary!;
    expect(Object.isFrozen(dictionary)).toBe(true);
    expect(Object.isFrozen(dictionary.strings)).toBe(true);
    expect(Object.isFrozen(dictionary.strings[5])).toBe(true);
  });

  it("gives null, with S_OK, for every other encoding (Windows: WS_ENCODING_XML_UTF8)", () => {
    for (const encoding of Object.values(WS_ENCODING)) {
      if (encoding === WS_ENCODING_XML_BINARY_1 || encoding === WS_ENCODING_XML_BINARY_SESSION_1) continue;
      expect(getDictionary(encoding)).toEqual({ hr: S_OK, dictionary: null });
    }
    expect(getDictionary(WS_ENCODING_XML_UTF8).dictionary).toBeNull();
  });

  it("refuses a null out parameter and an encoding that is not a WS_ENCODING with E_INVALIDARG", () => {
    expect(WsGetDictionary(WS_ENCODING_XML_UTF8, null)).toBe(E_INVALIDARG);
    expect(WsGetDictionary(WS_ENCODING_XML_BINARY_1, null)).toBe(E_INVALIDARG);
    expect(WsGetDictionary(99 as never, ref<WS_XML_DICTIONARY | null>(null))).toBe(E_INVALIDARG);
  });
});
