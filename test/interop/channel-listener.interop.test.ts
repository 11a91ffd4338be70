import { afterEach, describe, expect, it } from "vitest";
import { type CalcServer, startHttpCalcServer } from "./channels/calc-server.js";
import { CHANNEL_WIRES, type ChannelWire } from "./channels/channel-client.js";
import {
  type ClientResult,
  describeWithPeers,
  type PeerName,
  runGsoapClient,
  runMonoClient,
  runNodeSoapClient,
  runZeepClient,
} from "./peers/index.js";
import { BASIC_HTTP, type Wire, WS_HTTP } from "./soap/calc.js";
import { expectFault } from "./soap/exchange.js";

/*
 * Live SOAP clients against our listener: a Calculator written with the channel functions
 * (channels/calc-server.ts: WsCreateListener over WS_HTTP_CHANNEL_BINDING, WsAcceptChannelAsync,
 * WsReceiveMessageAsync with the Add/Echo/EchoBytes descriptions, WsSendReplyMessageAsync), its reply
 * channels set up for each client's binding. Each client calls Add(2,3), Echo (non-ASCII text and
 * markup) and (all but gSOAP's) EchoBytes(2048) and exits 0 only when every answer is right; the
 * server's record says which operations it served and that nothing failed on our side.
 */

let server: CalcServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(wire: ChannelWire): Promise<CalcServer> {
  server = await startHttpCalcServer(CHANNEL_WIRES[wire]);
  return server;
}

function expectServed(result: ClientResult, s: CalcServer, ops: string[]): void {
  expect(result.timedOut).toBe(false);
  expect(result.code, `${result.stdout}\n${result.stderr}\nserver errors: ${s.errors.join("\n")}`).toBe(0);
  expect(s.served).toEqual(ops);
  expect(s.faulted).toEqual([]);
  expect(s.errors).toEqual([]);
}

const ALL = ["Add", "Echo", "EchoBytes"];

function clientSuite(name: string, peer: PeerName, cases: [string, ChannelWire, (url: string) => Promise<ClientResult>, string[]][]): void {
  describeWithPeers(name, [peer], () => {
    for (const [title, wire, run, ops] of cases) {
      it(title, async () => {
        const s = await serve(wire);
        expectServed(await run(s.url), s, ops);
      });
    }
  });
}

describe("our HTTP listener and reply channels ← live clients", () => {
  clientSuite("Mono WCF client", "mono", [
    ["BasicHttpBinding → SOAP 1.1, transport addressing", "basic", (url) => runMonoClient("basic", url), ALL],
    ["WSHttpBinding → SOAP 1.2 + WS-Addressing 1.0", "ws", (url) => runMonoClient("ws", url), ALL],
    ["CustomBinding(Text Soap12WSAddressing10) → SOAP 1.2 + WS-Addressing 1.0", "ws", (url) => runMonoClient("ws-custom", url), ALL],
    ["CustomBinding(BinaryMessageEncoding, HTTP) → WS_ENCODING_XML_BINARY_1", "binary", (url) => runMonoClient("http-binary", url), ALL],
  ]);
  clientSuite("zeep client", "zeep", [
    ["SOAP 1.1 → SOAP 1.1, transport addressing", "basic", (url) => runZeepClient("basic", url), ALL],
    ["SOAP 1.2 + WS-Addressing 1.0 → the same", "ws", (url) => runZeepClient("ws", url), ALL],
  ]);
  clientSuite("node-soap client", "node-soap", [
    ["SOAP 1.1 → SOAP 1.1, transport addressing", "basic", (url) => runNodeSoapClient("basic", url), ALL],
    ["SOAP 1.2 → SOAP 1.2, transport addressing", "soap12", (url) => runNodeSoapClient("soap12", url), ALL],
  ]);
  // gSOAP's client calls Add and Echo only.
  clientSuite("gSOAP client", "gsoap", [
    ["SOAP 1.1 → SOAP 1.1, transport addressing", "basic", (url) => runGsoapClient("basic", url), ["Add", "Echo"]],
    ["SOAP 1.2 + WS-Addressing 1.0 (wsa plugin) → the same", "ws", (url) => runGsoapClient("ws", url), ["Add", "Echo"]],
    ["SOAP 1.2 + WS-Addressing 1.0 (CustomBinding port) → the same", "ws", (url) => runGsoapClient("soap12", url), ["Add", "Echo"]],
  ]);
});

describe("our listener's faults, read by the harness's own client (our XML layer over node:http)", () => {
  // The live clients call only what the contract has; an unknown action is sent by soap/exchange.ts.
  // The server answers a request it cannot receive with WsSendFaultMessageForError
  // (WS_FULL_FAULT_DISCLOSURE: the WS_ERROR's strings become the reason).
  const reason =
    'WsReceiveMessage: the received message\'s action "http://tempuri.org/ICalculator/Missing" is not the expected "http://tempuri.org/ICalculator/Add", "http://tempuri.org/ICalculator/Echo", "http://tempuri.org/ICalculator/EchoBytes".';
  const cases: [string, ChannelWire, Wire, Parameters<typeof expectFault>[2]][] = [
    ["SOAP 1.1: HTTP 500, s:Server", "basic", BASIC_HTTP, { call: { op: "Missing" }, status: 500, fault: { code: "s:Server", reason } }],
    [
      "SOAP 1.2 + WS-Addressing 1.0: HTTP 500, s:Receiver, the WS-Addressing fault action, RelatesTo the request",
      "ws",
      WS_HTTP,
      {
        call: { op: "Missing" },
        status: 500,
        fault: { code: "s:Receiver", reason },
        action: "http://www.w3.org/2005/08/addressing/soap/fault",
        relates: true,
      },
    ],
  ];
  for (const [title, wire, soapWire, fault] of cases) {
    it(title, async () => {
      const s = await serve(wire);
      await expectFault(soapWire, s.url, fault);
      expect(s.served).toEqual([]);
      expect(s.faulted).toEqual([[reason]]);
      expect(s.errors).toEqual([]);
    });
  }
});
