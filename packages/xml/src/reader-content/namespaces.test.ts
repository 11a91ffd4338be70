import {
  ref,
  S_FALSE,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  type WS_XML_STRING,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsGetNamespaceFromPrefix, WsReadEndElement, WsReadQualifiedName, WsReadStartAttribute, WsReadStartElement } from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { firstString, inContent, newError, newHeap, newReader, onElement, readerOn, text, where } from "./reader.test-support.js";

type Reader = ReturnType<typeof newReader>;
const untouched = { bytes: new Uint8Array([0xde, 0xad]), dictionary: null, id: 0 };

function namespace(reader: Reader, prefix: string, required: boolean): [number, string | null] {
  const ns = ref<WS_XML_STRING | null>(untouched);
  const hr = WsGetNamespaceFromPrefix(reader, xmlString(prefix), required, ns);
  return [hr, ns.value === untouched ? "untouched" : ns.value === null ? null : text(ns.value.bytes)];
}

describe("WsGetNamespaceFromPrefix", () => {
  it("resolves prefixes in scope on the element that declares them (Windows, in Wine's tests)", () => {
    expect(namespace(onElement("<t></t>"), "", true)).toStrictEqual([S_OK, ""]);
    expect(namespace(onElement("<t xmls='ns'></t>"), "", true)).toStrictEqual([S_OK, ""]);
    expect(namespace(onElement("<prefix:t xmlns:prefix='ns'></prefix:t>"), "", true)).toStrictEqual([S_OK, ""]);
    expect(namespace(onElement("<prefix:t xmlns:prefix='ns'></prefix:t>"), "prefix", true)).toStrictEqual([S_OK, "ns"]);
    expect(namespace(onElement("<t xmlns:prefix='ns'></t>"), "prefix", true)).toStrictEqual([S_OK, "ns"]);
    expect(namespace(onElement("<t xmlns='d'></t>"), "", true)).toStrictEqual([S_OK, "d"]);
    expect(namespace(onElement("<t></t>"), "xml", true)).toStrictEqual([S_OK, "http://www.w3.org/XML/1998/namespace"]);
    expect(namespace(onElement("<t></t>"), "xmlns", true)).toStrictEqual([S_OK, "http://www.w3.org/2000/xmlns/"]);
    expect(namespace(onElement("<t></t>"), "prefix2", true)).toStrictEqual([WS_E_INVALID_FORMAT, "untouched"]);
    expect(namespace(onElement("<t></t>"), "prefix2", false)).toStrictEqual([S_FALSE, null]);
  });

  it("follows the scope: inner declarations win, and an element's end takes its own out of scope", () => {
    const reader = onElement("<t xmlns:p='ns'><u xmlns:p='ns2'/></t>");
    expect(WsReadStartElement(reader)).toBe(S_OK);
    expect(namespace(reader, "p", true)).toStrictEqual([S_OK, "ns2"]);
    const outer = inContent("<t xmlns:p='ns'></t>");
    expect(WsReadEndElement(outer)).toBe(S_OK);
    expect(namespace(outer, "p", true)).toStrictEqual([WS_E_INVALID_FORMAT, "untouched"]);
  });

  it("names the prefix, and needs input", () => {
    const error = newError();
    expect(WsGetNamespaceFromPrefix(onElement("<t/>"), xmlString("q"), true, ref<WS_XML_STRING | null>(null), error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe('WsGetNamespaceFromPrefix: the prefix "q" is not bound to a namespace here.');
    expect(WsGetNamespaceFromPrefix(newReader(), xmlString(""), true, ref<WS_XML_STRING | null>(null))).toBe(WS_E_INVALID_OPERATION);
  });
});

function qname(xml: string): [number, string, string, string] {
  const reader = inContent(xml);
  const prefix = ref<WS_XML_STRING>(untouched);
  const localName = ref<WS_XML_STRING>(untouched);
  const ns = ref<WS_XML_STRING>(untouched);
  const hr = WsReadQualifiedName(reader, newHeap(), prefix, localName, ns);
  const show = (s: WS_XML_STRING) => (s === untouched ? "untouched" : text(s.bytes));
  return [hr, show(prefix.value), show(localName.value), show(ns.value)];
}

describe("WsReadQualifiedName", () => {
  const failed: [number, string, string, string] = [WS_E_INVALID_FORMAT, "untouched", "untouched", "untouched"];
  it.each([
    // Windows' results recorded by Wine's conformance tests.
    ["<a></a>", failed],
    ["<a> </a>", failed],
    ["<a>:</a>", failed],
    ["<a>t</a>", [S_OK, "", "t", ""]],
    ["<a>p:</a>", failed],
    ["<a>p:t</a>", failed],
    ["<a>:t</a>", failed],
    ['<a xmlns:p="ns">p:t</a>', [S_OK, "p", "t", "ns"]],
    ['<a xmlns:p="ns">p:t:</a>', [S_OK, "p", "t:", "ns"]],
    ['<a xmlns:p="ns">p:</a>', failed],
    ['<a xmlns:p="ns">:t</a>', failed],
    ['<a xmlns:p="ns">:</a>', failed],
    ['<a xmlns:p="ns">t</a>', [S_OK, "", "t", ""]],
    ['<a xmlns:p="ns"> </a>', failed],
    ['<a xmlns:p="ns">p:t u</a>', [S_OK, "p", "t u", "ns"]],
    ["<a>ë</a>", [S_OK, "", "ë", ""]],
    ["<a> t </a>", [S_OK, "", "t", ""]],
    ['<a xmlns:p="ns"> p:t</a>', [S_OK, "p", "t", "ns"]],
    ['<a xmlns:p="ns">p :t</a>', failed],
    ['<a xmlns:p="ns">p: t</a>', [S_OK, "p", " t", "ns"]],
    // The element's default namespace, a name across nodes, and a child that redeclares the prefix.
    ['<a xmlns="d">t</a>', [S_OK, "", "t", "d"]],
    ['<a xmlns:p="ns">p<!-- -->:<![CDATA[t]]></a>', [S_OK, "p", "t", "ns"]],
    ['<a xmlns:p="ns">p:t<b xmlns:p="other"/></a>', [S_OK, "p", "t", "ns"]],
  ])("%s", (xml, expected) => {
    expect(qname(xml)).toStrictEqual(expected);
  });

  it("does not need the prefix bound when the namespace is not asked for, and charges the heap", () => {
    const reader = inContent("<a>p:t</a>");
    const heap = newHeap();
    const prefix = ref<WS_XML_STRING>(untouched);
    const localName = ref<WS_XML_STRING>(untouched);
    expect(WsReadQualifiedName(reader, heap, prefix, localName, null)).toBe(S_OK);
    expect([text(prefix.value.bytes), text(localName.value.bytes)]).toStrictEqual(["p", "t"]);
    const requested = ref(0);
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested)).toBe(S_OK);
    expect(requested.value).toBe(2);
    expect(where(reader)).toBe("end");
  });

  it("reads an attribute's value", () => {
    const reader = onElement("<a xmlns:p='ns' q='p:v'/>");
    expect(WsReadStartAttribute(reader, 1)).toBe(S_OK);
    const localName = ref<WS_XML_STRING>(untouched);
    const ns = ref<WS_XML_STRING>(untouched);
    expect(WsReadQualifiedName(reader, newHeap(), null, localName, ns)).toBe(S_OK);
    expect([text(localName.value.bytes), text(ns.value.bytes)]).toStrictEqual(["v", "ns"]);
  });

  it("fails without input, on an element, with a full heap, and says why", () => {
    const localName = ref<WS_XML_STRING>(untouched);
    expect(WsReadQualifiedName(newReader(), newHeap(), null, localName, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsReadQualifiedName(readerOn("<t/>"), newHeap(), null, localName, null)).toBe(WS_E_INVALID_FORMAT);
    expect(WsReadQualifiedName(inContent("<a>long:name</a>"), newHeap(4), null, localName, null)).toBe(WS_E_QUOTA_EXCEEDED);
    const error = newError();
    expect(WsReadQualifiedName(inContent("<a>p:t</a>"), newHeap(), null, localName, ref<WS_XML_STRING>(untouched), error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe(
      'WsReadQualifiedName: "p:t" has the prefix "p", which is not bound to a namespace (the reader is at line 1, column 11).',
    );
    expect(localName.value).toBe(untouched);
  });
});
