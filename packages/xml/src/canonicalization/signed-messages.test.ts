import { createHash, verify, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  S_OK,
  type WS_XML_ATTRIBUTE,
  type WS_XML_CANONICALIZATION_PROPERTY,
  WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_UTF8_TEXT,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsEndReaderCanonicalization,
  WsEndWriterCanonicalization,
  WsReadNode,
  WsSkipNode,
  WsStartReaderCanonicalization,
  WsStartWriterCanonicalization,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteXmlnsAttribute,
} from "../index.js";
import { decodeUtf8, xmlString } from "../text-utils/xml-string.js";
import {
  collector,
  concat,
  currentNode,
  inclusivePrefixes,
  readerOn,
  writerWithOutput,
  writtenText,
} from "./canonicalization.test-support.js";

// Signed SOAP messages written by stacks nobody on this project wrote (/work/shared/golden, see its
// README.md): xmlsec1 1.2.37, gSOAP 2.8.124 and node-soap 1.13 signed them with exclusive
// canonicalization, so each <Reference>'s DigestValue is the SHA-1 or SHA-256 of the canonical form
// of the element it points at, and each SignatureValue is the RSA signature of the canonical form of
// <SignedInfo>, checked here against the certificate the message carries. Every byte of those
// canonical forms comes from our reader (and, for the xmlsec1 envelope, from our writer too).

const GOLDEN = new URL("../../../../../shared/golden/", import.meta.url);
const golden = (name: string) => readFileSync(new URL(name, GOLDEN), "utf8");

const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";
const WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const TEMPURI = "http://tempuri.org/";

const DIGESTS: Record<string, string> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
  "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
};
const SIGNATURES: Record<string, string> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": "sha1",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "sha256",
};

interface Reference {
  id: string;
  digest: string;
  value: string;
  prefixList: string[];
  enveloped: boolean;
}

/** The <Reference>s of a signed message, read with regular expressions (the test's own view of the markup). */
function references(xml: string): Reference[] {
  const list: Reference[] = [];
  for (const [, id, body] of xml.matchAll(/<(?:\w+:)?Reference URI="#([^"]+)">([\s\S]*?)<\/(?:\w+:)?Reference>/g)) {
    const digest = /DigestMethod Algorithm="([^"]+)"/.exec(body!)![1]!;
    list.push({
      id: id!,
      digest: DIGESTS[digest]!,
      value: /DigestValue>([^<]+)</.exec(body!)![1]!,
      prefixList: /PrefixList="([^"]*)"/.exec(body!)?.[1]?.split(" ") ?? [],
      enveloped: body!.includes("#enveloped-signature"),
    });
  }
  return list;
}

const text = (s: WS_XML_STRING | null) => (s === null ? "" : decodeUtf8(s.bytes));

function idOf(element: WS_XML_ELEMENT_NODE): string | undefined {
  const attribute = (element.attributes as readonly WS_XML_ATTRIBUTE[]).find((a) => !a.isXmlNs && text(a.localName) === "Id");
  return attribute === undefined ? undefined : text((attribute.value as unknown as WS_XML_UTF8_TEXT).value);
}

/** Reads on to the element that matches, and leaves the reader on it. */
function readTo(reader: WS_XML_READER, matches: (element: WS_XML_ELEMENT_NODE) => boolean): void {
  for (;;) {
    const node = currentNode(reader);
    expect(node.nodeType).not.toBe(WS_XML_NODE_TYPE_EOF);
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT && matches(node as unknown as WS_XML_ELEMENT_NODE)) return;
    expect(WsReadNode(reader)).toBe(S_OK);
  }
}

/** The exclusive canonical form of the element `matches` picks, read by WsStartReaderCanonicalization, WsSkipNode, WsEndReaderCanonicalization. */
function canonicalElement(
  xml: string,
  matches: (element: WS_XML_ELEMENT_NODE) => boolean,
  properties: WS_XML_CANONICALIZATION_PROPERTY[],
): Uint8Array {
  const reader = readerOn(xml);
  readTo(reader, matches);
  const out = collector();
  expect(WsStartReaderCanonicalization(reader, out.callback, null, properties)).toBe(S_OK);
  expect(WsSkipNode(reader)).toBe(S_OK);
  expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
  return concat(out.chunks);
}

const digestOf = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest("base64");

