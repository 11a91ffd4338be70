import { expect } from "vitest";
import { actionOf, type CalcCall, ECHO_BYTES, ECHO_TEXT, type Fault, type Reply, readReply, type Wire, writeRequest } from "./calc.js";
import { type HttpReply, post, soapHeaders } from "./http.js";

/** One calculator call over HTTP, written and read by our XML layer; plus the checks every suite makes. */

export interface Exchange {
  readonly http: HttpReply;
  readonly messageId: string;
  readonly reply: Reply;
}

export async function exchange(wire: Wire, url: string, call: CalcCall): Promise<Exchange> {
  const messageId = `urn:uuid:${crypto.randomUUID()}`;
  const http = await post(url, writeRequest(wire, call, url, messageId), soapHeaders(wire, call.op));
  let reply: Reply;
  try {
    reply = readReply(wire, call.op, http.body);
  } catch (error) {
    const text = Buffer.from(http.body.subarray(0, 800)).toString(wire.encoding === "text" ? "utf8" : "hex");
    throw new Error(`${(error as Error).message}\nHTTP ${http.status} ${http.contentType}\n${text}`);
  }
  return { http, messageId, reply };
}

/** The media type each wire's replies must have (parameters aside). */
export function mediaType(wire: Wire): string {
  if (wire.encoding === "binary") return "application/soap+msbin1";
  return wire.soap === "1.1" ? "text/xml" : "application/soap+xml";
}

/** A successful reply: HTTP 200, the right media type, the response element and value, and (with addressing) Action and RelatesTo. */
export function expectResult(wire: Wire, x: Exchange, op: "Add" | "Echo" | "EchoBytes", value: unknown): void {
  expect(x.http.status).toBe(200);
  expect(x.http.contentType.split(";")[0]).toBe(mediaType(wire));
  expect(x.reply.body).toEqual({ kind: "result", response: `${op}Response`, value });
  if (wire.addressing) {
    expect(x.reply.action).toBe(actionOf(`${op}Response`));
    expect(x.reply.relatesTo).toBe(x.messageId);
  }
}

/** What a peer answers to a call that faults. */
export interface FaultCase {
  readonly call: CalcCall;
  readonly status: number;
  readonly fault: Omit<Fault, "kind">;
  /** The wsa:Action of the fault message, when the peer sends one. */
  readonly action?: string;
  /** Whether the fault relates to the request's MessageID (wsa:RelatesTo). */
  readonly relates?: boolean;
}

export async function expectFault(wire: Wire, url: string, c: FaultCase): Promise<void> {
  const x = await exchange(wire, url, c.call);
  expect(x.http.status).toBe(c.status);
  expect(x.http.contentType.split(";")[0]).toBe(mediaType(wire));
  expect(x.reply.body).toEqual({ kind: "fault", ...c.fault });
  expect(x.reply.action).toBe(c.action);
  expect(x.reply.relatesTo).toBe(c.relates === true ? x.messageId : undefined);
}

export const ADD = { op: "Add", a: 2, b: 3 } as const;
export const ECHO = { op: "Echo", text: ECHO_TEXT } as const;
export const ECHO_BYTES_CALL = { op: "EchoBytes", data: ECHO_BYTES } as const;
