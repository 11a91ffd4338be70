import { afterEach, describe, expect, it } from "vitest";
import { FramingFault, type FramingFaultValue } from "./fault-strings.js";
import { FramingError } from "./framing-error.js";
import { DEFAULT_MAX_ENVELOPE_SIZE, type FramingLimits, FramingReader } from "./read-records.js";
import type { DecodedFramingRecord } from "./records.js";
import { writeRecords } from "./write-records.js";

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex.replace(/\s+/g, ""), "hex"));
const ascii = (text: string) => Buffer.from(text, "latin1").toString("hex");
const PREAMBLE = "000100 0102"; // Version 1.0, Mode Duplex

interface Failure {
  readonly code: string;
  readonly kind: string;
  readonly offset: number;
  readonly fault: FramingFaultValue | undefined;
  readonly message: string;
}

/** Feeds `input` split every way from 1 to 7 octets and whole, then finish(); the failure must be the same every time. */
function failure(input: Uint8Array, limits: FramingLimits = {}): Failure {
  const results = [input.length, 1, 2, 3, 4, 5, 6, 7].map((chunkSize) => {
    const reader = new FramingReader(limits);
    try {
      for (let at = 0; at < input.length; at += chunkSize) reader.feed(input.subarray(at, at + chunkSize));
      reader.finish();
    } catch (error) {
      if (!(error instanceof FramingError)) throw error;
      return { code: error.code, kind: error.kind, offset: error.offset, fault: error.fault, message: error.message };
    }
    throw new Error(`no error with chunks of ${chunkSize}`);
  });
  for (const result of results) expect(result).toEqual(results[0]);
  return results[0]!;
}

function decode(input: Uint8Array, limits: FramingLimits = {}): DecodedFramingRecord[] {
  const reader = new FramingReader(limits);
  return [...reader.feed(input), ...reader.finish()];
}