/** The certificate a message carries (X509Certificate or BinarySecurityToken), as PEM. */
function certificateOf(xml: string): X509Certificate {
  const base64 = /<(?:\w+:)?(?:X509Certificate|BinarySecurityToken)[^>]*>([^<]+)</.exec(xml)![1]!.replace(/\s+/g, "");
  return new X509Certificate(`-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`);
}

const MESSAGES = [
  "xmlsec1/signed-sha1.xml",
  "xmlsec1/signed-sha256.xml",
  "xmlsec1/signed-prefixlist.xml",
  "gsoap/x509-signed-request.xml",
  "node-soap/wssecuritycert-request.xml",
];

describe("digests of signed messages, from the reader", () => {
  for (const name of MESSAGES) {
    it(`${name}: every Reference's DigestValue`, () => {
      const xml = golden(name);
      const list = references(xml);
      expect(list.length).toBeGreaterThanOrEqual(2);
      for (const reference of list) {
        const properties: WS_XML_CANONICALIZATION_PROPERTY[] = [];
        if (reference.prefixList.length > 0) properties.push(inclusivePrefixes(...reference.prefixList));
        // The enveloped-signature transform removes the Signature from what is digested: the
        // omitted element does exactly that ("This property can be used to implement envelope
        // signatures").
        if (reference.enveloped) {
          properties.push({
            id: WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT,
            value: { localName: xmlString("Signature"), ns: xmlString(DSIG) },
          });
        }
        const canonical = canonicalElement(xml, (e) => idOf(e) === reference.id, properties);
        expect({ id: reference.id, digest: digestOf(reference.digest, canonical) }).toEqual({ id: reference.id, digest: reference.value });
      }
    });

    it(`${name}: the SignatureValue over the canonical SignedInfo`, () => {
      const xml = golden(name);
      const signedInfo = canonicalElement(xml, (e) => text(e.localName) === "SignedInfo" && text(e.ns) === DSIG, []);
      const algorithm = SIGNATURES[/SignatureMethod Algorithm="([^"]+)"/.exec(xml)![1]!]!;
      const signature = Buffer.from(/SignatureValue>([^<]+)</.exec(xml)![1]!.replace(/\s+/g, ""), "base64");
      expect(verify(algorithm, signedInfo, certificateOf(xml).publicKey, signature)).toBe(true);
      // and one byte less is not what was signed
      expect(verify(algorithm, signedInfo.subarray(1), certificateOf(xml).publicKey, signature)).toBe(false);
    });
  }

  it("the SOAP Body of xmlsec1's envelope carries the declarations it uses from the Envelope, and no other", () => {
    const xml = golden("xmlsec1/signed-sha1.xml");
    const body = canonicalElement(xml, (e) => text(e.localName) === "Body", []);
    expect(decodeUtf8(body)).toBe(
      `<s:Body xmlns:s="${SOAP12}" xmlns:u="${WSU}" u:Id="_3"><Add xmlns="${TEMPURI}"><a>2</a><b>3</b></Add></s:Body>`,
    );
  });
});

// --- the writer ------------------------------------------------------------------------------

const x = (s: string) => xmlString(s);

function start(
  writer: WS_XML_WRITER,
  prefix: string,
  localName: string,
  ns: string,
  attributes: [string, string, string, string][] = [],
): void {
  expect(WsWriteStartElement(writer, x(prefix), x(localName), x(ns))).toBe(S_OK);
  for (const [p, l, n, value] of attributes) {
    expect(WsWriteStartAttribute(writer, x(p), x(l), x(n), false)).toBe(S_OK);
    expect(WsWriteChars(writer, value)).toBe(S_OK);
    expect(WsWriteEndAttribute(writer)).toBe(S_OK);
  }
}

function leaf(
  writer: WS_XML_WRITER,
  prefix: string,
  localName: string,
  ns: string,
  content: string,
  attributes: [string, string, string, string][] = [],
): void {
  start(writer, prefix, localName, ns, attributes);
  expect(WsWriteChars(writer, content)).toBe(S_OK);
  expect(WsWriteEndElement(writer)).toBe(S_OK);
}

const end = (writer: WS_XML_WRITER) => expect(WsWriteEndElement(writer)).toBe(S_OK);

/**
 * Writes the envelope xmlsec1 signed (without its Signature), canonicalizing each element a
 * Reference points at as it is written, the way a sender signs: the canonical forms by id.
 */
