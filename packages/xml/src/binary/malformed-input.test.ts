import { readFileSync } from "node:fs";
import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { type ReadRecordsOptions, readRecords } from "./read-records.js";
import { SessionDictionary } from "./session-dictionary.js";

/*
 * Input that breaks a MUST of [MC-NBFX]/[MC-NBFS]/[MC-NBFSE] is refused with WS_E_INVALID_FORMAT,
 * input past a limit the caller set with WS_E_QUOTA_EXCEEDED, and the message says what was wrong
 * and at which byte. Lengths are checked against the bytes present before anything is allocated
 * for them ([MC-NBFX] section 4).
 */

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));

/** Reads `bytes` expecting a WsError with `hr` whose message holds every fragment; returns the message. */
function refused(bytes: string | Uint8Array, hr: number, fragments: string[], options: ReadRecordsOptions = {}): string {
  const input = typeof bytes === "string" ? hex(bytes) : bytes;
  try {
    readRecords(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(WsError);
    const wsError = error as WsError;
    expect(wsError.hr).toBe(hr);
    expect(wsError.message).toMatch(/^binary XML: /);
    for (const fragment of fragments) expect(wsError.message).toContain(fragment);
    return wsError.message;
  }
  throw new Error("expected a WsError");
}

const invalid = (bytes: string | Uint8Array, ...fragments: string[]) => refused(bytes, WS_E_INVALID_FORMAT, fragments);
const invalidRaw = (bytes: string, ...fragments: string[]) => refused(bytes, WS_E_INVALID_FORMAT, fragments, { dictionary: "none" });

describe("unknown record types (reserved in [MC-NBFX] 2.1.1)", () => {
  it("names the byte and where it is", () => {
    expect(invalid("40 03 64 6F 63 A5 01", "at byte 5")).toBe("binary XML: unknown record type 0xA5 at byte 5");
    invalid("00", "unknown record type 0x00 at byte 0");
    invalid("40 01 65 78 01", "unknown record type 0x78 at byte 3");
    invalid("40 01 65 7F 01", "unknown record type 0x7F at byte 3");
    invalid("40 01 65 A7 01", "unknown record type 0xA7 at byte 3");
    invalid("40 01 65 BE 01", "unknown record type 0xBE at byte 3");
    invalid("40 01 65 FF 01", "unknown record type 0xFF at byte 3");
  });

  it("also where an attribute value or an array's value type should be", () => {
    invalid(
      "40 01 65 04 01 61 FF 01",
      "unknown record type 0xFF where the value of the ShortAttribute record at byte 3 should be at byte 6",
    );
    invalid("03 40 01 65 01 8C 01 00 00 00 00", "record type 0x8C is not one an Array record may hold at byte 5");
  });
});

describe("truncated records", () => {
  it("a fixed-size value cut short", () => {
    invalid("40 01 65 8C 15 CD", "truncated Int32Text record at byte 3 (needs 4 bytes at byte 4, 2 remain)");
    invalid("40 01 65 8F 00 00 00", "truncated Int64TextWithEndElement record at byte 3");
    invalid("40 01 65 AD 00 11 22", "truncated UniqueIdTextWithEndElement record at byte 3");
    invalid("40 01 65 95 00 00", "truncated DecimalTextWithEndElement record at byte 3");
    invalid("40 01 65 B4", "truncated BoolText record at byte 3");
    invalid("40 01 65 BC", "truncated QNameDictionaryText record at byte 3");
    invalid("40 01 65 9B 05", "truncated Chars16TextWithEndElement record at byte 3");
  });

  it("a record whose String or DictionaryString is missing", () => {
    invalid("40", "truncated name length at byte 1");
    invalid("41 03 70 72 65", "truncated name length at byte 5");
    invalid("42", "truncated dictionary string id at byte 1");
    invalid("40 01 65 04 01 61", "truncated ShortAttribute record at byte 3 (its value is missing at byte 6)");
    invalid("02", "truncated text length at byte 1");
  });

  it("an Array record cut anywhere", () => {
    invalid("03", "truncated Array record at byte 0 (its element record is missing)");
    invalid("03 40 01 65", "truncated Array record at byte 0 (its EndElement record is missing)");
    invalid("03 40 01 65 01", "truncated Array record at byte 0 (its value record type is missing)");
    invalid("03 40 01 65 01 8D", "truncated Array length at byte 6");
    invalid("03 40 01 65 01 8D 02 01 00 00 00", "Array record declares 8 bytes past the end of the input at byte 0");
  });

  it("a document that ends with elements open (unless the caller reads a fragment)", () => {
    invalid("40 01 65", "document ends with 1 element(s) still open at byte 3");
    invalid("40 01 65 40 01 66 01", "document ends with 1 element(s) still open at byte 7");
    expect(readRecords(hex("40 01 65"), { allowOpenElements: true })).toHaveLength(1);
  });

  it("every proper prefix of a real WCF message is refused as WS_E_INVALID_FORMAT, nothing else", () => {
    const raw = new Uint8Array(readFileSync(new URL("../../../../../shared/golden/mono-wcf/httpbinary-add-1.c2s.bin", import.meta.url)));
    const body = raw.subarray(Buffer.from(raw).indexOf("\r\n\r\n") + 4);
    expect(readRecords(body)).toHaveLength(27);
    for (let length = 1; length < body.length; length++) {
      refused(body.subarray(0, length), WS_E_INVALID_FORMAT, ["binary XML: "]);
    }
  });
});

describe("a length prefix past the end is refused before anything is allocated", () => {
  it("String lengths", () => {
    invalid(
      "40 09 61 62",
      "ShortElement record declares 9 bytes past the end of the input at byte 0 (2 remain after its length at byte 2)",
    );
    invalid("02 FF FF FF FF 07", "Comment record declares 2147483647 bytes past the end of the input at byte 0");
  });

  it("Chars, Bytes and UnicodeChars lengths of every width", () => {
    invalid(
      "40 01 65 98 05 68 65",
      "Chars8Text record declares 5 bytes past the end of the input at byte 3 (2 remain after its length at byte 5)",
    );
    invalid("40 01 65 9A FF FF 68", "Chars16Text record declares 65535 bytes past the end");
    invalid("40 01 65 9C FF FF FF 7F 68", "Chars32Text record declares 2147483647 bytes past the end of the input at byte 3");
    invalid("40 01 65 9E 10 00", "Bytes8Text record declares 16 bytes");
    invalid("40 01 65 A3 00 00 00 10", "Bytes32TextWithEndElement record declares 268435456 bytes");
    invalid("40 01 65 BA 00 01 00 00", "UnicodeChars32Text record declares 256 bytes");
  });

  it("a negative 32-bit length", () => {
    invalid("40 01 65 A2 FF FF FF FF", "Bytes32Text record at byte 3 has a negative length -1 at byte 4");
    invalid("40 01 65 9C 00 00 00 80", "Chars32Text record at byte 3 has a negative length -2147483648 at byte 4");
  });

  it("an Array whose values would need more bytes than remain, however many it claims", () => {
    invalid("03 40 01 65 01 95 FF FF FF FF 07 00", "Array record declares 34359738352 bytes past the end of the input at byte 0");
  });
});

describe("MultiByteInt31 inside records", () => {
  it("a 6-byte MultiByteInt31", () => {
    invalid("40 80 80 80 80 81 01 61", "name length continues into a sixth byte at byte 5");
    invalid("42 80 80 80 80 80 01", "dictionary string id continues into a sixth byte at byte 5");
  });

  it("a 5-byte MultiByteInt31 past 2^31-1", () => {
    invalid("42 FF FF FF FF 0F", "dictionary string id is larger than 2^31-1 at byte 5");
  });
});

describe("dictionary strings ([MC-NBFS] 2.1, [MC-NBFSE] 2.2)", () => {
  it("an odd (session) id with no session string table", () => {
    invalid("42 03 01", "session dictionary string id 3 with no session string table at byte 1");
    invalid("40 01 65 0B 01 70 07 01", "session dictionary string id 7 with no session string table at byte 6");
    invalid("40 01 65 AB 81 01", "session dictionary string id 129 with no session string table at byte 4");
  });

  it("an odd id the session does not have", () => {
    const session = new SessionDictionary();
    session.add(["a"]);
    expect(readRecords(hex("42 01 01"), { session })[0]).toMatchObject({ name: { dictionaryId: 1, text: "a" } });
    refused("42 03 01", WS_E_INVALID_FORMAT, ["session dictionary string id 3 is not in the session's string table at byte 1"], {
      session,
    });
  });

  it("an even id past the static dictionary (reserved)", () => {
    invalid("42 CE 07 01", "dictionary string id 974 (0x3CE) is not in the [MC-NBFS] static dictionary at byte 1");
  });

  it("is not checked when the caller reads plain [MC-NBFX] (ids kept as they are)", () => {
    expect(readRecords(hex("42 CE 07 01"), { dictionary: "none" })[0]).toMatchObject({ name: { dictionaryId: 974 } });
    expect(readRecords(hex("42 03 01"), { dictionary: "none" })[0]).toMatchObject({ name: { dictionaryId: 3 } });
  });
});

describe("structure ([MC-NBFX] 2.2.2, 2.2.3.19, 2.2.3.31, 2.3.1)", () => {
  it("an attribute that does not follow an element or attribute", () => {
    invalid("04 01 61 86", "ShortAttribute record that does not follow an element or attribute record at byte 0");
    invalid("40 01 65 98 01 61 04 01 61 86 01", "ShortAttribute record that does not follow an element or attribute record at byte 6");
    invalid("40 01 65 01 08 00", "ShortXmlnsAttribute record that does not follow an element or attribute record at byte 4");
  });

  it("an end element with no open element", () => {
    invalid("01", "EndElement record with no open element to close at byte 0");
    invalid("81", "ZeroTextWithEndElement record with no open element to close at byte 0");
    invalid("40 01 65 01 01", "EndElement record with no open element to close at byte 4");
  });

  it("a value that is not a single text record, or uses *TextWithEndElement", () => {
    invalid(
      "40 01 65 04 01 61 40 01 66 01 01",
      "ShortElement record where the value of the ShortAttribute record at byte 3 should be at byte 6",
    );
    invalid("40 01 65 04 01 61 87 01", "TrueTextWithEndElement record in the value of the ShortAttribute record at byte 3 at byte 6");
  });

  it("lists that are unbalanced, nested or hold other records", () => {
    invalid("40 01 65 A6 01", "EndListText without a StartListText at byte 3");
    invalid("40 01 65 A4 A4 A6 A6 01", "StartListText inside the list opened at byte 3 at byte 4");
    invalid("40 01 65 A4 86", "list opened at byte 3 is not closed by an EndListText at byte 5");
    invalid("40 01 65 A4 40 01 66 01 A6 01", "ShortElement record inside the list opened at byte 3 at byte 4");
    invalid("40 01 65 04 01 61 A6 01", "EndListText without a StartListText at byte 6");
    invalid("40 01 65 A4 87 A6", "TrueTextWithEndElement record inside the list opened at byte 3 at byte 4");
    invalid("40 01 65 04 01 61 A4 A4 A6 A6 01", "StartListText inside a list at byte 7");
    invalid("40 01 65 04 01 61 A4 86 87 A6 01", "TrueTextWithEndElement record in the value");
  });

  it("names and prefixes that are empty or 'xmlns'", () => {
    invalid("40 00 01", "ShortElement record with an empty name at byte 1");
    invalid("40 05 78 6D 6C 6E 73 01", 'ShortElement record with the name "xmlns" at byte 1');
    invalid("41 05 78 6D 6C 6E 73 01 65 01", 'Element record with the prefix "xmlns" at byte 1');
    invalid("41 00 01 65 01", "Element record with an empty prefix at byte 1");
    invalid("40 01 65 05 00 01 61 86 01", "Attribute record with an empty prefix at byte 4");
    invalid("40 01 65 09 05 78 6D 6C 6E 73 00 01", 'XmlnsAttribute record with the prefix "xmlns" at byte 4');
    // Through the static dictionary: 0x256 is "xmlns" and 0xA2 the empty string.
    invalid("42 D6 04 01", 'ShortDictionaryElement record with the name "xmlns" at byte 1');
    invalid("42 A2 01 01", "ShortDictionaryElement record with an empty name at byte 1");
  });

  it("Array records that break 2.3.3", () => {
    invalid("03 98 01 61", "Array record at byte 0 does not start with an element record at byte 1 (found 0x98)");
    invalid("03 40 01 65 8D 01 01 00 00 00", "Array record at byte 0 needs an EndElement record after its element at byte 4 (found 0x8D)");
    invalid("03 40 01 65 01 8D 00", "Array record with a length of 0 at byte 6");
    invalid("03 40 01 65 01 B5 02 01 02", "Array record at byte 0 has Boolean value 2 at byte 8");
  });
});

describe("values that break their record's definition", () => {
  it("BoolText other than 0 or 1 (2.2.3.26)", () => {
    invalid("40 01 65 B5 02", "BoolTextWithEndElement record at byte 3 has Boolean value 2 at byte 4");
  });

  it("DateTimeText with TZ 3 or past year 9999 (2.2.3.12)", () => {
    invalid("40 01 65 97 00 00 00 00 00 00 00 C0", "DateTimeTextWithEndElement record at byte 3 has TZ 3 at byte 4");
    invalid("40 01 65 97 00 40 37 F4 75 28 CA 2B", "past 9999-12-31T23:59:59.9999999 at byte 4");
  });

  it("DecimalText with a scale above 28 or a sign other than 0x00/0x80 ([MS-OAUT] 2.2.26)", () => {
    invalid("40 01 65 95 00 00 1D 00 00 00 00 00 00 00 00 00 00 00 00 00", "decimal scale 29 at byte 4");
    invalid("40 01 65 95 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00", "decimal sign 0x01 at byte 4");
  });

  it("QNameDictionaryText with a prefix past 25 (2.2.3.30)", () => {
    invalidRaw("40 01 65 BD 1A 02", "QNameDictionaryTextWithEndElement record at byte 3 has prefix 26 at byte 4");
  });

  it("malformed UTF-8 and UTF-16 (2.2.3.13: sequences MUST be fully formed)", () => {
    invalid("40 01 65 99 02 C3 28", "Chars8TextWithEndElement record at byte 3 is not well-formed UTF-8 at byte 5");
    invalid("40 02 C3 01", "ShortElement record at byte 0 is not well-formed UTF-8 at byte 2");
    invalid("40 01 65 B7 03 61 00 62", "UnicodeChars8TextWithEndElement record at byte 3 is not well-formed UTF-16 at byte 5");
    invalid("40 01 65 B7 02 00 DC", "is not well-formed UTF-16 at byte 5");
  });
});

describe("quotas (WS_E_QUOTA_EXCEEDED)", () => {
  it("maxBytes", () => {
    refused("40 01 65 01", WS_E_QUOTA_EXCEEDED, ["document of 4 bytes exceeds maxBytes at byte 3 (maxBytes is 3)"], { maxBytes: 3 });
    expect(readRecords(hex("40 01 65 01"), { maxBytes: 4 })).toHaveLength(2);
  });

  it("maxArrayItems, checked before the values are read", () => {
    refused("03 40 01 65 01 B5 03 01 00 01", WS_E_QUOTA_EXCEEDED, ["Array record of 3 values exceeds maxArrayItems at byte 6"], {
      maxArrayItems: 2,
    });
    expect(readRecords(hex("03 40 01 65 01 B5 03 01 00 01"), { maxArrayItems: 3 })).toHaveLength(1);
  });

  it("maxDepth, 32 by default", () => {
    const nested = (depth: number) =>
      new Uint8Array([...Array.from({ length: depth }, () => [0x40, 0x01, 0x65]).flat(), ...new Array(depth).fill(1)]);
    expect(readRecords(nested(32))).toHaveLength(64);
    refused(nested(33), WS_E_QUOTA_EXCEEDED, ["element nested deeper than maxDepth at byte 96 (maxDepth is 32)"]);
    refused(nested(3), WS_E_QUOTA_EXCEEDED, ["at byte 6 (maxDepth is 2)"], { maxDepth: 2 });
    // An Array's element counts one level down too.
    refused("40 01 65 03 40 01 66 01 B5 01 01 01", WS_E_QUOTA_EXCEEDED, ["maxDepth at byte 4"], { maxDepth: 1 });
  });
});

describe("random corruption of a real message", () => {
  it("fails only with WsError (never a RangeError or TypeError) or decodes to records that encode back", async () => {
    const { writeRecords } = await import("./write-records.js");
    const raw = new Uint8Array(readFileSync(new URL("../../../../../shared/golden/mono-wcf/httpbinary-echo-1.c2s.bin", import.meta.url)));
    const body = raw.subarray(Buffer.from(raw).indexOf("\r\n\r\n") + 4);
    // A fixed xorshift generator: the same 3000 corruptions on every run.
    let state = 0x9e3779b9;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    let decoded = 0;
    for (let i = 0; i < 3000; i++) {
      const bytes = body.slice();
      const changes = 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        const records = readRecords(bytes);
        decoded++;
        expect(writeRecords(records)).toEqual(bytes);
      } catch (error) {
        if (!(error instanceof WsError)) throw error;
        expect([WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED]).toContain(error.hr);
      }
    }
    // Some corruptions land in text and still decode; the test above checked those round-trip.
    expect(decoded).toBeGreaterThan(0);
  });
});
