import {
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_ENCODING_XML_BINARY_1,
} from "@wwsapi/core";
import { contract, createClient, ServiceHost } from "@wwsapi/service-model";
import {
  EchoReply,
  EchoRequest,
  nodeSoapClient,
  PAYLOAD,
  SOAP11_HEADERS,
  SOAP11_PROPERTIES,
  SOAP11_REQUEST,
  TEMPURI,
} from "./channels-http.bench.js";
import { table } from "./measure.js";
import {
  autocannonLoad,
  type ChildServer,
  cpuPerCall,
  interleaved,
  type LoadResult,
  loadTable,
  reasonOf,
  runLoad,
  type ServerFactory,
  type ServerSample,
  serveInChild,
  strayRejections,
  type Unavailable,
  verdict,
  withServerCpu,
} from "./net-baselines.js";

/**
 * Issue #7, the service model end to end: the Echo operation (1 KiB string each way) at
 * concurrency 1 and 32, our typed client (createClient: WsCall on a service proxy, one client per
 * lane) against our ServiceHost over HTTP text (SOAP 1.1 without WS-Addressing, as BasicHttpBinding
 * and node-soap), HTTP binary (application/soap+msbin1, SOAP 1.2 + WS-Addressing 1.0) and net.tcp
 * (binary session); node-soap's client against node-soap's server on the same contract (the same
 * WSDL); autocannon sending the same SOAP 1.1 request bytes to our host and to node-soap's server.
 * Each server runs in a child process of its own, so its resident memory is its own.
 */

const HERE = import.meta.url;
const HTTP = new URL("./channels-http.bench.ts", import.meta.url).href;
const CALLS = { 1: 400, 32: 1_600 } as const;

export const Echo = contract("IEcho", TEMPURI, { Echo: { input: EchoRequest, output: EchoReply } });

/** WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS TRUE, as the service model's own tests use net.tcp. */
const TIMEOUTS_ON = { id: WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS, value: true } as WS_CHANNEL_PROPERTY;

interface Binding {
  name: string;
  scheme: "http" | "net.tcp";
  channelProperties: WS_CHANNEL_PROPERTY[];
}

const BINDINGS: Binding[] = [
  { name: "HTTP text (SOAP 1.1)", scheme: "http", channelProperties: SOAP11_PROPERTIES },
  { name: "HTTP text (SOAP 1.2 + WSA 1.0)", scheme: "http", channelProperties: [] },
  {
    name: "HTTP binary (SOAP 1.2 + WSA 1.0)",
    scheme: "http",
    channelProperties: [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 } as WS_CHANNEL_PROPERTY],
  },
  { name: "net.tcp (binary session)", scheme: "net.tcp", channelProperties: [TIMEOUTS_ON] },
];

/** Our ServiceHost for the Echo contract on one binding (a child-process server factory). */
export const ourEchoHost: ServerFactory = async (arg) => {
  const { scheme, channelProperties } = arg as Binding;
  const host = new ServiceHost(Echo, { Echo: ({ text }) => ({ EchoResult: text }) }, { channelProperties });
  const [url] = await host.listen(`${scheme}://127.0.0.1:0/echo`);
  return { info: { url }, close: () => host.close() };
};

const mb = (bytes: number) => (bytes / (1 << 20)).toFixed(0);

