import {
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REQUEST,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_HTTP_CHANNEL_BINDING,
  WS_TCP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { ServiceHost } from "@wwsapi/service-model";
import type { BurstLimits } from "./burst.js";
import { Calculator, calculatorHandlers } from "./contract.js";
import { CountingRelay } from "./counting-relay.js";
import { type Endpoint, type EndpointReport, exercise } from "./exercise.js";
import { printSummary } from "./summary.js";
import { freePorts, INSTALL_HELP, startWcfPeer, wcfPeerMissing } from "./wcf-peer.js";

/**
 * `pnpm demo`: a calculator service hosted with @wwsapi/service-model's ServiceHost (typed
 * handlers) on HTTP with SOAP 1.2 text and on net.tcp with the binary session encoding, called
 * through service proxies and typed clients on both, every step printed with its bytes on the wire;
 * then everything is closed, so that the process ends by itself. `--peer wcf` makes the same calls
 * against WCF (Mono's System.ServiceModel) instead of our own host.
 */

export interface DemoOptions {
  /** "self" (default): our ServiceHost; "wcf": the Mono WCF peer of tools/peers. */
  readonly peer?: "self" | "wcf";
  /** The burst of Add calls on each endpoint (default 2,000 calls or 2 s, one call in flight). */
  readonly burst?: BurstLimits;
  readonly print?: (line: string) => void;
}

export interface DemoResult {
  readonly reports: readonly EndpointReport[];
  /** True when every step went as the demo meant it to (a missing WCF peer is not a failure). */
  readonly ok: boolean;
  /** Why nothing was called (`--peer wcf` without the peer installed). */
  readonly skipped?: string;
}

export const DEFAULT_BURST: BurstLimits = { maxCalls: 2000, maxMs: 2000, inFlight: 1 };

const portOf = (url: string) => Number(new URL(url.replace(/^net\.tcp:/i, "http:")).port);

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const limits = options.burst ?? DEFAULT_BURST;
  return options.peer === "wcf" ? againstWcf(print, limits) : againstOurHost(print, limits);
}

async function againstOurHost(print: (line: string) => void, limits: BurstLimits): Promise<DemoResult> {
  print("wwsapi-ts demo: a calculator service on HTTP and net.tcp, hosted and called with @wwsapi/service-model\n");
  const host = new ServiceHost(Calculator, calculatorHandlers, { faultDisclosure: "full" });
  const relays: CountingRelay[] = [];
  const reports: EndpointReport[] = [];
  try {
    const [httpUrl, tcpUrl] = (await host.listen("http://127.0.0.1:0/calculator", "net.tcp://127.0.0.1:0/calculator")) as [string, string];
    print(`ServiceHost (ICalculator: Add, Echo, EchoBytes, Divide; typed handlers) listening on\n  ${httpUrl}\n  ${tcpUrl}`);
    const httpRelay = await CountingRelay.start(portOf(httpUrl));
    relays.push(httpRelay);
    const tcpRelay = await CountingRelay.start(portOf(tcpUrl));
    relays.push(tcpRelay);
    print(
      "Clients: WsCreateServiceProxy + WsOpenServiceProxy, then the typed client createClient(proxy, Calculator) for the calls,\n" +
        "each through a TCP relay that counts the bytes each way (request = client to service, reply = back).\n",
    );
    const endpoints: Endpoint[] = [
      {
        name: "HTTP text",
        title: "HTTP, SOAP 1.2 + WS-Addressing 1.0, text (WS_HTTP_CHANNEL_BINDING, request channels)",
        url: `http://127.0.0.1:${httpRelay.port}/calculator`,
        channelType: WS_CHANNEL_TYPE_REQUEST,
        binding: WS_HTTP_CHANNEL_BINDING,
        channelProperties: [],
        relay: httpRelay,
      },
      {
        name: "net.tcp binary",
        title: "net.tcp, SOAP 1.2 + WS-Addressing 1.0, binary session (WS_TCP_CHANNEL_BINDING, [MC-NMF] + [MC-NBFSE])",
        url: `net.tcp://127.0.0.1:${tcpRelay.port}/calculator`,
        channelType: WS_CHANNEL_TYPE_DUPLEX_SESSION,
        binding: WS_TCP_CHANNEL_BINDING,
        relay: tcpRelay,
      },
    ];
    for (const endpoint of endpoints) {
      reports.push(await exercise(endpoint, limits, print));
      print("");
    }
    printSummary(reports, print);
  } finally {
    await host.close();
    await Promise.all(relays.map((relay) => relay.close()));
  }
  print("\nClosed the clients, the service host and the relays: the process ends by itself.");
  return { reports, ok: reports.length === 2 && reports.every((r) => r.ok) };
}

