import { describe, expect, it } from "vitest";
import {
  ARRAY_ITEM_TYPES,
  attributeRecordTypeFor,
  elementRecordTypeFor,
  RECORD_TYPES,
  RecordType,
  recordTypeInfo,
  TEXT_TYPES,
  xmlnsRecordTypeFor,
} from "./record-types.js";

describe("record types of [MC-NBFX] 2.1.1 (table 1)", () => {
  it("defines 0x01-0x77 and 0x80-0xBD except 0xA5 and 0xA7; the rest is reserved", () => {
    const defined = RECORD_TYPES.map((t) => t.type);
    const expected: number[] = [];
    for (let b = 0x01; b <= 0x77; b++) expected.push(b);
    for (let b = 0x80; b <= 0xbd; b++) if (b !== 0xa5 && b !== 0xa7) expected.push(b);
    expect(defined).toEqual(expected);
    for (const reserved of [0x00, 0x78, 0x7f, 0xa5, 0xa7, 0xbe, 0xff]) expect(recordTypeInfo(reserved)).toBeUndefined();
  });

  it("names the fixed records as the document does", () => {
    const names: Array<[number, string]> = [
      [0x01, "EndElement"],
      [0x02, "Comment"],
      [0x03, "Array"],
      [0x04, "ShortAttribute"],
      [0x05, "Attribute"],
      [0x06, "ShortDictionaryAttribute"],
      [0x07, "DictionaryAttribute"],
      [0x08, "ShortXmlnsAttribute"],
      [0x09, "XmlnsAttribute"],
      [0x0a, "ShortDictionaryXmlnsAttribute"],
      [0x0b, "DictionaryXmlnsAttribute"],
      [0x40, "ShortElement"],
      [0x41, "Element"],
      [0x42, "ShortDictionaryElement"],
      [0x43, "DictionaryElement"],
      [0x80, "ZeroText"],
      [0x81, "ZeroTextWithEndElement"],
      [0x98, "Chars8Text"],
      [0x99, "Chars8TextWithEndElement"],
      [0xa4, "StartListText"],
      [0xa6, "EndListText"],
      [0xb2, "UInt64Text"],
      [0xbb, "UnicodeChars32TextWithEndElement"],
      [0xbc, "QNameDictionaryText"],
      [0xbd, "QNameDictionaryTextWithEndElement"],
    ];
    for (const [type, name] of names) expect(recordTypeInfo(type)?.name).toBe(name);
  });

  it("maps the A-Z ranges to the letters a-z (2.2.1.5, 2.2.1.6, 2.2.2.9, 2.2.2.10)", () => {
    const ranges: Array<[number, string, string]> = [
      [RecordType.PrefixDictionaryAttributeA, "PrefixDictionaryAttribute", "attribute"],
      [RecordType.PrefixAttributeA, "PrefixAttribute", "attribute"],
      [RecordType.PrefixDictionaryElementA, "PrefixDictionaryElement", "element"],
      [RecordType.PrefixElementA, "PrefixElement", "element"],
    ];
    for (const [first, name, category] of ranges) {
      for (let i = 0; i < 26; i++) {
        const info = recordTypeInfo(first + i);
        const letter = String.fromCharCode(0x61 + i);
        expect(info?.name).toBe(name + letter.toUpperCase());
        expect(info?.shape).toMatchObject({ category, prefix: "letter", letter });
      }
    }
    expect(recordTypeInfo(0x11)?.name).toBe("PrefixDictionaryAttributeF");
    expect(recordTypeInfo(0x23)?.name).toBe("PrefixDictionaryAttributeX");
    expect(recordTypeInfo(0x30)?.name).toBe("PrefixAttributeK");
    expect(recordTypeInfo(0x56)?.name).toBe("PrefixDictionaryElementS");
    expect(recordTypeInfo(0x70)?.name).toBe("PrefixElementS");
  });

  it("gives each text record a WithEndElement variant at type+1, except the list records (2.2.3.31)", () => {
    expect(TEXT_TYPES).toHaveLength(31);
    for (const t of TEXT_TYPES) {
      expect(recordTypeInfo(t.recordType)?.shape).toEqual({ category: "text", textType: t.textType, withEndElement: false });
      const variant = recordTypeInfo(t.recordType + 1);
      if (t.hasWithEndElement) {
        expect(variant?.name).toBe(`${t.name}WithEndElement`);
        expect(variant?.shape).toEqual({ category: "text", textType: t.textType, withEndElement: true });
      } else {
        expect(variant).toBeUndefined();
      }
    }
  });

  it("lists the Array value types with their sizes (2.3.3)", () => {
    expect(ARRAY_ITEM_TYPES.map((a) => [a.recordType, a.size])).toEqual([
      [0xb5, 1],
      [0x8b, 2],
      [0x8d, 4],
      [0x8f, 8],
      [0x91, 4],
      [0x93, 8],
      [0x95, 16],
      [0x97, 8],
      [0xaf, 8],
      [0xb1, 16],
    ]);
  });
});

describe("record type choice for a prefix (what WCF writes)", () => {
  it("elements", () => {
    expect(elementRecordTypeFor("", "string")).toBe(0x40);
    expect(elementRecordTypeFor("pre", "string")).toBe(0x41);
    expect(elementRecordTypeFor("", "dictionary")).toBe(0x42);
    expect(elementRecordTypeFor("pre", "dictionary")).toBe(0x43);
    expect(elementRecordTypeFor("a", "dictionary")).toBe(0x44);
    expect(elementRecordTypeFor("s", "dictionary")).toBe(0x56);
    expect(elementRecordTypeFor("z", "dictionary")).toBe(0x5d);
    expect(elementRecordTypeFor("a", "string")).toBe(0x5e);
    expect(elementRecordTypeFor("z", "string")).toBe(0x77);
    // Only lower-case single letters have a range of their own.
    expect(elementRecordTypeFor("A", "string")).toBe(0x41);
  });

  it("attributes and namespace declarations", () => {
    expect(attributeRecordTypeFor("", "string")).toBe(0x04);
    expect(attributeRecordTypeFor("pre", "string")).toBe(0x05);
    expect(attributeRecordTypeFor("", "dictionary")).toBe(0x06);
    expect(attributeRecordTypeFor("pre", "dictionary")).toBe(0x07);
    expect(attributeRecordTypeFor("s", "dictionary")).toBe(0x1e);
    expect(attributeRecordTypeFor("k", "string")).toBe(0x30);
    expect(xmlnsRecordTypeFor("", "string")).toBe(0x08);
    expect(xmlnsRecordTypeFor("a", "string")).toBe(0x09);
    expect(xmlnsRecordTypeFor("", "dictionary")).toBe(0x0a);
    expect(xmlnsRecordTypeFor("s", "dictionary")).toBe(0x0b);
  });
});
