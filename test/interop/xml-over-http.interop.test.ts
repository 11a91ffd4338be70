import { afterAll, beforeAll, describe, it } from "vitest";
import {
  describeWithPeers,
  type GsoapServer,
  type MonoServer,
  type NodeSoapServer,
  type SpyneServer,
  startGsoapServer,
  startMonoServer,
  startNodeSoapServer,
  startSpyneServer,
} from "./peers/index.js";
import { BASIC_HTTP, ECHO_BYTES, ECHO_TEXT, SOAP12_PLAIN, type Wire, WS_HTTP } from "./soap/calc.js";
import { ADD, ECHO, ECHO_BYTES_CALL, exchange, expectFault, expectResult, type FaultCase } from "./soap/exchange.js";

/*
 * Our XML layer against real SOAP servers, before our channels exist: each request is written node
 * by node with the flat API's text writer (WsCreateWriter, WsWriteStartElement, WsWriteValue,
 * WsWriteChars, WsWriteBytes, ...), sent with node:http, and each reply is read with the flat API's
 * reader (WsReadToStartElement, WsReadStartElement, WsReadValue, WsReadCharsUtf8, WsReadBytes, ...).
 * The values must come back: Add(2,3) = 5, the echo text with 2-, 3- and 4-byte UTF-8 and every
 * character XML escapes, 2048 bytes through base64. Faults are the peers' own, word for word.
 */

/** Add, Echo, EchoBytes and (where the peer has one) a fault, on one endpoint. */
function calculatorSuite(name: string, wire: Wire, url: () => string, fault?: FaultCase): void {
  describe(name, () => {
    it("Add(2,3) = 5", async () => {
      expectResult(wire, await exchange(wire, url(), ADD), "Add", 5);
    });
    it("Echo returns non-ASCII text and markup characters unchanged", async () => {
      expectResult(wire, await exchange(wire, url(), ECHO), "Echo", ECHO_TEXT);
    });
    it("EchoBytes returns 2048 bytes (base64)", async () => {
      expectResult(wire, await exchange(wire, url(), ECHO_BYTES_CALL), "EchoBytes", ECHO_BYTES);
    });
    if (fault !== undefined) {
      it(`answers ${fault.call.op === "Missing" ? "an unknown action" : "an invalid xs:int"} with a fault`, async () => {
        await expectFault(wire, url(), fault);
      });
    }
  });
}

const MISSING = { op: "Missing" } as const;
const ADD_NOT_AN_INT = { op: "Add", a: "two", b: 3 } as const;
const MONO_NO_MATCH = "Action 'http://tempuri.org/ICalculator/Missing' did not match any operations in the target contract";

describeWithPeers("Mono WCF server (System.ServiceModel, Mono 6.8)", ["mono"], () => {
  let mono: MonoServer;
  beforeAll(async () => {
    mono = await startMonoServer();
  });
  afterAll(() => mono?.stop());

  calculatorSuite("BasicHttpBinding, SOAP 1.1", BASIC_HTTP, () => mono.basic, {
    call: MISSING,
    status: 500,
    // Mono qualifies the code with the "none" addressing namespace.
    fault: { code: "a:ActionNotSupported", reason: MONO_NO_MATCH },
  });
  calculatorSuite("WSHttpBinding, SOAP 1.2 + WS-Addressing 1.0", WS_HTTP, () => mono.ws, {
    call: MISSING,
    status: 500,
    fault: { code: "s:Sender", subcode: "a:ActionNotSupported", reason: MONO_NO_MATCH },
    // Mono's fault has no RelatesTo (WCF's would: [WS-Addressing SOAP binding] 6 "[relationship]").
    action: "http://www.w3.org/2005/08/addressing/fault",
  });
  calculatorSuite("CustomBinding(Text Soap12WSAddressing10, HTTP)", WS_HTTP, () => mono.soap12);
});

describeWithPeers("spyne server (python3-spyne 2.14)", ["spyne"], () => {
  let spyne: SpyneServer;
  beforeAll(async () => {
    spyne = await startSpyneServer();
  });
  afterAll(() => spyne?.stop());

  calculatorSuite("SOAP 1.1", BASIC_HTTP, () => spyne.url, {
    call: ADD_NOT_AN_INT,
    status: 500,
    fault: {
      code: "soap11env:Client.SchemaValidationError",
      reason:
        ":1:0:ERROR:SCHEMASV:SCHEMAV_CVC_DATATYPE_VALID_1_2_1: Element '{http://tempuri.org/}a': 'two' is not a valid value of the atomic type 'xs:int'.",
    },
  });
  // spyne's SOAP 1.2 fault path crashes (HTTP 500 text/plain "A server error occurred"): no fault case.
  calculatorSuite("SOAP 1.2 (no WS-Addressing)", SOAP12_PLAIN, () => spyne.url12);
});

describeWithPeers("node-soap server (npm soap 1.13)", ["node-soap"], () => {
  let node: NodeSoapServer;
  beforeAll(async () => {
    node = await startNodeSoapServer();
  });
  afterAll(() => node?.stop());

  // node-soap answers an unknown operation in SOAP 1.1 with HTTP 500 and a plain-text stack trace, and
  // Add("two", 3) with AddResult NaN: it has no SOAP 1.1 fault to test.
  calculatorSuite("SOAP 1.1", BASIC_HTTP, () => node.url);
  calculatorSuite("SOAP 1.2 (forceSoap12Headers)", SOAP12_PLAIN, () => node.url12, {
    call: MISSING,
    status: 500,
    // node-soap's own crash, reported as a SOAP 1.2 fault (its SOAP-ENV prefix is not declared).
    fault: {
      code: "SOAP-ENV:Server",
      subcode: "InternalServerError",
      reason: "TypeError: Cannot read properties of undefined (reading 'style')",
    },
  });
});

describeWithPeers("gSOAP server (gsoap 2.8.124)", ["gsoap"], () => {
  let gsoap: GsoapServer;
  beforeAll(async () => {
    gsoap = await startGsoapServer();
  });
  afterAll(() => gsoap?.stop());

  calculatorSuite("SOAP 1.1", BASIC_HTTP, () => gsoap.url, {
    call: ADD_NOT_AN_INT,
    status: 500,
    fault: { code: "SOAP-ENV:Client", reason: "Validation constraint violation: invalid value in element 'a'" },
  });
  calculatorSuite("SOAP 1.2 + WS-Addressing 1.0 (wsa plugin)", WS_HTTP, () => gsoap.url, {
    call: MISSING,
    status: 400,
    fault: { code: "SOAP-ENV:Sender", subcode: "wsa5:ActionNotSupported", reason: "The [action] cannot be processed at the receiver." },
    action: "http://www.w3.org/2005/08/addressing/soap/fault",
    relates: true,
  });
});
