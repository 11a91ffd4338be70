import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FramingFault } from "./fault-strings.js";
import { FramingError } from "./framing-error.js";
import { FramingReader } from "./read-records.js";
import type { DecodedFramingRecord, FramingRecord } from "./records.js";
import { ClientDuplexSession, ServerDuplexSession, type SessionStep } from "./session-state.js";
import { writeRecords } from "./write-records.js";

/**
 * Real net.tcp connections recorded between a Mono 6.8 WCF client and server
 * (/work/shared/golden/mono-wcf/nettcp-*, described in /work/shared/golden/README.md): Add(2,3),
 * Echo("hello é世 <&>"), EchoBytes of 2048 octets, and Add then Echo in one session. Each direction
 * is decoded record by record, in every chunk size from 1 to 7 and along the read boundaries the
 * proxy saw, re-encoded to the same octets, and played through the session state machines.
 *
 * The server-to-client streams end after the last reply: Mono's server answers the client's End
 * by closing, without an End of its own (the README's "Known Mono net.tcp quirk").
 */

const GOLDEN = new URL("../../../../../shared/golden/mono-wcf/", import.meta.url);
const capture = (name: string) => new Uint8Array(readFileSync(new URL(name, GOLDEN)));
const VIA = "net.tcp://127.0.0.1:28080/calc/tcp";

interface Capture {
  readonly name: string;
  /** Sizes of the Sized Envelope Records from the client, then from the server, in order. */
  readonly requests: readonly number[];
  readonly replies: readonly number[];
}

const CAPTURES: readonly Capture[] = [
  { name: "nettcp-add-1", requests: [218], replies: [135] },
  { name: "nettcp-echo-1", requests: [232], replies: [153] },
  { name: "nettcp-bytes-1", requests: [2278], replies: [2204] },
  { name: "nettcp-addecho-1", requests: [218, 232], replies: [135, 153] },
];

/** A record without its payload bytes, with the payload's size instead: what the assertions compare. */
function summary(record: DecodedFramingRecord): unknown {
  if (record.type === "sized-envelope") return { type: record.type, offset: record.offset, size: record.payload.length };
  return record;
}

function decodeInChunks(bytes: Uint8Array, chunkSize: number): DecodedFramingRecord[] {
  const reader = new FramingReader();
  const records: DecodedFramingRecord[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) records.push(...reader.feed(bytes.subarray(at, at + chunkSize)));
  records.push(...reader.finish());
  return records;
}

function expectedClientRecords(requests: readonly number[]): unknown[] {
  const records: unknown[] = [
    { type: "version", major: 1, minor: 0, offset: 0 },
    { type: "mode", mode: 0x02, offset: 3 },
    { type: "via", via: VIA, offset: 5 },
    { type: "known-encoding", encoding: 0x08, offset: 41 },
    { type: "preamble-end", offset: 43 },
  ];
  let offset = 44;
  for (const size of requests) {
    records.push({ type: "sized-envelope", offset, size });
    offset += 1 + (size < 0x80 ? 1 : size < 0x4000 ? 2 : 3) + size;
  }
  records.push({ type: "end", offset });
  return records;
}

function expectedServerRecords(replies: readonly number[]): unknown[] {
  const records: unknown[] = [{ type: "preamble-ack", offset: 0 }];
  let offset = 1;
  for (const size of replies) {
    records.push({ type: "sized-envelope", offset, size });
    offset += 1 + (size < 0x80 ? 1 : size < 0x4000 ? 2 : 3) + size;
  }
  return records;
}

