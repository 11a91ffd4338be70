import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { FramingFault } from "./fault-strings.js";
import { FramingError } from "./framing-error.js";
import { FramingReader } from "./read-records.js";
import type { DecodedFramingRecord, EnvelopeEncodingRecord, FramingRecord } from "./records.js";
import { ClientDuplexSession, ServerDuplexSession } from "./session-state.js";
import { writeRecords } from "./write-records.js";

const VIA = "net.tcp://localhost:808/service";
const at = (offset: number) => (record: FramingRecord) => ({ ...record, offset }) as DecodedFramingRecord;
const rec = (record: FramingRecord, offset = 0) => at(offset)(record);
const payload = new Uint8Array([0x56, 0x02]);

interface Outcome {
  readonly code: string;
  readonly kind?: string;
  readonly offset?: number;
  readonly message: string;
  readonly fault?: string | undefined;
}

/** The error `fn` throws, with the Fault Record `session` would answer it with. */
function outcome(session: { faultFor(e: unknown): { fault: string } | undefined }, fn: () => unknown): Outcome {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof WsError)) throw error;
    const fault = session.faultFor(error)?.fault;
    return error instanceof FramingError
      ? { code: error.code, kind: error.kind, offset: error.offset, message: error.message, fault }
      : { code: error.code, message: error.message, fault };
  }
  throw new Error("expected an error");
}

const acceptBinarySession = (e: EnvelopeEncodingRecord) => e.type === "known-encoding" && e.encoding === 0x08;
const newServer = () => new ServerDuplexSession({ acceptVia: (via) => via === VIA, acceptEncoding: acceptBinarySession });

function clientPreamble(): DecodedFramingRecord[] {
  // Decoded from the bytes, as the server sees them.
  return new FramingReader().feed(writeRecords(new ClientDuplexSession({ via: VIA }).start()));
}

