import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeWithPeers, type MonoServer, startMonoServer } from "./peers/index.js";
import { actionOf, BINARY, type CalcCall, ECHO_BYTES, ECHO_TEXT, type Reply, readReply, writeRequest } from "./soap/calc.js";
import { ADD, ECHO, ECHO_BYTES_CALL, exchange, expectFault, expectResult } from "./soap/exchange.js";
import { NetTcpTestSession } from "./soap/nettcp.js";
import { splitStringTable, withEmptyStringTable } from "./soap/string-table.js";
import { sessionDictionary } from "./soap/xml.js";

/*
 * Our binary XML ([MC-NBFX] records with the [MC-NBFS] static dictionary, written through the flat
 * API with WS_XML_WRITER_BINARY_ENCODING) read by WCF, and WCF's binary replies read by our binary
 * reader: over HTTP as application/soap+msbin1, and over net.tcp in an [MC-NMF] Duplex session with
 * the [MC-NBFSE] in-band dictionary (Known Encoding 0x08). Mono is the only binary peer there is.
 */

const MONO_NO_MATCH = "Action 'http://tempuri.org/ICalculator/Missing' did not match any operations in the target contract";

describeWithPeers("Mono WCF, binary message encoding", ["mono"], () => {
  let mono: MonoServer;
  beforeAll(async () => {
    mono = await startMonoServer();
  });
  afterAll(() => mono?.stop());

  describe("over HTTP: CustomBinding(BinaryMessageEncoding, HTTP), application/soap+msbin1", () => {
    it("our request is binary with static dictionary ids: PrefixDictionaryElementS 0x56, Envelope 0x02", () => {
      const request = writeRequest(BINARY, ADD, mono.binary);
      expect([...request.subarray(0, 2)]).toEqual([0x56, 0x02]);
    });
    it("Add(2,3) = 5", async () => {
      expectResult(BINARY, await exchange(BINARY, mono.binary, ADD), "Add", 5);
    });
    it("Echo returns non-ASCII text and markup characters unchanged", async () => {
      expectResult(BINARY, await exchange(BINARY, mono.binary, ECHO), "Echo", ECHO_TEXT);
    });
    it("EchoBytes returns 2048 bytes (Bytes16Text)", async () => {
      expectResult(BINARY, await exchange(BINARY, mono.binary, ECHO_BYTES_CALL), "EchoBytes", ECHO_BYTES);
    });
    it("answers an unknown action with a binary SOAP 1.2 fault", async () => {
      await expectFault(BINARY, mono.binary, {
        call: { op: "Missing" },
        status: 500,
        fault: { code: "s:Sender", subcode: "a:ActionNotSupported", reason: MONO_NO_MATCH },
        action: "http://www.w3.org/2005/08/addressing/fault",
      });
    });
  });

  describe("over net.tcp: NetTcpBinding(SecurityMode.None), [MC-NMF] Duplex + [MC-NBFSE]", () => {
    let session: NetTcpTestSession | undefined;
    afterEach(() => {
      session?.close();
      session = undefined;
    });

    /**
     * Reads a reply of the session: its StringTable's strings join `strings` (the server's dynamic
     * strings so far, in order), then the document is read with all of them as the dynamic dictionary.
     */
    function readSessionReply(strings: string[], c: CalcCall, payload: Uint8Array): Reply {
      const { strings: added, document } = splitStringTable(payload);
      strings.push(...added);
      return readReply(BINARY, c.op, document, sessionDictionary(strings));
    }

    it("one session: preamble, Add, Echo, EchoBytes (in-band dictionary across messages), End", async () => {
      session = await NetTcpTestSession.open(mono.tcp);
      expect(session.received.map((r) => r.type)).toEqual(["preamble-ack"]);
      const strings: string[] = [];
      const results: [CalcCall, "Add" | "Echo" | "EchoBytes", unknown][] = [
        [ADD, "Add", 5],
        [ECHO, "Echo", ECHO_TEXT],
        [ECHO_BYTES_CALL, "EchoBytes", ECHO_BYTES],
      ];
      for (const [c, op, value] of results) {
        const messageId = `urn:uuid:${crypto.randomUUID()}`;
        const payload = await session.request(withEmptyStringTable(writeRequest(BINARY, c, mono.tcp, messageId)));
        const reply = readSessionReply(strings, c, payload);
        expect(reply).toEqual({
          action: actionOf(`${op}Response`),
          relatesTo: messageId,
          body: { kind: "result", response: `${op}Response`, value },
        });
      }
      // Mono sends AddResult, EchoResult, ... through the StringTable, each once per session.
      expect(strings).toContain("AddResult");
      expect(new Set(strings).size).toBe(strings.length);
      // Mono answers End by closing, without an End record of its own.
      expect(await session.end()).toBe("closed");
      expect(session.received.map((r) => r.type)).toEqual(["preamble-ack", "sized-envelope", "sized-envelope", "sized-envelope"]);
    });

    it("Mono sends no fault over net.tcp: a message it cannot dispatch gets no answer, and the session goes on", async () => {
      // Over HTTP the same message gets an ActionNotSupported fault (above); Mono's net.tcp listener
      // drops it (and prints the exception, for a deserialization error) without a fault. This is a
      // Mono limitation, recorded so that our TCP channel's fault tests do not count on this peer.
      // A Mono server of its own: on CI, Mono twice left a shared server's next preamble unanswered
      // (20-30 s) after an earlier session had ended (a Mono quirk this test is not about).
      const own = await startMonoServer();
      try {
        session = await NetTcpTestSession.open(own.tcp);
        await expect(session.request(withEmptyStringTable(writeRequest(BINARY, { op: "Missing" }, own.tcp)), 2000)).rejects.toThrow(
          "net.tcp: nothing from the server in 2000 ms",
        );
        const messageId = `urn:uuid:${crypto.randomUUID()}`;
        const payload = await session.request(withEmptyStringTable(writeRequest(BINARY, ADD, own.tcp, messageId)));
        expect(readSessionReply([], ADD, payload)).toEqual({
          action: actionOf("AddResponse"),
          relatesTo: messageId,
          body: { kind: "result", response: "AddResponse", value: 5 },
        });
        expect(await session.end()).toBe("closed");
      } finally {
        await own.stop();
      }
    });
  });
});