describe.each(CAPTURES)("$name", ({ name, requests, replies }) => {
  const c2s = capture(`${name}.c2s.bin`);
  const s2c = capture(`${name}.s2c.bin`);

  it("client to server: Version 1.0, Mode Duplex, the Via, Known Encoding 0x08, Preamble End, the requests, End", () => {
    expect(decodeInChunks(c2s, c2s.length).map(summary)).toEqual(expectedClientRecords(requests));
  });

  it("server to client: Preamble Ack and the replies (no End: Mono closes instead)", () => {
    expect(decodeInChunks(s2c, s2c.length).map(summary)).toEqual(expectedServerRecords(replies));
  });

  it.each([1, 2, 3, 4, 5, 6, 7])("decodes the same records when fed %i octet(s) at a time", (chunkSize) => {
    expect(decodeInChunks(c2s, chunkSize)).toEqual(decodeInChunks(c2s, c2s.length));
    expect(decodeInChunks(s2c, chunkSize)).toEqual(decodeInChunks(s2c, s2c.length));
  });

  it("decodes the same records along the read boundaries of the recording", () => {
    const reads = JSON.parse(readFileSync(new URL(`${name}.chunks.json`, GOLDEN), "utf8")) as {
      dir: "c2s" | "s2c";
      offset: number;
      length: number;
    }[];
    const readers = { c2s: new FramingReader(), s2c: new FramingReader() };
    const got: Record<"c2s" | "s2c", DecodedFramingRecord[]> = { c2s: [], s2c: [] };
    for (const { dir, offset, length } of reads) {
      got[dir].push(...readers[dir].feed((dir === "c2s" ? c2s : s2c).subarray(offset, offset + length)));
    }
    got.c2s.push(...readers.c2s.finish());
    got.s2c.push(...readers.s2c.finish());
    expect(got.c2s.map(summary)).toEqual(expectedClientRecords(requests));
    expect(got.s2c.map(summary)).toEqual(expectedServerRecords(replies));
  });

  it("re-encodes both directions to the captured octets", () => {
    expect(Buffer.from(writeRecords(decodeInChunks(c2s, 3))).equals(c2s)).toBe(true);
    expect(Buffer.from(writeRecords(decodeInChunks(s2c, 3))).equals(s2c)).toBe(true);
  });

  it("is the exchange the session state machines expect, on both sides", () => {
    const client = new ClientDuplexSession({ via: VIA });
    const server = new ServerDuplexSession({
      acceptVia: (via) => via === VIA,
      acceptEncoding: (e) => e.type === "known-encoding" && e.encoding === 0x08,
    });
    const clientRecords = decodeInChunks(c2s, 5);
    const serverRecords = decodeInChunks(s2c, 5);

    // What the client session writes is what the Mono client wrote: the whole 44-octet preamble.
    const preamble = writeRecords(client.start());
    expect(Buffer.from(preamble).equals(Buffer.from(c2s.subarray(0, 44)))).toBe(true);

    const serverSteps: SessionStep[] = clientRecords.map((record) => server.receive(record));
    expect(serverSteps.map((s) => s.action)).toEqual(["none", "none", "none", "none", "reply", ...requests.map(() => "message"), "end"]);
    expect(serverSteps[4]).toEqual({ action: "reply", records: [{ type: "preamble-ack" }] });
    expect(server.state).toBe("peer-ended");
    expect(server.via).toBe(VIA);

    const clientSteps = serverRecords.map((record) => client.receive(record));
    expect(clientSteps.map((s) => s.action)).toEqual(["open", ...replies.map(() => "message")]);
    expect(client.state).toBe("open");
    expect(writeRecords([client.end()])).toEqual(new Uint8Array([0x07]));
    client.peerClosed(s2c.length);
    expect(client.state).toBe("closed");

    // The replies are the envelopes' payloads, octet for octet: the first starts after 0B 06 and a two-octet size.
    const payloads = clientSteps.flatMap((s) => (s.action === "message" ? [s.payload] : []));
    expect(payloads.map((p) => p.length)).toEqual(replies);
    expect(Buffer.from(payloads[0]!).equals(Buffer.from(s2c.subarray(4, 4 + replies[0]!)))).toBe(true);
  });
});

describe("limits against the captures", () => {
  it("refuses the 2278-octet EchoBytes request under a 2277-octet limit, before reading its payload", () => {
    const c2s = capture("nettcp-bytes-1.c2s.bin");
    const reader = new FramingReader({ maxEnvelopeSize: 2277 });
    // Header and size only (06 E6 11 ends at offset 47): the refusal needs none of the payload.
    expect(reader.feed(c2s.subarray(0, 44)).map((r) => r.type)).toEqual(["version", "mode", "via", "known-encoding", "preamble-end"]);
    let error: unknown;
    try {
      reader.feed(c2s.subarray(44, 47));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FramingError);
    const e = error as FramingError;
    expect([e.code, e.kind, e.offset, e.fault, e.message]).toEqual([
      "WS_E_QUOTA_EXCEEDED",
      "message-too-large",
      44,
      FramingFault.MaxMessageSizeExceededFault,
      "net.tcp framing: the Sized Envelope Record declares 2278 octets, more than the maximum buffered message size (2277) at byte 44",
    ]);
  });

  it("accepts it at exactly its size", () => {
    const c2s = capture("nettcp-bytes-1.c2s.bin");
    const records: FramingRecord[] = new FramingReader({ maxEnvelopeSize: 2278 }).feed(c2s);
    expect(records.map((r) => r.type)).toEqual(["version", "mode", "via", "known-encoding", "preamble-end", "sized-envelope", "end"]);
  });
});
