import { freePort, PEERS_DIR, SERVER_LIFETIME_SECONDS } from "./environment.js";
import { type ClientResult, type RunningServer, runClient, startServer } from "./process.js";

/**
 * The gSOAP peer (Debian gsoap 2.8.124; tools/peers/gsoap, built from the repaired Mono WSDL):
 * calc_server answers SOAP 1.1 or 1.2 as the request is, with WS-Addressing 1.0 headers when the
 * request has a MessageID, one request at a time; calc_client calls Add(2,3) and Echo.
 */
export interface GsoapServer extends RunningServer {
  /** Any path: gSOAP dispatches on the body's element. */
  readonly url: string;
}

const DIR = `${PEERS_DIR}gsoap/`;

export async function startGsoapServer(): Promise<GsoapServer> {
  const port = await freePort();
  const server = await startServer(`${DIR}calc_server`, [String(port), String(SERVER_LIFETIME_SECONDS)], {
    cwd: DIR,
    ports: [port],
    readyText: "gsoap-server: listening",
  });
  return { ...server, url: `http://127.0.0.1:${port}/` };
}

/** basic = SOAP 1.1; ws = SOAP 1.2 + WS-Addressing 1.0 (the wsa plugin); soap12 = the same against a CustomBinding. */
export function runGsoapClient(mode: "basic" | "ws" | "soap12", address: string): Promise<ClientResult> {
  return runClient(`${DIR}calc_client`, [mode, address], { cwd: DIR });
}
