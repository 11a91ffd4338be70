import {
  E_INVALIDARG,
  ref,
  S_FALSE,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_INT32_VALUE_TYPE,
  type WS_XML_ELEMENT_NODE,
  WS_XML_READER_PROPERTY_IN_ATTRIBUTE,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsFindAttribute,
  WsGetReaderProperty,
  WsGetXmlAttribute,
  WsReadChars,
  WsReadEndAttribute,
  WsReadEndElement,
  WsReadNode,
  WsReadStartAttribute,
  WsReadStartElement,
  WsReadValue,
  WsSetInput,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { current, firstString, inContent, newError, newHeap, newReader, onElement, readerOn, where } from "./reader.test-support.js";

type Reader = ReturnType<typeof newReader>;

const inAttribute = (reader: Reader) => {
  const value = ref<unknown>(null);
  expect(WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_IN_ATTRIBUTE, value)).toBe(S_OK);
  return value.value;
};

const find = (reader: Reader, localName: string, ns: string, required: boolean) => {
  const index = ref(0xdead);
  const hr = WsFindAttribute(reader, xmlString(localName), xmlString(ns), required, index);
  return [hr, index.value];
};

describe("WsReadStartAttribute and WsReadEndAttribute", () => {
  it("move into an attribute's value, where the reader is on its text and WsReadNode gives EOF, and back to the element", () => {
    const reader = onElement("<t a='x&amp;y' b='2'>content</t>");
    const element = current(reader);
    expect(inAttribute(reader)).toBe(false);
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(inAttribute(reader)).toBe(true);
    expect(where(reader)).toBe("text:x&y");
    // The text node carries the attribute's own value.
    expect((current(reader) as unknown as { text: unknown }).text).toBe((element as unknown as WS_XML_ELEMENT_NODE).attributes[0]!.value);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(where(reader)).toBe("eof");
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(where(reader)).toBe("eof");
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(inAttribute(reader)).toBe(false);
    expect(current(reader)).toBe(element);
    // The element reads on as before.
    expect(WsReadStartElement(reader)).toBe(S_OK);
    expect(where(reader)).toBe("text:content");
  });

  it("let WsReadValue and WsReadChars read the value", () => {
    const reader = onElement("<t a=' 42 ' b='abc'/>");
    const value = ref<unknown>(null);
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(WsReadValue(reader, WS_INT32_VALUE_TYPE, value)).toBe(S_OK);
    expect(value.value).toBe(42);
    expect(where(reader)).toBe("eof");
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(WsReadStartAttribute(reader, 1)).toBe(S_OK);
    const chars = new Uint16Array(2);
    const count = ref(0);
    expect(WsReadChars(reader, chars, count)).toBe(S_OK);
    expect([count.value, String.fromCharCode(...chars)]).toStrictEqual([2, "ab"]);
    expect(WsReadChars(reader, chars, count)).toBe(S_OK);
    expect([count.value, String.fromCharCode(chars[0]!)]).toStrictEqual([1, "c"]);
    expect(WsReadChars(reader, chars, count)).toBe(S_OK);
    expect(count.value).toBe(0);
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(where(reader)).toBe("element");
  });

  it("give a namespace declaration the empty value Windows gives it", () => {
    const reader = onElement("<t xmlns:p='urn:p'/>");
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(where(reader)).toBe("text:");
  });

  it("refuse what is not an element, a missing attribute, and an end without a start", () => {
    const error = newError();
    const atBof = readerOn("<t a='1'/>");
    expect(WsReadStartAttribute(atBof, 0, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe("WsReadStartAttribute: the reader is on the start of the input, not on an element.");
    const reader = onElement("<t a='1'/>");
    expect(WsReadStartAttribute(reader, 1, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsReadStartAttribute: parameter 'attributeIndex' is 1, but the element has 1 attribute.");
    expect(WsReadEndAttribute(reader, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe("WsReadEndAttribute: the reader is not in an attribute (WsReadStartAttribute has not been called).");
    // Inside an attribute the reader is not on an element, and element functions fail.
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(WsReadStartAttribute(reader, 0)).toBe(WS_E_INVALID_FORMAT);
    expect(WsReadEndElement(reader)).toBe(WS_E_INVALID_FORMAT);
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(WsReadEndAttribute(reader)).toBe(WS_E_INVALID_FORMAT);
    expect(WsReadStartAttribute(newReader(), 0)).toBe(WS_E_INVALID_OPERATION);
  });

  it("end with new input (WsSetInput)", () => {
    const reader = onElement("<t a='1'/>");
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(WsSetInput(reader, null, null, null)).toBe(S_OK);
    expect(inAttribute(reader)).toBe(false);
    expect(where(reader)).toBe("bof");
  });
});

describe("WsFindAttribute", () => {
  it("finds attributes by local name and namespace (Windows, in Wine's tests)", () => {
    const reader = onElement("<t attr='value' attr2='value2'></t>");
    expect(find(reader, "attr", "", true)).toStrictEqual([S_OK, 0]);
    expect(find(reader, "attr2", "", true)).toStrictEqual([S_OK, 1]);
    expect(find(reader, "attr3", "", true)).toStrictEqual([WS_E_INVALID_FORMAT, 0xdead]);
    expect(find(reader, "attr3", "", false)).toStrictEqual([S_FALSE, 0xffffffff]);
    const prefixed = onElement("<p:t attr='value' p:attr2='value2' xmlns:p='ns'></p:t>");
    expect(find(prefixed, "attr", "", true)).toStrictEqual([S_OK, 0]);
    expect(find(prefixed, "attr2", "ns", true)).toStrictEqual([S_OK, 1]);
    expect(find(prefixed, "attr2", "", true)).toStrictEqual([WS_E_INVALID_FORMAT, 0xdead]);
    expect(find(prefixed, "attr", "ns", true)).toStrictEqual([WS_E_INVALID_FORMAT, 0xdead]);
  });

  it("does not find namespace declarations", () => {
    const reader = onElement("<t xmlns:p='ns' xmlns='d'/>");
    expect(find(reader, "p", "ns", false)).toStrictEqual([S_FALSE, 0xffffffff]);
    expect(find(reader, "xmlns", "", false)).toStrictEqual([S_FALSE, 0xffffffff]);
  });

  it("needs an element (WS_E_INVALID_OPERATION) and names what is missing", () => {
    const reader = inContent("<t a='1'>x</t>");
    const error = newError();
    const index = ref(0xdead);
    expect(WsFindAttribute(reader, xmlString("a"), xmlString(""), true, index, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe("WsFindAttribute: the reader is on text, not on an element.");
    expect(index.value).toBe(0xdead);
    expect(WsFindAttribute(onElement("<t/>"), xmlString("a"), xmlString("urn:x"), true, index, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe('WsFindAttribute: the element has no attribute "a" in the namespace "urn:x".');
    expect(WsFindAttribute(onElement("<t/>"), { bytes: "a" } as never, xmlString(""), true, index)).toBe(E_INVALIDARG);
  });
});

describe("WsGetXmlAttribute", () => {
  const get = (reader: Reader, localName: string, heap = newHeap()) => {
    const value = ref<string | null>("untouched");
    const hr = WsGetXmlAttribute(reader, xmlString(localName), heap, value);
    return [hr, value.value];
  };

  it("returns an xml: attribute of the current element (Windows, in Wine's tests) and charges the heap", () => {
    const heap = newHeap();
    const reader = onElement('<text xml:attr="value" xml:lang="en-GB" lang="x">test</text>');
    expect(get(reader, "attr", heap)).toStrictEqual([S_OK, "value"]);
    const requested = ref(0);
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested)).toBe(S_OK);
    expect(requested.value).toBe(10);
    expect(get(reader, "lang")).toStrictEqual([S_OK, "en-GB"]);
    expect(get(reader, "none")).toStrictEqual([S_FALSE, null]);
  });

  it("answers for the element inside one of its attributes", () => {
    const reader = onElement("<t xml:space='preserve' a='1'/>");
    expect(WsReadStartAttribute(reader, 1)).toBe(S_OK);
    expect(get(reader, "space")).toStrictEqual([S_OK, "preserve"]);
  });

  it("finds none where no element is open", () => {
    expect(get(readerOn("<t xml:lang='en'/>"), "lang")).toStrictEqual([S_FALSE, null]);
  });

  it("answers from the enclosing elements too (xml-attributes.test.ts)", () => {
    const nested = onElement("<a xml:lang='en'><b/></a>");
    expect(WsReadStartElement(nested)).toBe(S_OK);
    expect(where(nested)).toBe("element");
    expect(get(nested, "lang")).toStrictEqual([S_OK, "en"]);
    expect(get(inContent("<a xml:lang='en'>x</a>"), "lang")).toStrictEqual([S_OK, "en"]);
  });

  it("fails when the heap is full", () => {
    expect(get(onElement("<t xml:lang='en-GB'/>"), "lang", newHeap(4))[0]).toBe(WS_E_QUOTA_EXCEEDED);
  });
});
