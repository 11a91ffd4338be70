import { describe, expect, it } from "vitest";
import { nodeIsBuffered, prologIsBuffered } from "./node-extent.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const buffered = (text: string, pos = 0) => nodeIsBuffered(bytes(text), pos);

describe("nodeIsBuffered", () => {
  it("text runs to the next '<'", () => {
    expect(buffered("abc")).toBe(false);
    expect(buffered("abc<")).toBe(true);
    expect(buffered("<a>abc", 3)).toBe(false);
    expect(buffered("")).toBe(false);
    expect(buffered("<")).toBe(false);
  });

  it("a start tag ends at a '>' outside its quoted values", () => {
    expect(buffered("<a")).toBe(false);
    expect(buffered("<a>")).toBe(true);
    expect(buffered("<a/>")).toBe(true);
    expect(buffered('<a b="x>y')).toBe(false);
    expect(buffered('<a b="x>y"')).toBe(false);
    expect(buffered('<a b="x>y">')).toBe(true);
    expect(buffered("<a b = 'it\"s>' c='>'")).toBe(false);
    expect(buffered("<a b = 'it\"s>' c='>'>")).toBe(true);
  });

  it("a start tag the scanner refuses before its end is complete where the refusal stands", () => {
    expect(buffered('<a "b')).toBe(true); // a quote where a name belongs
    expect(buffered("<a <b")).toBe(true); // '<' in a tag
    expect(buffered('<a b="<')).toBe(true); // '<' in a value
  });

  it("an end tag ends at '>'", () => {
    expect(buffered("</a")).toBe(false);
    expect(buffered("</a >")).toBe(true);
  });

  it("a comment ends at the first '--' and the byte after it", () => {
    expect(buffered("<!")).toBe(false);
    expect(buffered("<!-")).toBe(false);
    expect(buffered("<!-- x -")).toBe(false);
    expect(buffered("<!-- x --")).toBe(false);
    expect(buffered("<!-- x -->")).toBe(true);
    expect(buffered("<!-- x --x")).toBe(true); // refused there
    expect(buffered("<!---->")).toBe(true);
  });

  it("CDATA ends at ']]>'; other markup after '<!' is refused once it can be named", () => {
    expect(buffered("<![CDA")).toBe(false);
    expect(buffered("<![CDATA[x]]")).toBe(false);
    expect(buffered("<![CDATA[x]]>")).toBe(true);
    expect(buffered("<![CDATA[]]>")).toBe(true);
    expect(buffered("<!DOCTY")).toBe(false);
    expect(buffered("<!DOCTYPE")).toBe(true);
    expect(buffered("<!x")).toBe(true);
  });

  it("'<?' needs 5 bytes to tell a misplaced declaration from a processing instruction", () => {
    expect(buffered("<?xm")).toBe(false);
    expect(buffered("<?xml")).toBe(true);
    expect(buffered("<?pi ")).toBe(true);
  });
});

describe("prologIsBuffered", () => {
  it("tells an XML declaration from anything else, and waits for its end", () => {
    expect(prologIsBuffered(bytes(""))).toBe(false);
    expect(prologIsBuffered(bytes("<a"))).toBe(true);
    expect(prologIsBuffered(bytes("<?x"))).toBe(false);
    expect(prologIsBuffered(bytes("<?xml"))).toBe(false);
    expect(prologIsBuffered(bytes("<?xmlx"))).toBe(true); // not a declaration: a processing instruction
    expect(prologIsBuffered(bytes('<?xml version="1.0"?'))).toBe(false);
    expect(prologIsBuffered(bytes('<?xml version="1.0"?>'))).toBe(true);
    expect(prologIsBuffered(bytes(" <?xml"))).toBe(true);
  });
});