async function againstWcf(print: (line: string) => void, limits: BurstLimits): Promise<DemoResult> {
  print("wwsapi-ts demo: the calculator calls against WCF (Mono's System.ServiceModel, tools/peers/mono-wcf)\n");
  const missing = wcfPeerMissing();
  if (missing !== undefined) {
    print(`The WCF peer is not installed here: ${missing}.\n`);
    for (const line of INSTALL_HELP) print(line);
    return { reports: [], ok: true, skipped: missing };
  }
  const [httpPort, tcpPort] = (await freePorts(2)) as [number, number];
  const relays: CountingRelay[] = [];
  const reports: EndpointReport[] = [];
  try {
    const httpRelay = await CountingRelay.start(httpPort);
    relays.push(httpRelay);
    // WCF drops a net.tcp message whose wsa:To does not name its endpoint's port (its address filter
    // ignores the host), and a WWSAPI client's To is the URL it connects to. Mono listens on
    // 127.0.0.1:tcpPort only, so the relay takes the same port on 127.0.0.2 (Linux routes all of
    // 127.0.0.0/8 to the loopback interface): To names the right port, the bytes pass the relay.
    const tcpRelay = await CountingRelay.start(tcpPort, { host: "127.0.0.2", port: tcpPort }).catch((thrown: unknown) => {
      print(`The net.tcp relay cannot listen on 127.0.0.2:${tcpPort}: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      return null;
    });
    if (tcpRelay === null) return { reports, ok: false };
    relays.push(tcpRelay);
    print(`Starting mono Calc.exe server (HTTP port ${httpPort}, net.tcp port ${tcpPort}; Mono takes a few seconds)…`);
    const peer = await startWcfPeer({ httpPort, tcpPort, publicHttpPort: httpRelay.port }).catch((thrown: unknown) => {
      print(`The WCF peer did not start: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      return null;
    });
    if (peer === null) return { reports, ok: false };
    try {
      print(
        `WCF service open (pid ${peer.pid}). Clients: WsCreateServiceProxy + WsOpenServiceProxy, then createClient(proxy, Calculator),\n` +
          "each through a TCP relay that counts the bytes each way (request = client to service, reply = back).\n",
      );
      const http = `http://127.0.0.1:${httpRelay.port}/calc`;
      const endpoints: Endpoint[] = [
        {
          name: "WCF basic",
          title: "WCF BasicHttpBinding: HTTP, SOAP 1.1, no WS-Addressing, text",
          url: `${http}/basic`,
          channelType: WS_CHANNEL_TYPE_REQUEST,
          binding: WS_HTTP_CHANNEL_BINDING,
          channelProperties: [
            { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
            { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
          ],
          relay: httpRelay,
        },
        {
          name: "WCF ws",
          title: "WCF WSHttpBinding (SecurityMode.None): HTTP, SOAP 1.2 + WS-Addressing 1.0, text",
          url: `${http}/ws`,
          channelType: WS_CHANNEL_TYPE_REQUEST,
          binding: WS_HTTP_CHANNEL_BINDING,
          channelProperties: [],
          relay: httpRelay,
        },
        {
          name: "WCF net.tcp",
          title: "WCF NetTcpBinding (SecurityMode.None): net.tcp, SOAP 1.2 + WS-Addressing 1.0, binary session",
          url: `net.tcp://127.0.0.2:${tcpRelay.port}/calc/tcp`,
          channelType: WS_CHANNEL_TYPE_DUPLEX_SESSION,
          binding: WS_TCP_CHANNEL_BINDING,
          relay: tcpRelay,
          skipFault: "Mono's net.tcp listener answers an action it has no operation for with no message at all (tools/peers/README.md)",
        },
      ];
      for (const endpoint of endpoints) {
        reports.push(await exercise(endpoint, limits, print));
        print("");
      }
      printSummary(reports, print);
    } finally {
      await peer.stop();
    }
  } finally {
    await Promise.all(relays.map((relay) => relay.close()));
  }
  print("\nClosed the clients, stopped the WCF peer and the relays: the process ends by itself.");
  return { reports, ok: reports.length === 3 && reports.every((r) => r.ok) };
}