describe("FramingReader: records", () => {
  it("decodes every record type", () => {
    const input = bytes(
      `${PREAMBLE} 02 05 ${ascii("a://b")} 04 08 ${ascii("text/xml")} 03 08 0c 0b
       06 03 010203 05 02 aabb 01 cc 00 08 04 ${ascii("f:/x")} 07 0a`,
    );
    expect(decode(input)).toEqual([
      { type: "version", major: 1, minor: 0, offset: 0 },
      { type: "mode", mode: 2, offset: 3 },
      { type: "via", via: "a://b", offset: 5 },
      { type: "extensible-encoding", contentType: "text/xml", offset: 12 },
      { type: "known-encoding", encoding: 8, offset: 22 },
      { type: "preamble-end", offset: 24 },
      { type: "preamble-ack", offset: 25 },
      { type: "sized-envelope", payload: bytes("010203"), offset: 26 },
      { type: "unsized-envelope", chunks: [bytes("aabb"), bytes("cc")], offset: 31 },
      { type: "fault", fault: "f:/x", offset: 38 },
      { type: "end", offset: 44 },
      { type: "upgrade-response", offset: 45 },
    ]);
  });

  it("decodes UTF-8 text", () => {
    const via = "net.tcp://höst/é世";
    expect(decode(writeRecords([{ type: "via", via }]))).toEqual([{ type: "via", via, offset: 0 }]);
  });

  it("returns nothing until a record is complete, and counts the offset", () => {
    const reader = new FramingReader();
    expect(reader.feed(bytes("06 03 01"))).toEqual([]);
    expect(reader.atRecordBoundary).toBe(false);
    expect(reader.offset).toBe(3);
    expect(reader.feed(bytes("02 03 07"))).toEqual([
      { type: "sized-envelope", payload: bytes("010203"), offset: 0 },
      { type: "end", offset: 5 },
    ]);
    expect(reader.atRecordBoundary).toBe(true);
    expect(reader.finish()).toEqual([]);
  });

  it("lets the caller pull one record at a time and keeps the rest of the chunk", () => {
    const reader = new FramingReader();
    reader.push(bytes("0c 0b 07"));
    expect(reader.next()).toEqual({ type: "preamble-end", offset: 0 });
    expect(reader.offset).toBe(1);
    expect(reader.next()).toEqual({ type: "preamble-ack", offset: 1 });
    expect(reader.finish()).toEqual([{ type: "end", offset: 2 }]);
  });

  it("owns the payloads it returns: later changes to the caller's buffer do not reach them", () => {
    const chunk = bytes("06 02 aabb");
    const [record] = new FramingReader().feed(chunk);
    chunk.fill(0);
    expect(record).toEqual({ type: "sized-envelope", payload: bytes("aabb"), offset: 0 });
  });

  it("accepts an envelope of exactly the maximum size, with the default of 65536", () => {
    const payload = new Uint8Array(DEFAULT_MAX_ENVELOPE_SIZE).fill(7);
    const [record] = decode(writeRecords([{ type: "sized-envelope", payload }]));
    expect(record).toEqual({ type: "sized-envelope", payload, offset: 0 });
  });

  it("accepts a Via of exactly 2048 octets", () => {
    const via = `net.tcp://h/${"v".repeat(2048 - 12)}`;
    expect(decode(writeRecords([{ type: "via", via }]))).toEqual([{ type: "via", via, offset: 0 }]);
  });

  it("stops after an Upgrade Request: what follows belongs to the upgrade until resume()", () => {
    const reader = new FramingReader();
    const tls = "16030100";
    expect(reader.feed(bytes(`${PREAMBLE} 09 13 ${ascii("application/ssl-tls")} ${tls}`))).toEqual([
      { type: "version", major: 1, minor: 0, offset: 0 },
      { type: "mode", mode: 2, offset: 3 },
      { type: "upgrade-request", protocol: "application/ssl-tls", offset: 5 },
    ]);
    expect(reader.detached).toBe("upgrade");
    expect(reader.feed(bytes("0c"))).toEqual([]);
    expect(reader.takeUnframed()).toEqual(bytes(`${tls} 0c`));
    reader.resume();
    expect(reader.detached).toBeUndefined();
    expect(reader.feed(bytes("0c"))).toEqual([{ type: "preamble-end", offset: 26 }]);
  });

  it("stops after an Upgrade Response the same way", () => {
    const reader = new FramingReader();
    expect(reader.feed(bytes("0a 16 03"))).toEqual([{ type: "upgrade-response", offset: 0 }]);
    expect(reader.detached).toBe("upgrade");
    expect(reader.finish()).toEqual([]);
    expect(reader.takeUnframed()).toEqual(bytes("16 03"));
  });

  it("hands over the unframed message after a Singleton Sized preamble", () => {
    const reader = new FramingReader();
    const records = reader.feed(bytes(`000100 0104 02 03 ${ascii("a:b")} 03 07 56 02 0b`));
    expect(records.map((r) => r.type)).toEqual(["version", "mode", "via", "known-encoding"]);
    expect(reader.detached).toBe("singleton-sized");
    expect(reader.takeUnframed()).toEqual(bytes("56 02 0b"));
    expect(() => reader.resume()).toThrow("net.tcp framing: resume() is only possible after an Upgrade Request or Upgrade Response Record");
  });

  it("refuses limits that are not octet counts", () => {
    expect(() => new FramingReader({ maxViaSize: -1 })).toThrow(
      "net.tcp framing: the limit maxViaSize must be an integer from 0 to 0xFFFFFFFF, not -1",
    );
    expect(() => new FramingReader({ maxEnvelopeSize: 1.5 })).toThrow("not 1.5");
  });
});

