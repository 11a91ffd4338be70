import { DEBIAN_PYTHON, freePort, PEERS_DIR, SERVER_LIFETIME_SECONDS } from "./environment.js";
import { type RunningServer, startServer } from "./process.js";

/**
 * The spyne peer (tools/peers/python/spyne_server.py, Debian python3-spyne 2.14): the Mono peer's
 * ICalculator on the wire, no WS-Addressing. Faults: SOAP 1.1 Client.SchemaValidationError etc.
 */
export interface SpyneServer extends RunningServer {
  /** SOAP 1.1. WSDL at `${url}?wsdl`. */
  readonly url: string;
  /** SOAP 1.2 (no WS-Addressing). */
  readonly url12: string;
  /** SOAP 1.1 whose EchoBytes reply is MTOM (crashes under Python 3: see tools/peers/README.md). */
  readonly mtom: string;
}

export async function startSpyneServer(): Promise<SpyneServer> {
  const port = await freePort();
  const server = await startServer(
    DEBIAN_PYTHON,
    [`${PEERS_DIR}python/spyne_server.py`, "--port", String(port), "--seconds", String(SERVER_LIFETIME_SECONDS)],
    { ports: [port], readyText: "spyne: listening" },
  );
  const base = `http://127.0.0.1:${port}`;
  return { ...server, url: `${base}/calc`, url12: `${base}/calc12`, mtom: `${base}/calcmtom` };
}