describe("ClientDuplexSession", () => {
  it("sends Version 1.0, Mode Duplex, the Via, Known Encoding 0x08 and Preamble End by default", () => {
    const client = new ClientDuplexSession({ via: VIA });
    expect(client.state).toBe("start");
    expect(client.start()).toEqual([
      { type: "version", major: 1, minor: 0 },
      { type: "mode", mode: 2 },
      { type: "via", via: VIA },
      { type: "known-encoding", encoding: 8 },
      { type: "preamble-end" },
    ]);
    expect(client.state).toBe("awaiting-ack");
  });

  it("sends the encoding it is given", () => {
    const encoding = { type: "extensible-encoding", contentType: "application/soap+msbinsession1+gzip" } as const;
    expect(new ClientDuplexSession({ via: VIA, encoding }).start()[3]).toEqual(encoding);
  });

  it("sends messages only once the server acknowledged the preamble", () => {
    const client = new ClientDuplexSession({ via: VIA });
    expect(outcome(client, () => client.sendMessage(payload))).toEqual({
      code: "WS_E_INVALID_OPERATION",
      message: "net.tcp framing: the client cannot send a message in state start",
      fault: undefined,
    });
    client.start();
    expect(() => client.sendMessage(payload)).toThrow("net.tcp framing: the client cannot send a message in state awaiting-ack");
    expect(() => client.start()).toThrow("net.tcp framing: the client sends its preamble once, not in state awaiting-ack");
    expect(client.receive(rec({ type: "preamble-ack" }))).toEqual({ action: "open" });
    expect(client.state).toBe("open");
    expect(client.sendMessage(payload)).toEqual({ type: "sized-envelope", payload });
    expect(outcome(client, () => client.sendMessage(new Uint8Array(0)))).toEqual({
      code: "E_INVALIDARG",
      message: 'net.tcp framing: a message is a non-empty Uint8Array (the size of a Sized Envelope Record "MUST NOT be set to 0")',
      fault: undefined,
    });
  });

  it("delivers messages and ends when both sides sent End (client first)", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    expect(client.receive(rec({ type: "sized-envelope", payload }, 1))).toEqual({ action: "message", payload });
    expect(client.end()).toEqual({ type: "end" });
    expect(client.state).toBe("local-ended");
    expect(() => client.sendMessage(payload)).toThrow("net.tcp framing: the client cannot send a message in state local-ended");
    // Replies still arrive after the client's End, until the server's.
    expect(client.receive(rec({ type: "sized-envelope", payload }, 5))).toEqual({ action: "message", payload });
    expect(client.receive(rec({ type: "end" }, 9))).toEqual({ action: "end", closed: true });
    expect(client.state).toBe("closed");
  });

  it("ends when the server sends End first, and may still send until its own End", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    expect(client.receive(rec({ type: "end" }, 1))).toEqual({ action: "end", closed: false });
    expect(client.state).toBe("peer-ended");
    expect(client.sendMessage(payload).type).toBe("sized-envelope");
    client.end();
    expect(client.state).toBe("closed");
  });

  it("takes the server closing after the client's End as the end (Mono sends no End)", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    client.end();
    client.peerClosed(140);
    expect(client.state).toBe("closed");
  });

  it("fails with WS_E_ENDPOINT_DISCONNECTED when the server closes before the client's End", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    expect(outcome(client, () => client.peerClosed(139))).toEqual({
      code: "WS_E_ENDPOINT_DISCONNECTED",
      kind: "disconnected",
      offset: 139,
      message: "net.tcp framing: the server closed the connection in state open at byte 139",
      fault: undefined,
    });
    expect(client.state).toBe("failed");
  });

  it.each([
    [FramingFault.EndpointNotFound, "WS_E_ENDPOINT_NOT_FOUND", "EndpointNotFound"],
    [FramingFault.ServerTooBusy, "WS_E_ENDPOINT_TOO_BUSY", "ServerTooBusy"],
    [FramingFault.ContentTypeInvalid, "WS_E_ENDPOINT_FAILURE", "ContentTypeInvalid"],
  ])("fails on the fault %s answering the preamble", (fault, code, name) => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    expect(outcome(client, () => client.receive(rec({ type: "fault", fault })))).toEqual({
      code,
      kind: "fault-received",
      offset: 0,
      message: `net.tcp framing: the server sent the fault ${name} (${fault}) in state awaiting-ack at byte 0`,
      fault: undefined,
    });
    expect(client.state).toBe("failed");
  });

  it("fails on a fault after messages, with the quota HRESULT for MaxMessageSizeExceededFault", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    expect(outcome(client, () => client.receive(rec({ type: "fault", fault: FramingFault.MaxMessageSizeExceededFault }, 1)))).toMatchObject(
      {
        code: "WS_E_QUOTA_EXCEEDED",
        kind: "fault-received",
      },
    );
  });

  it("refuses records the server may not send, and never answers with a fault", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    expect(outcome(client, () => client.receive(rec({ type: "sized-envelope", payload }, 0)))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "unexpected-record",
      offset: 0,
      message:
        "net.tcp framing: a Sized Envelope Record from the server is not allowed in state awaiting-ack (the server must answer the preamble with a Preamble Ack or a Fault Record) at byte 0",
      fault: undefined,
    });
  });

  it.each<FramingRecord>([
    { type: "version", major: 1, minor: 0 },
    { type: "via", via: VIA },
    { type: "preamble-ack" },
    { type: "preamble-end" },
    { type: "upgrade-response" },
    { type: "unsized-envelope", chunks: [payload] },
  ])("refuses a $type record once open", (record) => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    expect(outcome(client, () => client.receive(rec(record, 7)))).toMatchObject({
      code: "WS_E_INVALID_FORMAT",
      kind: "unexpected-record",
      offset: 7,
    });
  });

  it("refuses anything after the server's End", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    client.receive(rec({ type: "preamble-ack" }));
    client.receive(rec({ type: "end" }, 1));
    expect(outcome(client, () => client.receive(rec({ type: "sized-envelope", payload }, 2)))).toMatchObject({
      code: "WS_E_INVALID_FORMAT",
      kind: "unexpected-record",
      message: "net.tcp framing: a Sized Envelope Record from the server is not allowed in state peer-ended at byte 2",
    });
  });

  it("stays failed: later calls rethrow the failure", () => {
    const client = new ClientDuplexSession({ via: VIA });
    client.start();
    let first: unknown;
    try {
      client.receive(rec({ type: "end" }));
    } catch (error) {
      first = error;
    }
    expect(() => client.receive(rec({ type: "preamble-ack" }))).toThrow(first as Error);
    expect(() => client.end()).toThrow(first as Error);
  });

  it("needs a Via", () => {
    expect(() => new ClientDuplexSession({ via: "" })).toThrow("net.tcp framing: the Via of a session must be a non-empty string");
  });
});

