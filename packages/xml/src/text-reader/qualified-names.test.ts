import {
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { ATTRIBUTE_PLAIN, BYTE_CLASS, NAME_CHAR, NAME_START, SPACE, TEXT_PLAIN } from "./byte-classes.js";
import { cachedName, DEFAULT_DECLARATION, NOT_A_DECLARATION, PREFIX_DECLARATION, qualifiedName } from "./qualified-names.js";
import { DEFAULT_SCANNER_OPTIONS, TextScanner } from "./text-scanner.js";
import { EMPTY_XML_STRING } from "./xml-nodes.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const utf8 = (text: string) => encoder.encode(text);
/** The name between `from` and `to` of `text` (ASCII), its prefix ending at the first colon there. */
const nameAt = (text: string, from = 0, to = text.length) => {
  const bytes = utf8(text);
  const colon = bytes.indexOf(0x3a, from);
  return qualifiedName(bytes, from, colon >= 0 && colon < to ? colon : -1, to);
};

describe("qualifiedName", () => {
  it("makes a name's strings once and gives the same object for the same bytes, wherever they stand", () => {
    const name = nameAt("b:Order");
    expect(decoder.decode(name.prefix.bytes)).toBe("b");
    expect(decoder.decode(name.localName.bytes)).toBe("Order");
    expect(name.prefix).toEqual({ bytes: utf8("b"), dictionary: null, id: 0 });
    expect(name.prefixKey).toBe("b");
    expect(name.declaration).toBe(NOT_A_DECLARATION);
    expect(nameAt("<x><b:Order>", 4, 11)).toBe(name);
    expect(cachedName(name.slot)).toBe(name);
  });

  it("copies the bytes: the name keeps no input alive and does not change with it", () => {
    const input = utf8("s:Envelope");
    const name = qualifiedName(input, 0, 1, input.length);
    input.fill(0x78);
    expect(decoder.decode(name.bytes)).toBe("s:Envelope");
    expect(name.bytes.buffer).not.toBe(input.buffer);
  });

  it("has no prefix when there is no colon, and tells namespace declarations", () => {
    const plain = nameAt("Body");
    expect(plain.prefix).toBe(EMPTY_XML_STRING);
    expect(plain.prefixKey).toBe("");
    expect(nameAt("xmlns").declaration).toBe(DEFAULT_DECLARATION);
    const declaration = nameAt("xmlns:a");
    expect(declaration.declaration).toBe(PREFIX_DECLARATION);
    expect(declaration.localKey).toBe("a");
  });

  it("does not keep names longer than 64 bytes", () => {
    const long = `p:${"n".repeat(70)}`;
    const first = nameAt(long);
    expect(first.slot).toBe(-1);
    expect(nameAt(long)).not.toBe(first);
    expect(nameAt(long).localName.bytes).toEqual(first.localName.bytes);
  });

  it("keeps at most 2048 names whatever comes; a name's slot is where the cache holds it, or -1", () => {
    const names = Array.from({ length: 5000 }, (_, i) => nameAt(`flood${i}`));
    for (let slot = 2048; slot < 4096; slot++) expect(cachedName(slot)).toBeUndefined();
    for (let slot = 0; slot < 2048; slot++) expect(cachedName(slot)?.slot ?? slot).toBe(slot);
    const kept = names.filter((name) => name.slot >= 0);
    expect(kept.length).toBeGreaterThan(1000);
    for (const name of kept) expect(cachedName(name.slot)).toBe(name);
    // The most recent name of each set is kept.
    expect(names[4999]!.slot).toBeGreaterThanOrEqual(0);
  });
});

/** The element names (and "/" for end elements) a scanner reads from `xml`. */
function elementNames(xml: string): string[] {
  const scanner = new TextScanner(utf8(xml), { ...DEFAULT_SCANNER_OPTIONS, maxDepth: 64 });
  scanner.start();
  const names: string[] = [];
  for (let node: WS_XML_NODE = scanner.next(); node.nodeType !== WS_XML_NODE_TYPE_EOF; node = scanner.next()) {
    if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) names.push("/");
    if (node.nodeType !== WS_XML_NODE_TYPE_ELEMENT) continue;
    const element = node as unknown as WS_XML_ELEMENT_NODE;
    const prefix = decoder.decode(element.prefix!.bytes);
    const attributes = element.attributes.map((a) => ` ${decoder.decode(a.isXmlNs ? a.prefix!.bytes : a.localName!.bytes)}`).join("");
    names.push(`${prefix === "" ? "" : `${prefix}:`}${decoder.decode(element.localName!.bytes)}${attributes}`);
  }
  return names;
}

