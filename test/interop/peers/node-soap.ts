import { freePort, PEERS_DIR, SERVER_LIFETIME_SECONDS } from "./environment.js";
import { type ClientResult, type RunningServer, runClient, startServer } from "./process.js";

/**
 * The node-soap peer (npm soap 1.13, from bench/node_modules): tools/peers/node-soap/server.mjs
 * serves the hand-written calc.wsdl (the Mono peer's ICalculator on the wire); call.mjs is a client.
 */
export interface NodeSoapServer extends RunningServer {
  /** SOAP 1.1. WSDL at `${url}?wsdl`. */
  readonly url: string;
  /** SOAP 1.2 (forceSoap12Headers; the server does not look at the request's version). */
  readonly url12: string;
}

export async function startNodeSoapServer(): Promise<NodeSoapServer> {
  const port = await freePort();
  const server = await startServer(
    process.execPath,
    [`${PEERS_DIR}node-soap/server.mjs`, "--port", String(port), "--seconds", String(SERVER_LIFETIME_SECONDS)],
    { ports: [port], readyText: "node-soap: listening" },
  );
  const base = `http://127.0.0.1:${port}`;
  return { ...server, url: `${base}/calc`, url12: `${base}/calc12` };
}

/** node-soap as a client: basic = SOAP 1.1, soap12 = SOAP 1.2 without WS-Addressing. */
export function runNodeSoapClient(binding: "basic" | "soap12", address: string, ops = "add,echo,bytes"): Promise<ClientResult> {
  return runClient(process.execPath, [`${PEERS_DIR}node-soap/call.mjs`, "--binding", binding, "--address", address, "--ops", ops]);
}
