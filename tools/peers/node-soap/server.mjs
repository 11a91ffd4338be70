// node-soap (npm soap 1.13.0) server on 127.0.0.1.
//   node server.mjs [--port 18095] [--seconds 120]
// SOAP 1.1 at /calc, SOAP 1.2 at /calc12, WSDL at /calc?wsdl and /calc12?wsdl.
// WS-Security: if a request carries wsse:Security with a UsernameToken, it must
// be alice/secret (PasswordText) or a valid PasswordDigest for it; requests
// without one are let through. Exits by itself after --seconds.

import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";

// node-soap is the `soap` package bench/ depends on (pnpm install puts it in bench/node_modules).
const soap = createRequire(new URL("../../../bench/package.json", import.meta.url))("soap");

const arg = (k, d) => {
  const i = process.argv.indexOf(`--${k}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const port = Number(arg("port", 18095));
const seconds = Number(arg("seconds", 120));
const base = `http://127.0.0.1:${port}`;
const wsdl = fs.readFileSync(new URL("./calc.wsdl", import.meta.url), "utf8").replaceAll("LOCATION", base);

const impl = {
  Add: ({ a, b }) => {
    console.log(`node-soap: Add(${a},${b})`);
    return { AddResult: Number(a) + Number(b) };
  },
  Echo: ({ text }) => {
    console.log(`node-soap: Echo(${JSON.stringify(text)})`);
    return { EchoResult: text };
  },
  EchoBytes: ({ data }) => {
    console.log(`node-soap: EchoBytes(len=${Buffer.from(data ?? "", "base64").length})`);
    return { EchoBytesResult: data };
  },
};
const services = { Calculator: { BasicHttpBinding_ICalculator: impl, Soap12Binding_ICalculator: impl } };

function checkUsernameToken(security) {
  const tok = security?.UsernameToken;
  if (!tok) return true;
  const user = tok.Username;
  const pw = tok.Password;
  const pwText = typeof pw === "object" ? pw.$value : pw;
  const type = typeof pw === "object" ? (pw.attributes?.Type ?? "") : "";
  let ok;
  if (type.endsWith("#PasswordDigest")) {
    const nonce = Buffer.from(typeof tok.Nonce === "object" ? tok.Nonce.$value : tok.Nonce, "base64");
    const created = tok.Created;
    const digest = crypto
      .createHash("sha1")
      .update(Buffer.concat([nonce, Buffer.from(created), Buffer.from("secret")]))
      .digest("base64");
    ok = user === "alice" && pwText === digest;
  } else {
    ok = user === "alice" && pwText === "secret";
  }
  console.log(`node-soap: UsernameToken user=${user} type=${type || "PasswordText"} -> ${ok ? "accepted" : "REJECTED"}`);
  return ok;
}

const server = http.createServer((_req, res) => {
  res.statusCode = 404;
  res.end("not found\n");
});
server.listen(port, "127.0.0.1", () => {
  for (const path of ["/calc", "/calc12"]) {
    // forceSoap12Headers makes the server answer with SOAP 1.2 envelopes (it does not look at the request)
    const s = soap.listen(server, { path, services, xml: wsdl, forceSoap12Headers: path === "/calc12" });
    s.authenticate = (security) => checkUsernameToken(security);
    s.log = (type, data) => {
      if (type === "error") console.log("node-soap error:", String(data).slice(0, 300));
    };
  }
  console.log(`node-soap: listening on ${base}/calc and ${base}/calc12, pid ${process.pid}, exiting after ${seconds}s`);
});
setTimeout(() => {
  console.log("node-soap: time up");
  process.exit(0);
}, seconds * 1000).unref();