describe("the scanner's guess of the next name", () => {
  it("is checked byte for byte and up to the end of the name: a longer name, a prefixed one or a shorter one is read as written", () => {
    // After <a> the scanner learns to expect <ab>, then <a:b>, then <a>: every guess below is wrong once.
    const xml = `<r xmlns:a="urn:a"><a/><ab/><a/><a:b/><a/><abc/><a/><a/><a:bc/><a:b/><ab.c/><ab-c/><ab/></r>`;
    const expected = ["r a", "a", "/", "ab", "/", "a", "/", "a:b", "/", "a", "/", "abc", "/", "a", "/", "a", "/", "a:bc", "/", "a:b", "/"];
    expected.push("ab.c", "/", "ab-c", "/", "ab", "/", "/");
    expect(elementNames(xml)).toEqual(expected);
    // Read again, now that every name has a guess: the same.
    expect(elementNames(xml)).toEqual(expected);
  });

  it("does not take a name followed by a non-ASCII name character for a shorter one", () => {
    // After <a> comes <n>, so <n> is the guess where <né> and <n·> stand.
    const xml = "<r><a/><n/><a/><né/><a/><n/><a/><n·/></r>";
    const expected = ["r", "a", "/", "n", "/", "a", "/", "né", "/", "a", "/", "n", "/", "a", "/", "n·", "/", "/"];
    expect(elementNames(xml)).toEqual(expected);
    expect(elementNames(xml)).toEqual(expected);
  });

  it("guesses attribute names the same way", () => {
    const xml = `<r xmlns:p="urn:p"><e id="1" kind="a"/><e idx="1" kind="a"/><e id="1" p:kind="a"/><e id="1" kind="a"/></r>`;
    const once = elementNames(xml);
    expect(once).toEqual(["r p", "e id kind", "/", "e idx kind", "/", "e id kind", "/", "e id kind", "/", "/"]);
    expect(elementNames(xml)).toEqual(once);
  });
});

describe("BYTE_CLASS", () => {
  it("classes every ASCII byte as XML does, and no other byte", () => {
    const letters = /[A-Za-z_]/;
    for (let c = 0; c < 256; c++) {
      const ch = String.fromCharCode(c);
      const cls = BYTE_CLASS[c]!;
      const ascii = c < 0x80;
      expect((cls & NAME_START) !== 0, `NAME_START ${c}`).toBe(ascii && letters.test(ch));
      expect((cls & NAME_CHAR) !== 0, `NAME_CHAR ${c}`).toBe(ascii && /[A-Za-z_0-9.-]/.test(ch));
      expect((cls & SPACE) !== 0, `SPACE ${c}`).toBe([0x20, 0x09, 0x0a, 0x0d].includes(c));
      expect((cls & TEXT_PLAIN) !== 0, `TEXT_PLAIN ${c}`).toBe(ascii && (c >= 0x20 || c === 0x09 || c === 0x0a) && !"<&]".includes(ch));
      expect((cls & ATTRIBUTE_PLAIN) !== 0, `ATTRIBUTE_PLAIN ${c}`).toBe(ascii && c >= 0x20 && !`<&"'`.includes(ch));
    }
  });
});
