import { E_INVALIDARG, WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { readRecords } from "./read-records.js";
import type { DecodedRecord, NbfxRecord } from "./records.js";
import { SessionDictionary } from "./session-dictionary.js";
import { readStringTable, writeStringTable } from "./string-table.js";
import { writeRecords } from "./write-records.js";

/*
 * The examples of [MC-NBFS] section 3 (a SOAP document with static dictionary strings) and
 * [MC-NBFSE] section 3 (the same document with a StringTable), plus the StringTable rules of
 * [MC-NBFSE] 2.1.
 */

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));
const strip = (records: readonly DecodedRecord[]) => records.map(({ offset: _o, recordType: _t, ...r }) => r as NbfxRecord);

function wsError(fn: () => unknown, hr: number, ...fragments: string[]): WsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WsError);
    expect((error as WsError).hr).toBe(hr);
    for (const fragment of fragments) expect((error as WsError).message).toContain(fragment);
    return error as WsError;
  }
  throw new Error("expected a WsError");
}

/** <s:Envelope xmlns:a=... xmlns:s=...><s:Header><a:Action s:mustUnderstand="1">action</a:Action></s:Header><s:Body><Inventory>0</Inventory></s:Body></s:Envelope> */
const NBFS_EXAMPLE = hex(`
  56 02 0B 01 61 06 0B 01 73 04 56 08 44 0A 1E 00
  82 99 06 61 63 74 69 6F 6E 01 56 0E 40 09 49 6E
  76 65 6E 74 6F 72 79 81 01 01`);

describe("[MC-NBFS] section 3: a SOAP document using the static dictionary", () => {
  it("decodes to the records of the document's table, with the dictionary strings resolved", () => {
    const records = readRecords(NBFS_EXAMPLE);
    expect(strip(records)).toEqual([
      { kind: "element", prefix: "s", name: { dictionaryId: 0x02, text: "Envelope" } },
      { kind: "xmlns", prefix: "a", namespace: { dictionaryId: 0x06, text: "http://www.w3.org/2005/08/addressing" } },
      { kind: "xmlns", prefix: "s", namespace: { dictionaryId: 0x04, text: "http://www.w3.org/2003/05/soap-envelope" } },
      { kind: "element", prefix: "s", name: { dictionaryId: 0x08, text: "Header" } },
      { kind: "element", prefix: "a", name: { dictionaryId: 0x0a, text: "Action" } },
      { kind: "attribute", prefix: "s", name: { dictionaryId: 0x00, text: "mustUnderstand" }, value: { textType: "one" } },
      { kind: "text", textType: "chars8", value: "action", withEndElement: true },
      { kind: "endElement" },
      { kind: "element", prefix: "s", name: { dictionaryId: 0x0e, text: "Body" } },
      { kind: "element", prefix: "", name: "Inventory" },
      { kind: "text", textType: "zero", withEndElement: true },
      { kind: "endElement" },
      { kind: "endElement" },
    ]);
    // The record types of the table's second column.
    expect(records.map((r) => r.recordType)).toEqual([0x56, 0x0b, 0x0b, 0x56, 0x44, 0x1e, 0x99, 0x01, 0x56, 0x40, 0x81, 0x01, 0x01]);
    expect(records.map((r) => r.offset)).toEqual([0, 2, 6, 10, 12, 14, 17, 25, 26, 28, 39, 40, 41]);
  });

  it("re-encodes to the document's byte stream", () => {
    expect(writeRecords(readRecords(NBFS_EXAMPLE))).toEqual(NBFS_EXAMPLE);
  });
});

describe("[MC-NBFSE] section 3: the same document with a StringTable", () => {
  const TABLE = hex("11 06 61 63 74 69 6F 6E 09 49 6E 76 65 6E 74 6F 72 79");
  // The document of [MC-NBFS] 3 with "action" and "Inventory" replaced by ids 1 and 3.
  const DOCUMENT = hex("56 02 0B 01 61 06 0B 01 73 04 56 08 44 0A 1E 00 82 AB 01 01 56 0E 42 03 81 01 01");

  it("reads the table: size 0x11, 'action' gets id 1 and 'Inventory' id 3", () => {
    const session = new SessionDictionary();
    expect(readStringTable(TABLE, 0, { session })).toEqual({ strings: ["action", "Inventory"], end: TABLE.length });
    expect(session.get(1)).toBe("action");
    expect(session.get(3)).toBe("Inventory");
    expect(session.idOf("Inventory")).toBe(3);
    expect(session.get(2)).toBeUndefined();
    expect(session.get(5)).toBeUndefined();
  });

  it("writes the same table", () => {
    expect(writeStringTable(["action", "Inventory"])).toEqual(TABLE);
  });

  it("decodes AB 01 and 42 03 through the session and re-encodes them", () => {
    const session = new SessionDictionary();
    session.add(["action", "Inventory"]);
    const records = readRecords(DOCUMENT, { session });
    expect(strip(records)[6]).toEqual({
      kind: "text",
      textType: "dictionary",
      value: { dictionaryId: 1, text: "action" },
      withEndElement: true,
    });
    expect(strip(records)[9]).toEqual({ kind: "element", prefix: "", name: { dictionaryId: 3, text: "Inventory" } });
    expect(writeRecords(records)).toEqual(DOCUMENT);
  });

  it("refuses the odd ids without the table (WS_E_INVALID_FORMAT at the id's offset)", () => {
    wsError(() => readRecords(DOCUMENT), WS_E_INVALID_FORMAT, "session dictionary string id 1", "at byte 18");
    wsError(
      () => readRecords(DOCUMENT, { session: new SessionDictionary() }),
      WS_E_INVALID_FORMAT,
      "not in the session's string table",
      "at byte 18",
    );
  });
});