describe("FramingReader: malformed input", () => {
  it("refuses a major version other than 1", () => {
    expect(failure(bytes("00 02 00"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "unsupported-version",
      offset: 1,
      fault: FramingFault.UnsupportedVersion,
      message: "net.tcp framing: unsupported major version 2 in the Version Record (only 1.0 is defined) at byte 1",
    });
    expect(failure(bytes("00 00 00")).offset).toBe(1);
  });

  it("refuses a minor version other than 0", () => {
    expect(failure(bytes("00 01 01"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "unsupported-version",
      offset: 2,
      fault: FramingFault.UnsupportedVersion,
      message: "net.tcp framing: unsupported version 1.1 in the Version Record (only 1.0 is defined) at byte 2",
    });
  });

  it.each([
    ["00", "0x00"],
    ["05", "0x05"],
    ["ff", "0xFF"],
  ])("refuses the unknown mode %s", (mode, name) => {
    expect(failure(bytes(`${PREAMBLE.slice(0, 6)} 01 ${mode}`))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "unsupported-mode",
      offset: 4,
      fault: FramingFault.UnsupportedMode,
      message: `net.tcp framing: unknown mode ${name} in the Mode Record (0x01 to 0x04 are defined) at byte 4`,
    });
  });

  it.each(["0d", "7f", "ff"])("refuses the unknown record type %s", (type) => {
    expect(failure(bytes(`0c ${type}`))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "unknown-record-type",
      offset: 1,
      fault: FramingFault.InvalidRecordSequence,
      message: `net.tcp framing: unknown record type 0x${type.toUpperCase()} at byte 1`,
    });
  });

  it("says when the peer looks like an HTTP server", () => {
    expect(failure(bytes(ascii("HTTP/1.1 400"))).message).toBe(
      "net.tcp framing: unknown record type 0x48 ('H': the peer may be an HTTP server, not a net.tcp endpoint) at byte 0",
    );
  });

  it("refuses a reserved Known Encoding value", () => {
    expect(failure(bytes("03 09"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "content-type-invalid",
      offset: 1,
      fault: FramingFault.ContentTypeInvalid,
      message: "net.tcp framing: reserved encoding 0x09 in the Known Encoding Record (0x00 to 0x08 are defined) at byte 1",
    });
  });

  it("refuses a size prefix longer than 5 octets at its fifth octet", () => {
    expect(failure(bytes("0c 06 80 80 80 80 80 01"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "malformed-size",
      offset: 6,
      fault: FramingFault.InvalidRecordSequence,
      message: "net.tcp framing: the Sized Envelope Record size is longer than 5 octets (the fifth has its high bit set) at byte 6",
    });
  });

  it("refuses a size beyond 32 bits", () => {
    expect(failure(bytes("02 ff ff ff ff 1f"))).toMatchObject({ code: "WS_E_INVALID_FORMAT", kind: "malformed-size", offset: 5 });
  });

  it.each([
    ["Via Record", "02 00", 0],
    ["Extensible Encoding Record", "04 00", 0],
    ["Upgrade Request Record", "09 00", 0],
    ["Fault Record", "08 00", 0],
    ["Sized Envelope Record", "0c 06 00", 1],
  ])("refuses a %s of size 0", (name, hex, offset) => {
    expect(failure(bytes(hex))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "empty-record",
      offset,
      fault: FramingFault.InvalidRecordSequence,
      message: `net.tcp framing: the ${name} has a size of 0 at byte ${offset}`,
    });
  });

  it("refuses an Unsized Envelope Record without chunks", () => {
    expect(failure(bytes("05 00"))).toMatchObject({ kind: "empty-record", offset: 0, fault: FramingFault.InvalidRecordSequence });
  });

  it("refuses text that is not UTF-8", () => {
    expect(failure(bytes("0c 02 02 c3 28"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "invalid-utf8",
      offset: 1,
      fault: FramingFault.InvalidRecordSequence,
      message: "net.tcp framing: the Via Record is not valid UTF-8 at byte 1",
    });
  });

  describe("quotas, checked before anything is buffered", () => {
    const RealUint8Array = globalThis.Uint8Array;
    afterEach(() => {
      globalThis.Uint8Array = RealUint8Array;
    });

    /** Counts the octets of every Uint8Array made while `fn` runs. */
    function allocatedDuring(fn: () => void): number {
      let allocated = 0;
      globalThis.Uint8Array = new Proxy(RealUint8Array, {
        construct(target, args: unknown[]) {
          if (typeof args[0] === "number") allocated += args[0];
          return Reflect.construct(target, args);
        },
      });
      try {
        fn();
      } finally {
        globalThis.Uint8Array = RealUint8Array;
      }
      return allocated;
    }

    it("refuses a 2^31-octet envelope at the last octet of its size, allocating nothing", () => {
      const input = bytes("06 80 80 80 80 08");
      expect(failure(input)).toEqual({
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "message-too-large",
        offset: 0,
        fault: FramingFault.MaxMessageSizeExceededFault,
        message:
          "net.tcp framing: the Sized Envelope Record declares 2147483648 octets, more than the maximum buffered message size (65536) at byte 0",
      });
      const reader = new FramingReader();
      let thrownAt = -1;
      const allocated = allocatedDuring(() => {
        for (let i = 0; i < input.length && thrownAt < 0; i++) {
          try {
            reader.feed(input.subarray(i, i + 1));
          } catch {
            thrownAt = i;
          }
        }
      });
      expect(thrownAt).toBe(5);
      expect(allocated).toBe(0);
    });

    it("refuses a 6-octet size prefix allocating nothing", () => {
      const reader = new FramingReader();
      const allocated = allocatedDuring(() => {
        expect(() => reader.feed(bytes("06 ff ff ff ff ff 7f"))).toThrow(FramingError);
      });
      expect(allocated).toBe(0);
    });

    it("allocates exactly the declared size when it is within the limit", () => {
      const reader = new FramingReader();
      expect(allocatedDuring(() => reader.feed(bytes("06 ff 7f")))).toBe(0x3fff);
    });

    it("refuses an envelope one octet over a configured maximum", () => {
      expect(failure(bytes("06 81 08"), { maxEnvelopeSize: 1024 })).toMatchObject({
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "message-too-large",
        fault: FramingFault.MaxMessageSizeExceededFault,
        message:
          "net.tcp framing: the Sized Envelope Record declares 1025 octets, more than the maximum buffered message size (1024) at byte 0",
      });
    });

    it("counts every chunk of an Unsized Envelope Record against the maximum", () => {
      expect(decode(bytes("05 02 aabb 02 ccdd 00"), { maxEnvelopeSize: 4 })).toHaveLength(1);
      expect(failure(bytes("05 02 aabb 03 ccddee 00"), { maxEnvelopeSize: 4 })).toEqual({
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "message-too-large",
        offset: 0,
        fault: FramingFault.MaxMessageSizeExceededFault,
        message: "net.tcp framing: an Unsized Envelope Record of at least 5 octets exceeds the maximum buffered message size (4) at byte 0",
      });
    });

    it("refuses a Via over 2048 octets", () => {
      expect(failure(bytes("0c 02 81 10"))).toEqual({
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "via-too-long",
        offset: 1,
        fault: FramingFault.ViaTooLong,
        message: "net.tcp framing: the Via Record declares 2049 octets, more than the maximum Via size (2048) at byte 1",
      });
      expect(failure(bytes("02 0b"), { maxViaSize: 10 })).toMatchObject({ kind: "via-too-long", fault: FramingFault.ViaTooLong });
    });

    it("refuses a content type or upgrade name over 256 octets", () => {
      expect(failure(bytes("04 81 02"))).toEqual({
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "content-type-too-long",
        offset: 0,
        fault: FramingFault.ContentTypeTooLong,
        message:
          "net.tcp framing: the Extensible Encoding Record declares 257 octets, more than the maximum content type size (256) at byte 0",
      });
      expect(failure(bytes("09 81 02"))).toMatchObject({ kind: "content-type-too-long", fault: FramingFault.ContentTypeTooLong });
    });

    it("refuses a fault string over 256 octets, and sends no fault for it", () => {
      expect(failure(bytes("08 81 02"))).toEqual({
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "fault-too-long",
        offset: 0,
        fault: undefined,
        message: "net.tcp framing: the Fault Record declares 257 octets, more than the maximum fault size (256) at byte 0",
      });
    });
  });

  describe("truncated at the end of the stream", () => {
    it.each([
      ["00", 0, "a Version Record (1 of 3 octets)"],
      ["0001", 0, "a Version Record (2 of 3 octets)"],
      ["01", 0, "a Mode Record (1 of 2 octets)"],
      ["03", 0, "a Known Encoding Record (1 of 2 octets)"],
      ["0c 02", 1, "the size of a Via Record (0 octet(s) of it)"],
      ["06 da", 0, "the size of a Sized Envelope Record (1 octet(s) of it)"],
      ["0b 06 da 01 56 02", 1, "a Sized Envelope Record (2 of 218 octets of data)"],
      ["05 01 aa", 0, "an Unsized Envelope Record (1 chunk(s) read, no terminator)"],
      ["05 01 aa 03 bb", 0, "an Unsized Envelope Record (1 of 3 octets of chunk 2)"],
    ])("reports a partial record: %s", (hex, offset, what) => {
      expect(failure(bytes(hex))).toEqual({
        code: "WS_E_INVALID_FORMAT",
        kind: "truncated",
        offset,
        fault: undefined,
        message: `net.tcp framing: the stream ended inside ${what} at byte ${offset}`,
      });
    });

    it("returns the complete records before the partial one, then fails", () => {
      const reader = new FramingReader();
      expect(reader.feed(bytes("0b 06 05 01"))).toEqual([{ type: "preamble-ack", offset: 0 }]);
      expect(() => reader.finish()).toThrow(
        "net.tcp framing: the stream ended inside a Sized Envelope Record (1 of 5 octets of data) at byte 1",
      );
    });
  });

  it("stays failed: every later call throws the same error", () => {
    const reader = new FramingReader();
    let first: unknown;
    try {
      reader.feed(bytes("0b ee 0b"));
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(FramingError);
    for (const call of [() => reader.feed(bytes("0b")), () => reader.next(), () => reader.finish(), () => reader.takeUnframed()]) {
      let again: unknown;
      try {
        call();
      } catch (error) {
        again = error;
      }
      expect(again).toBe(first);
    }
  });
});