describe("ServerDuplexSession", () => {
  it("reads and validates the preamble, then acknowledges it", () => {
    const server = newServer();
    const steps = clientPreamble().map((record) => server.receive(record));
    expect(steps).toEqual([
      { action: "none" },
      { action: "none" },
      { action: "none" },
      { action: "none" },
      { action: "reply", records: [{ type: "preamble-ack" }] },
    ]);
    const reply = steps[4];
    expect(reply?.action === "reply" ? writeRecords(reply.records) : undefined).toEqual(new Uint8Array([0x0b]));
    expect(server.state).toBe("open");
    expect(server.via).toBe(VIA);
    expect(server.encoding).toEqual({ type: "known-encoding", encoding: 8, offset: 38 });
  });

  it("exchanges messages and closes when both sent End (client first)", () => {
    const server = newServer();
    for (const record of clientPreamble()) server.receive(record);
    expect(server.receive(rec({ type: "sized-envelope", payload }, 42))).toEqual({ action: "message", payload });
    expect(server.sendMessage(payload)).toEqual({ type: "sized-envelope", payload });
    expect(server.receive(rec({ type: "end" }, 46))).toEqual({ action: "end", closed: false });
    expect(server.sendMessage(payload).type).toBe("sized-envelope");
    expect(server.end()).toEqual({ type: "end" });
    expect(server.state).toBe("closed");
  });

  it("takes the client closing after either End as the end of the session", () => {
    const afterServerEnd = newServer();
    for (const record of clientPreamble()) afterServerEnd.receive(record);
    afterServerEnd.end();
    afterServerEnd.peerClosed(42);
    expect(afterServerEnd.state).toBe("closed");

    const afterClientEnd = newServer();
    for (const record of clientPreamble()) afterClientEnd.receive(record);
    afterClientEnd.receive(rec({ type: "end" }, 40));
    afterClientEnd.peerClosed(41);
    expect(afterClientEnd.state).toBe("closed");
    expect(() => afterClientEnd.sendMessage(payload)).toThrow("net.tcp framing: the server cannot send a message in state closed");
  });

  it("fails with WS_E_ENDPOINT_DISCONNECTED when the client goes away while open", () => {
    const server = newServer();
    for (const record of clientPreamble()) server.receive(record);
    expect(outcome(server, () => server.peerClosed(40))).toMatchObject({
      code: "WS_E_ENDPOINT_DISCONNECTED",
      kind: "disconnected",
      offset: 40,
    });
  });

  it.each<[string, DecodedFramingRecord[], Outcome]>([
    [
      "a session that does not start with a Version Record",
      [rec({ type: "mode", mode: 2 })],
      {
        code: "WS_E_INVALID_FORMAT",
        kind: "unexpected-record",
        offset: 0,
        message:
          "net.tcp framing: a Mode Record from the client is not allowed in state awaiting-version (a session starts with a Version Record) at byte 0",
        fault: FramingFault.InvalidRecordSequence,
      },
    ],
    [
      "a version built by hand other than 1.0",
      [rec({ type: "version", major: 1, minor: 3 })],
      {
        code: "WS_E_INVALID_FORMAT",
        kind: "unsupported-version",
        offset: 0,
        message: "net.tcp framing: unsupported version 1.3 at byte 0",
        fault: FramingFault.UnsupportedVersion,
      },
    ],
    [
      "a mode other than Duplex",
      [rec({ type: "version", major: 1, minor: 0 }), rec({ type: "mode", mode: 1 }, 3)],
      {
        code: "WS_E_INVALID_FORMAT",
        kind: "unsupported-mode",
        offset: 3,
        message: "net.tcp framing: mode 0x01 is not supported by a duplex session (only Duplex, 0x02) at byte 3",
        fault: FramingFault.UnsupportedMode,
      },
    ],
    [
      "a Via with no endpoint",
      [
        rec({ type: "version", major: 1, minor: 0 }),
        rec({ type: "mode", mode: 2 }, 3),
        rec({ type: "via", via: "net.tcp://localhost/other" }, 5),
      ],
      {
        code: "WS_E_ENDPOINT_NOT_FOUND",
        kind: "endpoint-not-found",
        offset: 5,
        message: "net.tcp framing: no endpoint listens at the Via net.tcp://localhost/other at byte 5",
        fault: FramingFault.EndpointNotFound,
      },
    ],
    [
      "an encoding the endpoint does not read",
      [
        rec({ type: "version", major: 1, minor: 0 }),
        rec({ type: "mode", mode: 2 }, 3),
        rec({ type: "via", via: VIA }, 5),
        rec({ type: "known-encoding", encoding: 3 }, 39),
      ],
      {
        code: "WS_E_INVALID_FORMAT",
        kind: "content-type-invalid",
        offset: 39,
        message: "net.tcp framing: the endpoint does not accept the known encoding 0x03 at byte 39",
        fault: FramingFault.ContentTypeInvalid,
      },
    ],
    [
      "an upgrade request",
      [
        rec({ type: "version", major: 1, minor: 0 }),
        rec({ type: "mode", mode: 2 }, 3),
        rec({ type: "via", via: VIA }, 5),
        rec({ type: "known-encoding", encoding: 8 }, 39),
        rec({ type: "upgrade-request", protocol: "application/ssl-tls" }, 41),
      ],
      {
        code: "E_NOTIMPL",
        kind: "upgrade-invalid",
        offset: 41,
        message:
          "net.tcp framing: the stream upgrade application/ssl-tls is not implemented yet (no transport security on net.tcp) at byte 41",
        fault: FramingFault.UpgradeInvalid,
      },
    ],
    [
      "a message before the Preamble End",
      [
        rec({ type: "version", major: 1, minor: 0 }),
        rec({ type: "mode", mode: 2 }, 3),
        rec({ type: "via", via: VIA }, 5),
        rec({ type: "known-encoding", encoding: 8 }, 39),
        rec({ type: "sized-envelope", payload }, 41),
      ],
      {
        code: "WS_E_INVALID_FORMAT",
        kind: "unexpected-record",
        offset: 41,
        message:
          "net.tcp framing: a Sized Envelope Record from the client is not allowed in state awaiting-preamble-end (the preamble ends with a Preamble End Record) at byte 41",
        fault: FramingFault.InvalidRecordSequence,
      },
    ],
    [
      "a fault from the client (answered with none)",
      [rec({ type: "version", major: 1, minor: 0 }), rec({ type: "fault", fault: FramingFault.ServerTooBusy }, 3)],
      {
        code: "WS_E_ENDPOINT_TOO_BUSY",
        kind: "fault-received",
        offset: 3,
        message: `net.tcp framing: the client sent the fault ServerTooBusy (${FramingFault.ServerTooBusy}) in state awaiting-mode at byte 3`,
        fault: undefined,
      },
    ],
  ])("refuses %s, with the fault to send", (_name, records, expected) => {
    const server = newServer();
    const last = records.length - 1;
    records.slice(0, last).forEach((record) => {
      server.receive(record);
    });
    expect(outcome(server, () => server.receive(records[last]!))).toEqual(expected);
    expect(server.state).toBe("failed");
  });

  it("refuses a second preamble record once open, an Unsized Envelope in Duplex mode, and anything after the client's End", () => {
    for (const record of [
      rec({ type: "via", via: VIA }, 50),
      rec({ type: "unsized-envelope", chunks: [payload] }, 50),
      rec({ type: "preamble-ack" }, 50),
    ]) {
      const server = newServer();
      for (const r of clientPreamble()) server.receive(r);
      expect(outcome(server, () => server.receive(record))).toMatchObject({
        kind: "unexpected-record",
        offset: 50,
        fault: FramingFault.InvalidRecordSequence,
      });
    }
    const server = newServer();
    for (const r of clientPreamble()) server.receive(r);
    server.receive(rec({ type: "end" }, 42));
    expect(outcome(server, () => server.receive(rec({ type: "sized-envelope", payload }, 43)))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      kind: "unexpected-record",
      offset: 43,
      message: "net.tcp framing: a Sized Envelope Record from the client is not allowed in state peer-ended at byte 43",
      fault: FramingFault.InvalidRecordSequence,
    });
  });

  it("answers the reader's errors with their faults", () => {
    const server = newServer();
    const reader = new FramingReader();
    let error: unknown;
    try {
      for (const record of reader.feed(new Uint8Array([0x00, 0x01, 0x00, 0x01, 0x07]))) server.receive(record);
    } catch (e) {
      error = e;
    }
    expect(server.faultFor(error)).toEqual({ type: "fault", fault: FramingFault.UnsupportedMode });
    expect(writeRecords([server.faultFor(error)!])).toEqual(writeRecords([{ type: "fault", fault: FramingFault.UnsupportedMode }]));
  });

  it("sends a fault of its own accord, and is failed afterwards", () => {
    const server = newServer();
    expect(server.sendFault(FramingFault.ServerTooBusy)).toEqual({ type: "fault", fault: FramingFault.ServerTooBusy });
    expect(server.state).toBe("failed");
    expect(() => server.sendMessage(payload)).toThrow("net.tcp framing: the server cannot send a message in state failed");
  });

  it("fails with WS_E_ENDPOINT_DISCONNECTED when the client goes away in the preamble", () => {
    const server = newServer();
    server.receive(rec({ type: "version", major: 1, minor: 0 }));
    expect(outcome(server, () => server.peerClosed(3))).toEqual({
      code: "WS_E_ENDPOINT_DISCONNECTED",
      kind: "disconnected",
      offset: 3,
      message: "net.tcp framing: the client closed the connection in state awaiting-mode at byte 3",
      fault: undefined,
    });
  });

  it("cannot send End or a message before the preamble is acknowledged", () => {
    const server = newServer();
    expect(() => server.end()).toThrow("net.tcp framing: the server cannot send End in state awaiting-version");
    expect(() => server.sendMessage(payload)).toThrow("net.tcp framing: the server cannot send a message in state awaiting-version");
  });
});