describe("StringTable ([MC-NBFSE] 2.1) and the session's ids", () => {
  it("refuses to write a string with an unpaired surrogate", () => {
    wsError(() => writeStringTable(["ok", "\ud800"]), E_INVALIDARG, "StringTable string 1");
  });

  it("an empty table is one zero byte", () => {
    expect(writeStringTable([])).toEqual(hex("00"));
    expect(readStringTable(hex("00 56"), 0)).toEqual({ strings: [], end: 1 });
  });

  it("numbers strings across tables: the first string of the second table continues the odd ids", () => {
    const session = new SessionDictionary();
    readStringTable(writeStringTable(["a", "b"]), 0, { session });
    const second = readStringTable(writeStringTable(["text"]), 0, { session });
    expect(second.strings).toEqual(["text"]);
    expect([session.idOf("a"), session.idOf("b"), session.idOf("text")]).toEqual([1, 3, 5]);
    expect(session.size).toBe(3);
    expect(session.nextId).toBe(7);
  });

  it("reads at an offset and reports where the document starts", () => {
    const bytes = hex("FF 04 01 61 01 62 56 02");
    expect(readStringTable(bytes, 1)).toEqual({ strings: ["a", "b"], end: 6 });
  });

  it("handles multi-byte sizes and UTF-8", () => {
    const long = "x".repeat(200);
    const table = writeStringTable([long, "é世"]);
    // Size 200 + 2 (length of the long string) + 1 + 5 = 208 = 0xD0 0x01.
    expect([...table.subarray(0, 4)]).toEqual([0xd0, 0x01, 0xc8, 0x01]);
    expect(readStringTable(table).strings).toEqual([long, "é世"]);
  });

  it("refuses a string repeated in one table or present in a prior table", () => {
    wsError(() => readStringTable(hex("04 01 61 01 61")), WS_E_INVALID_FORMAT, "appears twice", "at byte 3");
    const session = new SessionDictionary();
    readStringTable(hex("02 01 61"), 0, { session });
    wsError(() => readStringTable(hex("04 01 62 01 61"), 0, { session }), WS_E_INVALID_FORMAT, "prior StringTable", "at byte 3");
    // Nothing of the refused table was added.
    expect(session.idOf("b")).toBeUndefined();
    expect(() => session.add(["a"])).toThrow(WsError);
  });

  it("refuses strings that do not fit exactly within Size, and a Size past the end", () => {
    wsError(() => readStringTable(hex("03 01 61 05")), WS_E_INVALID_FORMAT, "runs past the table's end", "at byte 3");
    wsError(() => readStringTable(hex("03 01 61 81")), WS_E_INVALID_FORMAT, "truncated StringTable string length", "at byte 4");
    wsError(() => readStringTable(hex("09 01 61")), WS_E_INVALID_FORMAT, "StringTable declares 9 bytes past the end", "at byte 0");
    wsError(() => readStringTable(new Uint8Array(0)), WS_E_INVALID_FORMAT, "truncated StringTable size", "at byte 0");
    wsError(() => readStringTable(hex("02 01 FF")), WS_E_INVALID_FORMAT, "not well-formed UTF-8", "at byte 1");
  });

  it("applies the quotas [MC-NBFSE] section 4 asks for", () => {
    wsError(() => readStringTable(hex("04 01 61 01 62"), 0, { maxBytes: 3 }), WS_E_QUOTA_EXCEEDED, "exceeds maxBytes", "at byte 0");
    const session = new SessionDictionary({ maxStrings: 1 });
    wsError(() => readStringTable(hex("04 01 61 01 62"), 0, { session }), WS_E_QUOTA_EXCEEDED, "more than 1 strings");
    const small = new SessionDictionary({ maxBytes: 4 });
    small.add(["ab"]);
    expect(() => small.add(["c"])).toThrow(WsError);
  });
});
