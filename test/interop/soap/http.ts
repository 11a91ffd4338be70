import { request } from "node:http";
import { actionOf, type CalcCall, type Wire } from "./calc.js";

/** node:http as the transport of our hand-made SOAP messages (the HTTP channel does not exist yet). */

export interface HttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** POSTs `body` to `url` and collects the whole answer (at most 16 MB, within `timeoutMs`). */
export function post(url: string, body: Uint8Array, headers: Record<string, string>, timeoutMs = 20_000): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { ...headers, "Content-Length": String(body.length) }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > 16 << 20) req.destroy(new Error(`${url}: answer larger than 16 MB`));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers["content-type"] ?? "",
            body: new Uint8Array(Buffer.concat(chunks)),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** The HTTP headers WCF's bindings use for each wire: SOAPAction for SOAP 1.1, action= for SOAP 1.2, msbin1 for binary. */
export function soapHeaders(wire: Wire, op: CalcCall["op"]): Record<string, string> {
  const action = actionOf(op);
  if (wire.encoding === "binary") return { "Content-Type": "application/soap+msbin1" };
  if (wire.soap === "1.1") return { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${action}"` };
  return { "Content-Type": `application/soap+xml; charset=utf-8; action="${action}"` };
}
