import { DEBIAN_PYTHON, PEERS_DIR } from "./environment.js";
import { type ClientResult, runClient } from "./process.js";

/**
 * The zeep client (tools/peers/python/zeep_call.py, Debian python3-zeep 4.2): Add(2,3), Echo,
 * EchoBytes(2048) with the contract of tools/peers/wsdl/calc.wsdl, against any address.
 * basic = SOAP 1.1; ws = SOAP 1.2 + WS-Addressing 1.0 (zeep adds the headers itself).
 */
export function runZeepClient(binding: "basic" | "ws", address: string, ops = "add,echo,bytes"): Promise<ClientResult> {
  return runClient(DEBIAN_PYTHON, [`${PEERS_DIR}python/zeep_call.py`, "--binding", binding, "--address", address, "--ops", ops]);
}
