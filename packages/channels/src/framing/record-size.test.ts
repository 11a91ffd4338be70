import { E_INVALIDARG } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { FramingError } from "./framing-error.js";
import { encodeRecordSize, RecordSizeDecoder, readRecordSize, recordSizeLength } from "./record-size.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

function thrown(fn: () => unknown): WsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WsError) return error;
    throw error;
  }
  throw new Error("expected a WsError");
}

describe("[MC-NMF] 2.2.2 record size encoding", () => {
  // Both ends of every row of the document's table, encoded as the row says: (Size & 0x7F) | 0x80
  // for every octet but the last, which is the remaining high bits.
  const table: [number, string][] = [
    [0x00, "00"],
    [0x7f, "7f"],
    [0x80, "8001"],
    [0x3fff, "ff7f"],
    [0x4000, "808001"],
    [0x1fffff, "ffff7f"],
    [0x200000, "80808001"],
    [0x0fffffff, "ffffff7f"],
    [0x10000000, "8080808001"],
    [0xffffffff, "ffffffff0f"],
  ];

  it.each(table)("encodes %i as %s and decodes it back", (size, encoded) => {
    expect(hex(encodeRecordSize(size))).toBe(encoded);
    expect(recordSizeLength(size)).toBe(encoded.length / 2);
    const bytes = Buffer.from(encoded, "hex");
    expect(readRecordSize(bytes, 0)).toEqual({ value: size, next: bytes.length });
  });

  it("encodes the sizes seen in the captures the way WCF wrote them", () => {
    // nettcp-add: 06 DA 01 (218); nettcp-bytes: 06 E6 11 (2278) and 06 9C 11 (2204); the Via: 02 22 (34).
    expect(hex(encodeRecordSize(218))).toBe("da01");
    expect(hex(encodeRecordSize(2278))).toBe("e611");
    expect(hex(encodeRecordSize(2204))).toBe("9c11");
    expect(hex(encodeRecordSize(34))).toBe("22");
  });

  it("decodes incrementally, one octet at a time, and is ready for the next size after one completes", () => {
    const decoder = new RecordSizeDecoder();
    expect(decoder.push(0xda, 10, "size")).toBeUndefined();
    expect(decoder.octetsRead).toBe(1);
    expect(decoder.push(0x01, 11, "size")).toBe(218);
    expect(decoder.octetsRead).toBe(0);
    expect(decoder.push(0x05, 12, "size")).toBe(5);
  });

  it("accepts a longer than necessary form", () => {
    expect(readRecordSize(Buffer.from("8000", "hex"), 0)).toEqual({ value: 0, next: 2 });
    expect(readRecordSize(Buffer.from("8180808000", "hex"), 0)).toEqual({ value: 1, next: 5 });
  });

  it("allows the fifth octet 0x00 to 0x0F only", () => {
    expect(readRecordSize(Buffer.from("808080800f", "hex"), 0).value).toBe(0xf0000000);
    const beyond = thrown(() => readRecordSize(Buffer.from("8080808010", "hex"), 0, "Via Record size"));
    expect(beyond).toBeInstanceOf(FramingError);
    expect([beyond.code, (beyond as FramingError).kind, (beyond as FramingError).offset, beyond.message]).toEqual([
      "WS_E_INVALID_FORMAT",
      "malformed-size",
      4,
      "net.tcp framing: the Via Record size is larger than 0xFFFFFFFF (fifth octet 0x10, at most 0x0F) at byte 4",
    ]);
  });

  it("refuses a sixth octet at the fifth, without reading further", () => {
    // 80 80 80 80 80 01 would be a six-octet size: the fifth octet's high bit announces the sixth.
    const decoder = new RecordSizeDecoder();
    for (let i = 0; i < 4; i++) expect(decoder.push(0x80, 100 + i, "size")).toBeUndefined();
    const error = thrown(() => decoder.push(0x80, 104, "Sized Envelope Record size"));
    expect([error.code, (error as FramingError).kind, error.message]).toEqual([
      "WS_E_INVALID_FORMAT",
      "malformed-size",
      "net.tcp framing: the Sized Envelope Record size is longer than 5 octets (the fifth has its high bit set) at byte 104",
    ]);
  });

  it("reports a size cut short", () => {
    const error = thrown(() => readRecordSize(Buffer.from("0080", "hex"), 1));
    expect([error.code, (error as FramingError).kind, error.message]).toEqual([
      "WS_E_INVALID_FORMAT",
      "truncated",
      "net.tcp framing: the record size is cut short after 1 octet(s) at byte 2",
    ]);
  });

  it.each([-1, 0x100000000, 1.5, Number.NaN])("refuses to encode %s", (size) => {
    const error = thrown(() => encodeRecordSize(size));
    expect(error.hr).toBe(E_INVALIDARG);
    expect(error.message).toBe(`net.tcp framing writer: a record size must be an integer from 0 to 0xFFFFFFFF, not ${size}`);
  });
});