export async function serviceModelBench(): Promise<void> {
  console.log("\nService model (issue #7): Echo of 1 KiB each way, each server in a child process of its own");
  const stray = strayRejections();
  const started: ChildServer[] = [];
  const rows: (LoadResult | Unavailable)[] = [];
  const goals: string[][] = [];
  const memory: string[][] = [];
  try {
    const soapServer = await serveInChild(HTTP, "nodeSoapServer");
    started.push(soapServer);
    const hosts = new Map<Binding, ChildServer | string>();
    for (const binding of BINDINGS) {
      try {
        const server = await serveInChild(HERE, "ourEchoHost", binding);
        started.push(server);
        hosts.set(binding, server);
      } catch (thrown) {
        hosts.set(binding, reasonOf(thrown));
      }
    }
    const soapUrl = soapServer.info.url as string;
    const idle = new Map<ChildServer, ServerSample>();

    for (const concurrency of [1, 32] as const) {
      const calls = CALLS[concurrency];
      const closers: (() => unknown)[] = [];
      const soapClient = await nodeSoapClient(soapUrl, concurrency);
      closers.push(() => soapClient.close());
      await soapClient.call();
      if (!idle.has(soapServer)) idle.set(soapServer, await soapServer.sample());
      const subjects: (() => Promise<LoadResult>)[] = [
        () => withServerCpu(soapServer, () => runLoad("node-soap client -> node-soap server", calls, concurrency, () => soapClient.call())),
        () =>
          withServerCpu(soapServer, () =>
            autocannonLoad("autocannon -> node-soap server", {
              url: soapUrl,
              body: SOAP11_REQUEST,
              headers: SOAP11_HEADERS,
              calls,
              connections: concurrency,
            }),
          ),
      ];
      const missing: Unavailable[] = [];
      for (const binding of BINDINGS) {
        const name = `our client -> our host, ${binding.name}`;
        const server = hosts.get(binding)!;
        if (typeof server === "string") {
          missing.push({ name, unavailable: server });
          continue;
        }
        const url = server.info.url as string;
        try {
          const clients = Array.from({ length: concurrency }, () =>
            createClient({ url, channelProperties: binding.channelProperties }, Echo),
          );
          closers.push(() => Promise.all(clients.map((c) => c.close())));
          // The first call opens each client's proxy: not timed.
          await Promise.all(clients.map((c) => c.Echo({ text: PAYLOAD })));
          if (!idle.has(server)) idle.set(server, await server.sample());
          subjects.push(() =>
            withServerCpu(server, () =>
              runLoad(name, calls, concurrency, async (lane) => {
                const { EchoResult } = await clients[lane]!.Echo({ text: PAYLOAD });
                if (EchoResult.length !== PAYLOAD.length) throw new Error("echo mismatch");
              }),
            ),
          );
        } catch (thrown) {
          missing.push({ name, unavailable: reasonOf(thrown) });
        }
        if (binding === BINDINGS[0]) {
          subjects.push(() =>
            withServerCpu(server, () =>
              autocannonLoad(`autocannon -> our host, ${binding.name}`, {
                url,
                body: SOAP11_REQUEST,
                headers: SOAP11_HEADERS,
                calls,
                connections: concurrency,
              }),
            ),
          );
        }
      }
      const results = await interleaved(subjects);
      rows.push(...results, ...missing);
      for (const close of closers) await close();

      const by = (name: string) => results.find((r) => r.name === name);
      const reason = (name: string) => missing.find((m) => m.name === name)?.unavailable ?? "the row is missing";
      const ratioGoal = (text: string, ours: string, theirs: string, target: number, show: "x" | "only") => {
        const a = by(ours);
        const b = by(theirs);
        if (a === undefined || b === undefined) {
          goals.push([text, "-", "-", `not available yet (${reason(a === undefined ? ours : theirs)})`]);
          return;
        }
        const ratio = a.perSecond / b.perSecond;
        goals.push([
          text,
          `${ratio.toFixed(2)}x`,
          `${(cpuPerCall(b) / cpuPerCall(a)).toFixed(2)}x`,
          show === "only" ? "info" : verdict(ratio >= target),
        ]);
      };
      const soapCalls = "node-soap client -> node-soap server";
      const [text, text12, binary, tcp] = BINDINGS.map((b) => `our client -> our host, ${b.name}`) as [string, string, string, string];
      ratioGoal(
        `c${concurrency}: our HTTP proxy+host >= 5x node-soap's calls/s${concurrency === 1 ? " (goal stated at c32)" : ""}`,
        text,
        soapCalls,
        5,
        concurrency === 32 ? "x" : "only",
      );
      ratioGoal(
        `c${concurrency}: autocannon: our host >= 3x node-soap's server`,
        `autocannon -> our host, ${BINDINGS[0]!.name}`,
        "autocannon -> node-soap server",
        3,
        "x",
      );
      // The same envelope (SOAP 1.2 + WS-Addressing 1.0) on both sides; SOAP 1.1 without addressing carries less, shown for reference.
      ratioGoal(`c${concurrency}: net.tcp faster than HTTP text, same envelope`, tcp, text12, 1.0000001, "x");
      ratioGoal(`c${concurrency}: net.tcp faster than HTTP binary, same envelope`, tcp, binary, 1.0000001, "x");
      ratioGoal(`c${concurrency}: (reference) net.tcp against HTTP text SOAP 1.1, no WS-Addressing`, tcp, text, 1, "only");
    }

    for (const [server, name] of [
      [soapServer, "node-soap server"],
      ...BINDINGS.map((b) => [hosts.get(b)!, `our host, ${b.name}`] as const),
    ] as const) {
      if (typeof server === "string") {
        memory.push([name, "", "", `not available yet (${server})`]);
        continue;
      }
      const before = idle.get(server);
      const after = await server.sample();
      memory.push([name, before === undefined ? "-" : mb(before.rssBytes), mb(after.rssBytes), mb(after.peakRssBytes)]);
    }
  } catch (thrown) {
    // A piece this bench needs did not load or start (the tree is being worked on): say so, do not fail `pnpm bench`.
    console.log(`service model bench: stopped early, not available yet (${reasonOf(thrown)})`);
  } finally {
    for (const server of started) await server.stop();
    await stray.report("service model bench, client side");
  }
  console.log(loadTable(rows));
  console.log(
    table(["server process (tsx loaded in each)", "RSS MB after 1st call", "RSS MB after the load", "peak RSS MB (sampled)"], memory),
  );
  console.log(table(["goal (issue #7)", "calls/s ratio", "CPU/call ratio", "result"], goals));
}
