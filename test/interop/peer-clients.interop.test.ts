import { afterAll, expect, it } from "vitest";
import {
  type ClientResult,
  describeWithPeers,
  type GsoapServer,
  type MonoServer,
  type NodeSoapServer,
  runGsoapClient,
  runMonoClient,
  runNodeSoapClient,
  runZeepClient,
  type SpyneServer,
  startGsoapServer,
  startMonoServer,
  startNodeSoapServer,
  startSpyneServer,
} from "./peers/index.js";

/*
 * The harness itself: every client peer against server peers, so that when our listeners exist the
 * same client functions (runZeepClient, runNodeSoapClient, runMonoClient, runGsoapClient) can be
 * pointed at them and a failure means our side. Each client calls Add(2,3), Echo and (but gSOAP's)
 * EchoBytes(2048) and exits 0 only when every answer is right. Servers start on first use, once per
 * file, and stop in afterAll.
 */

const started: { stop(): Promise<void> }[] = [];
function lazily<T extends { stop(): Promise<void> }>(start: () => Promise<T>): () => Promise<T> {
  let server: Promise<T> | undefined;
  return () => {
    server ??= start().then((s) => {
      started.push(s);
      return s;
    });
    return server;
  };
}
const mono = lazily<MonoServer>(startMonoServer);
const spyne = lazily<SpyneServer>(startSpyneServer);
const nodeSoap = lazily<NodeSoapServer>(startNodeSoapServer);
const gsoap = lazily<GsoapServer>(startGsoapServer);
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

function expectSuccess(result: ClientResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
}

describeWithPeers("zeep client", ["zeep", "spyne", "node-soap", "mono"], () => {
  it("→ spyne, SOAP 1.1", async () => expectSuccess(await runZeepClient("basic", (await spyne()).url)));
  it("→ node-soap, SOAP 1.1", async () => expectSuccess(await runZeepClient("basic", (await nodeSoap()).url)));
  it("→ Mono BasicHttpBinding", async () => expectSuccess(await runZeepClient("basic", (await mono()).basic)));
  it("→ Mono WSHttpBinding, SOAP 1.2 + WS-Addressing 1.0", async () => expectSuccess(await runZeepClient("ws", (await mono()).ws)));
});

describeWithPeers("node-soap client", ["node-soap", "spyne", "mono"], () => {
  it("→ spyne, SOAP 1.1", async () => expectSuccess(await runNodeSoapClient("basic", (await spyne()).url)));
  it("→ spyne, SOAP 1.2", async () => expectSuccess(await runNodeSoapClient("soap12", (await spyne()).url12)));
  it("→ node-soap, SOAP 1.2", async () => expectSuccess(await runNodeSoapClient("soap12", (await nodeSoap()).url12)));
  it("→ Mono BasicHttpBinding", async () => expectSuccess(await runNodeSoapClient("basic", (await mono()).basic)));
});

describeWithPeers("Mono WCF client", ["mono", "spyne", "node-soap", "gsoap"], () => {
  it("→ spyne, BasicHttpBinding", async () => expectSuccess(await runMonoClient("basic", (await spyne()).url)));
  it("→ node-soap, BasicHttpBinding", async () => expectSuccess(await runMonoClient("basic", (await nodeSoap()).url)));
  it("→ gSOAP, BasicHttpBinding", async () => expectSuccess(await runMonoClient("basic", (await gsoap()).url)));
  it("→ gSOAP, WSHttpBinding", async () => expectSuccess(await runMonoClient("ws", (await gsoap()).url)));
  it("→ Mono, binary over HTTP", async () => expectSuccess(await runMonoClient("http-binary", (await mono()).binary)));
  it("→ Mono, net.tcp", async () => expectSuccess(await runMonoClient("tcp", (await mono()).tcp)));
});

describeWithPeers("gSOAP client", ["gsoap", "mono", "node-soap"], () => {
  it("→ node-soap, SOAP 1.1", async () => expectSuccess(await runGsoapClient("basic", (await nodeSoap()).url)));
  it("→ Mono BasicHttpBinding", async () => expectSuccess(await runGsoapClient("basic", (await mono()).basic)));
  it("→ Mono WSHttpBinding, SOAP 1.2 + WS-Addressing 1.0", async () => expectSuccess(await runGsoapClient("ws", (await mono()).ws)));
});