function writeSignedParts(): { canonical: Map<string, Uint8Array>; written: string } {
  const writer = writerWithOutput();
  const canonical = new Map<string, Uint8Array>();
  const signed = (id: string, write: () => void) => {
    const out = collector();
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    write();
    expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
    canonical.set(id, concat(out.chunks));
  };
  const mustUnderstand: [string, string, string, string] = ["s", "mustUnderstand", SOAP12, "1"];
  start(writer, "s", "Envelope", SOAP12);
  expect(WsWriteXmlnsAttribute(writer, x("a"), x(WSA), false)).toBe(S_OK);
  expect(WsWriteXmlnsAttribute(writer, x("u"), x(WSU), false)).toBe(S_OK);
  start(writer, "s", "Header", SOAP12);
  signed("_1", () => leaf(writer, "a", "Action", WSA, "http://tempuri.org/ICalculator/Add", [mustUnderstand, ["u", "Id", WSU, "_1"]]));
  signed("_2", () => leaf(writer, "a", "To", WSA, "http://127.0.0.1:18081/calc/ws", [mustUnderstand, ["u", "Id", WSU, "_2"]]));
  start(writer, "o", "Security", WSSE, [mustUnderstand]);
  signed("_0", () => {
    start(writer, "u", "Timestamp", WSU, [["u", "Id", WSU, "_0"]]);
    leaf(writer, "u", "Created", WSU, "2026-01-01T00:00:00.000Z");
    leaf(writer, "u", "Expires", WSU, "2026-01-01T00:05:00.000Z");
    end(writer);
  });
  end(writer); // Security
  end(writer); // Header
  signed("_3", () => {
    start(writer, "s", "Body", SOAP12, [["u", "Id", WSU, "_3"]]);
    start(writer, "", "Add", TEMPURI);
    leaf(writer, "", "a", TEMPURI, "2");
    leaf(writer, "", "b", TEMPURI, "3");
    end(writer);
    end(writer);
  });
  end(writer); // Envelope
  return { canonical, written: writtenText(writer) };
}

describe("digests of a message as it is written", () => {
  it("each signed part of xmlsec1's envelope, canonicalized while written, has xmlsec1's SHA-1 and SHA-256 digests", () => {
    const { canonical } = writeSignedParts();
    for (const name of ["xmlsec1/signed-sha1.xml", "xmlsec1/signed-sha256.xml"]) {
      for (const reference of references(golden(name))) {
        expect({ id: reference.id, digest: digestOf(reference.digest, canonical.get(reference.id)!) }).toEqual({
          id: reference.id,
          digest: reference.value,
        });
      }
    }
  });

  it("the Body's canonical form carries the declarations it uses, though the writer wrote them on the Envelope", () => {
    const { canonical, written } = writeSignedParts();
    expect(decodeUtf8(canonical.get("_3")!)).toBe(
      `<s:Body xmlns:s="${SOAP12}" xmlns:u="${WSU}" u:Id="_3"><Add xmlns="${TEMPURI}"><a>2</a><b>3</b></Add></s:Body>`,
    );
    expect(decodeUtf8(canonical.get("_1")!)).toBe(
      `<a:Action xmlns:a="${WSA}" xmlns:s="${SOAP12}" xmlns:u="${WSU}" u:Id="_1" s:mustUnderstand="1">http://tempuri.org/ICalculator/Add</a:Action>`,
    );
    // What the writer writes is not changed by canonicalizing it.
    expect(written).toBe(
      `<s:Envelope xmlns:a="${WSA}" xmlns:u="${WSU}" xmlns:s="${SOAP12}"><s:Header>` +
        `<a:Action s:mustUnderstand="1" u:Id="_1">http://tempuri.org/ICalculator/Add</a:Action>` +
        `<a:To s:mustUnderstand="1" u:Id="_2">http://127.0.0.1:18081/calc/ws</a:To>` +
        `<o:Security s:mustUnderstand="1" xmlns:o="${WSSE}"><u:Timestamp u:Id="_0"><u:Created>2026-01-01T00:00:00.000Z</u:Created>` +
        `<u:Expires>2026-01-01T00:05:00.000Z</u:Expires></u:Timestamp></o:Security></s:Header>` +
        `<s:Body u:Id="_3"><Add xmlns="${TEMPURI}"><a>2</a><b>3</b></Add></s:Body></s:Envelope>`,
    );
  });
});
