import { E_INVALIDARG } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { FramingFault } from "./fault-strings.js";
import { FramingReader } from "./read-records.js";
import { FramingMode, type FramingRecord, KnownEncoding, RECORD_TYPE_OF, RecordType } from "./records.js";
import { writeRecord, writeRecords } from "./write-records.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const ascii = (text: string) => Buffer.from(text, "utf8").toString("hex");

describe("writeRecord", () => {
  it.each<[string, FramingRecord, string]>([
    ["Version", { type: "version", major: 1, minor: 0 }, "000100"],
    ["Mode singleton unsized", { type: "mode", mode: FramingMode.SingletonUnsized }, "0101"],
    ["Mode duplex", { type: "mode", mode: FramingMode.Duplex }, "0102"],
    ["Mode simplex", { type: "mode", mode: FramingMode.Simplex }, "0103"],
    ["Mode singleton sized", { type: "mode", mode: FramingMode.SingletonSized }, "0104"],
    ["Via", { type: "via", via: "net.tcp://h/" }, `020c${ascii("net.tcp://h/")}`],
    ["Known Encoding", { type: "known-encoding", encoding: KnownEncoding.BinarySession }, "0308"],
    [
      "Extensible Encoding",
      { type: "extensible-encoding", contentType: "application/soap+msbin1" },
      `0417${ascii("application/soap+msbin1")}`,
    ],
    ["Unsized Envelope", { type: "unsized-envelope", chunks: [new Uint8Array([1, 2]), new Uint8Array([3])] }, "050201020103" + "00"],
    ["Sized Envelope", { type: "sized-envelope", payload: new Uint8Array([0x56, 0x02]) }, "06025602"],
    ["End", { type: "end" }, "07"],
    ["Fault", { type: "fault", fault: FramingFault.ServerTooBusy }, `0844${ascii(FramingFault.ServerTooBusy)}`],
    ["Upgrade Request", { type: "upgrade-request", protocol: "application/negotiate" }, `0915${ascii("application/negotiate")}`],
    ["Upgrade Response", { type: "upgrade-response" }, "0a"],
    ["Preamble Ack", { type: "preamble-ack" }, "0b"],
    ["Preamble End", { type: "preamble-end" }, "0c"],
  ])("writes the %s Record", (_name, record, expected) => {
    expect(hex(writeRecord(record))).toBe(expected);
    expect(writeRecord(record)[0]).toBe(RECORD_TYPE_OF[record.type]);
  });

  it("writes every Known Encoding value, 0x00 to 0x08", () => {
    for (const encoding of Object.values(KnownEncoding)) {
      expect(hex(writeRecord({ type: "known-encoding", encoding }))).toBe(`03${encoding.toString(16).padStart(2, "0")}`);
    }
    expect(Object.values(KnownEncoding)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("has the record type octets of [MC-NMF] 2.2.1", () => {
    expect(Object.values(RecordType)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("writes the preamble of the document's Duplex example (Via net.tcp://SampleServer/SampleApp/, binary session encoding)", () => {
    // [MC-NMF] 4.1: Version 1.0, Duplex mode, Via net.tcp://SampleServer/SampleApp/ (33 octets), Binary Session Encoding.
    const via = "net.tcp://SampleServer/SampleApp/";
    const preamble = writeRecords([
      { type: "version", major: 1, minor: 0 },
      { type: "mode", mode: FramingMode.Duplex },
      { type: "via", via },
      { type: "known-encoding", encoding: KnownEncoding.BinarySession },
      { type: "preamble-end" },
    ]);
    expect(hex(preamble)).toBe(`000100 0102 0221${ascii(via)} 0308 0c`.replace(/ /g, ""));
  });

  it("writes sizes in their shortest form, whatever the record", () => {
    const payload = new Uint8Array(0x4000);
    expect(hex(writeRecord({ type: "sized-envelope", payload }).subarray(0, 4))).toBe("06808001");
    expect(hex(writeRecord({ type: "via", via: "v".repeat(0x80) }).subarray(0, 3))).toBe("028001");
  });

  it("round-trips every record through the reader, in one-octet chunks", () => {
    const records: FramingRecord[] = [
      { type: "version", major: 1, minor: 0 },
      { type: "mode", mode: FramingMode.Duplex },
      { type: "via", via: "net.tcp://hôte/é世" },
      { type: "known-encoding", encoding: KnownEncoding.Soap12Utf8 },
      { type: "extensible-encoding", contentType: "application/soap+xml; charset=utf-8" },
      { type: "preamble-end" },
      { type: "preamble-ack" },
      { type: "sized-envelope", payload: new Uint8Array(300).map((_, i) => i % 251) },
      { type: "unsized-envelope", chunks: [new Uint8Array(200).fill(1), new Uint8Array([2])] },
      { type: "fault", fault: FramingFault.EndpointNotFound },
      { type: "end" },
    ];
    const encoded = writeRecords(records);
    const reader = new FramingReader();
    const decoded = [];
    for (let at = 0; at < encoded.length; at++) decoded.push(...reader.feed(encoded.subarray(at, at + 1)));
    decoded.push(...reader.finish());
    expect(decoded.map(({ offset: _o, ...record }) => record)).toEqual(records);
    expect(writeRecords(decoded)).toEqual(encoded);
  });
});

describe("writeRecord refuses what [MC-NMF] cannot carry", () => {
  function refusal(record: unknown): string {
    try {
      writeRecord(record as FramingRecord);
    } catch (error) {
      if (error instanceof WsError && error.hr === E_INVALIDARG) return error.message;
      throw error;
    }
    throw new Error("expected E_INVALIDARG");
  }

  it.each<[string, unknown, string]>([
    ["an empty Via", { type: "via", via: "" }, 'the text of a Via Record is empty; its size "MUST NOT be set to 0"'],
    ["an empty fault", { type: "fault", fault: "" }, 'the text of a Fault Record is empty; its size "MUST NOT be set to 0"'],
    [
      "an empty envelope",
      { type: "sized-envelope", payload: new Uint8Array(0) },
      'the payload of a Sized Envelope Record is empty; its size "MUST NOT be set to 0"',
    ],
    [
      "an unsized envelope without chunks",
      { type: "unsized-envelope", chunks: [] },
      "an Unsized Envelope Record needs at least one data chunk",
    ],
    [
      "an empty chunk",
      { type: "unsized-envelope", chunks: [new Uint8Array(1), new Uint8Array(0)] },
      'data chunk 1 of an Unsized Envelope Record is empty; its size "MUST NOT be set to 0"',
    ],
    ["mode 5", { type: "mode", mode: 5 }, "a Mode Record cannot carry mode 5 (0x01 to 0x04 are defined)"],
    ["encoding 9", { type: "known-encoding", encoding: 9 }, "a Known Encoding Record cannot carry encoding 9 (0x00 to 0x08 are defined)"],
    ["a version of 256", { type: "version", major: 256, minor: 0 }, "the major version must be an octet, not 256"],
    ["a lone surrogate", { type: "via", via: "a\ud800b" }, "the text of a Via Record has a lone surrogate, which UTF-8 cannot encode"],
    [
      "a payload that is not bytes",
      { type: "sized-envelope", payload: "x" },
      "the payload of a Sized Envelope Record must be a Uint8Array",
    ],
    ["an unknown kind", { type: "bogus" }, 'unknown record kind "bogus"'],
  ])("%s", (_name, record, message) => {
    expect(refusal(record)).toBe(`net.tcp framing writer: ${message}`);
  });

  it("writes a version other than 1.0 when asked, to play a peer that speaks one", () => {
    expect(hex(writeRecord({ type: "version", major: 2, minor: 5 }))).toBe("000205");
  });
});
