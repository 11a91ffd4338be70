import { freePorts, PEERS_DIR, SERVER_LIFETIME_SECONDS } from "./environment.js";
import { type ClientResult, type RunningServer, runClient, startServer } from "./process.js";

/**
 * The Mono WCF peer (tools/peers/mono-wcf/Calc.cs, System.ServiceModel of Mono 6.8): contract
 * ICalculator in http://tempuri.org/ (Add, Echo, EchoBytes), one endpoint per binding.
 */

const CALC_EXE = `${PEERS_DIR}mono-wcf/Calc.exe`;

export interface MonoServer extends RunningServer {
  /** BasicHttpBinding: SOAP 1.1, no addressing, text/xml. */
  readonly url: string;
  readonly basic: string;
  /** WSHttpBinding(SecurityMode.None): SOAP 1.2 + WS-Addressing 1.0. */
  readonly ws: string;
  /** CustomBinding(Text Soap12WSAddressing10, HTTP): the same wire as `ws`. */
  readonly soap12: string;
  /** CustomBinding(BinaryMessageEncoding, HTTP): application/soap+msbin1, SOAP 1.2 + WS-Addressing 1.0. */
  readonly binary: string;
  /** BasicHttpBinding with MTOM (Mono writes malformed MTOM: see tools/peers/README.md). */
  readonly mtom: string;
  /** NetTcpBinding(SecurityMode.None): [MC-NMF] duplex session + [MC-NBFSE]. */
  readonly tcp: string;
  readonly httpPort: number;
  readonly tcpPort: number;
}

/** Starts `mono Calc.exe server` on two free ports; resolves once both accept connections. */
export async function startMonoServer(): Promise<MonoServer> {
  const [httpPort, tcpPort] = (await freePorts(2)) as [number, number];
  const server = await startServer(
    "mono",
    [CALC_EXE, "server", "--http-port", String(httpPort), "--tcp-port", String(tcpPort), "--seconds", String(SERVER_LIFETIME_SECONDS)],
    { ports: [httpPort, tcpPort], readyText: "server: open", startTimeoutMs: 60_000 },
  );
  const http = `http://127.0.0.1:${httpPort}/calc`;
  return {
    ...server,
    url: `${http}/basic`,
    basic: `${http}/basic`,
    ws: `${http}/ws`,
    soap12: `${http}/soap12`,
    binary: `${http}/binary`,
    mtom: `${http}/mtom`,
    tcp: `net.tcp://127.0.0.1:${tcpPort}/calc/tcp`,
    httpPort,
    tcpPort,
  };
}

/** The bindings `Calc.exe client` knows (Calc.cs, Bindings.Make). */
export type MonoBinding = "basic" | "basicmtom" | "ws" | "ws-custom" | "http-binary" | "tcp";

/** Runs `mono Calc.exe client`: Add(2,3), Echo, EchoBytes(2048) against `address`; exit 0 when every answer is right. */
export function runMonoClient(binding: MonoBinding, address: string, ops = "add,echo,bytes", via?: string): Promise<ClientResult> {
  const args = [CALC_EXE, "client", "--binding", binding, "--address", address, "--ops", ops];
  if (via !== undefined) args.push("--via", via);
  return runClient("mono", args);
}
