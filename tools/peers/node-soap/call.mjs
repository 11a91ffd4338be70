// node-soap (npm soap 1.13.0) client: Add(2,3), Echo(TEXT) and EchoBytes(2048 bytes) against one address.
//   node call.mjs --binding basic|soap12 --address URL [--ops add,echo,bytes]
// The contract is the hand-written calc.wsdl (the Mono peer's ICalculator on the wire). basic: SOAP 1.1;
// soap12: SOAP 1.2 (forceSoap12Headers; node-soap has no WS-Addressing). Prints one line per call and
// exits 0 when every answer is right, 1 otherwise.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";

// node-soap is the `soap` package bench/ depends on (pnpm install puts it in bench/node_modules).
const soap = createRequire(new URL("../../../bench/package.json", import.meta.url))("soap");

const arg = (k, d) => {
  const i = process.argv.indexOf(`--${k}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const binding = arg("binding", "basic");
const address = arg("address", "http://127.0.0.1:18095/calc");
const ops = arg("ops", "add,echo,bytes").split(",");
const TEXT = "hello \u00e9\u4e16 <&>";
const DATA = Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 251));
const timeout = 10000;

const wsdl = fs.readFileSync(new URL("./calc.wsdl", import.meta.url), "utf8").replaceAll("LOCATION", "http://127.0.0.1:1");
const path = new URL(`file://${os.tmpdir()}/node-soap-call-${process.pid}.wsdl`);
fs.writeFileSync(path, wsdl);
let ok = true;
try {
  const client = await soap.createClientAsync(path.pathname, { forceSoap12Headers: binding === "soap12" });
  client.setEndpoint(address);
  if (ops.includes("add")) {
    const [r] = await client.AddAsync({ a: 2, b: 3 }, { timeout });
    console.log(`node-soap[${binding}]: Add(2,3) = ${r.AddResult}`);
    ok &&= Number(r.AddResult) === 5;
  }
  if (ops.includes("echo")) {
    const [r] = await client.EchoAsync({ text: TEXT }, { timeout });
    console.log(`node-soap[${binding}]: Echo = ${r.EchoResult}`);
    ok &&= r.EchoResult === TEXT;
  }
  if (ops.includes("bytes")) {
    const [r] = await client.EchoBytesAsync({ data: DATA.toString("base64") }, { timeout });
    const back = Buffer.from(r.EchoBytesResult ?? "", "base64");
    console.log(`node-soap[${binding}]: EchoBytes len=${back.length} same=${back.equals(DATA)}`);
    ok &&= back.equals(DATA);
  }
} catch (e) {
  console.log(`node-soap[${binding}]: FAILED ${String(e?.message ?? e).split("\n")[0]}`);
  ok = false;
} finally {
  fs.rmSync(path, { force: true });
}
console.log(`node-soap[${binding}]: ${ok ? "OK" : "MISMATCH"}`);
process.exit(ok ? 0 : 1);
