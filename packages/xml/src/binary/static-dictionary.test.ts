import { describe, expect, it } from "vitest";
import {
  STATIC_DICTIONARY_MAX_ID,
  STATIC_DICTIONARY_SIZE,
  staticDictionaryEntries,
  staticDictionaryId,
  staticDictionaryString,
} from "./static-dictionary.js";

describe("the [MC-NBFS] 2.1 static dictionary", () => {
  it("has 487 strings, ids 0x00 to 0x3CC, even only", () => {
    expect(STATIC_DICTIONARY_SIZE).toBe(487);
    expect(STATIC_DICTIONARY_MAX_ID).toBe(0x3cc);
    const entries = staticDictionaryEntries();
    expect(entries).toHaveLength(487);
    expect(entries.every(([id], i) => id === i * 2)).toBe(true);
  });

  // A sample of rows copied from the table of [MC-NBFS] 2.1: its start, the strings the golden
  // captures use, rows across the middle, and its end.
  const rows: Array<[number, string]> = [
    [0x00, "mustUnderstand"],
    [0x02, "Envelope"],
    [0x04, "http://www.w3.org/2003/05/soap-envelope"],
    [0x06, "http://www.w3.org/2005/08/addressing"],
    [0x08, "Header"],
    [0x0a, "Action"],
    [0x0c, "To"],
    [0x0e, "Body"],
    [0x10, "Algorithm"],
    [0x12, "RelatesTo"],
    [0x14, "http://www.w3.org/2005/08/addressing/anonymous"],
    [0x1a, "MessageID"],
    [0x2a, "Address"],
    [0x2c, "ReplyTo"],
    [0x48, "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"],
    [0x84, "s"],
    [0x88, "MustUnderstand"],
    [0x96, "Role"],
    [0xb6, "a"],
    [0xfe, "RenewNeeded"],
    [0x100, "BadContextToken"],
    [0x17a, "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKey"],
    [0x1f4, "http://schemas.xmlsoap.org/ws/2005/02/trust/PublicKey"],
    [0x200, "Attribute"],
    [0x256, "xmlns"],
    [0x2b0, "netrm"],
    [0x300, "http://schemas.xmlsoap.org/ws/2004/10/wsat/Completion"],
    [0x354, "http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics"],
    [0x372, "http://www.w3.org/2001/XMLSchema-instance"],
    [0x386, "int"],
    [0x3a2, "QName"],
    [0x3be, "normalizedString"],
    [0x3c0, "ConnectionLimitReached"],
    [0x3c2, "http://schemas.xmlsoap.org/soap/envelope/"],
    [0x3c4, "actor"],
    [0x3c6, "faultcode"],
    [0x3c8, "faultstring"],
    [0x3ca, "faultactor"],
    [0x3cc, "detail"],
  ];
  for (const [id, text] of rows) {
    it(`0x${id.toString(16).toUpperCase()} is ${JSON.stringify(text)}, both ways`, () => {
      expect(staticDictionaryString(id)).toBe(text);
      expect(staticDictionaryId(text)).toBe(id);
    });
  }

  it("0xA2 is the empty string (rendered as '-' in the Markdown edition of the document)", () => {
    expect(staticDictionaryString(0xa2)).toBe("");
    expect(staticDictionaryId("")).toBe(0xa2);
    expect(staticDictionaryId("-")).toBeUndefined();
  });

  it("has every string once, so the reverse lookup is a function", () => {
    const texts = staticDictionaryEntries().map(([, text]) => text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("is case-sensitive: 'mustUnderstand' (SOAP 1.2 attribute) and 'MustUnderstand' (fault code) differ", () => {
    expect(staticDictionaryId("mustUnderstand")).toBe(0x00);
    expect(staticDictionaryId("MustUnderstand")).toBe(0x88);
    expect(staticDictionaryId("MUSTUNDERSTAND")).toBeUndefined();
  });

  it("has nothing for odd ids (the session's), reserved ids past 0x3CC, or non-integers", () => {
    expect(staticDictionaryString(1)).toBeUndefined();
    expect(staticDictionaryString(0x3cb)).toBeUndefined();
    expect(staticDictionaryString(0x3ce)).toBeUndefined();
    expect(staticDictionaryString(-2)).toBeUndefined();
    expect(staticDictionaryString(2.5)).toBeUndefined();
    expect(staticDictionaryId("http://tempuri.org/")).toBeUndefined();
  });
});
