import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { ascii, indexOfBytes } from "./byte-search.js";
import { parseContentType } from "./content-type.js";
import { isMimeBoundary } from "./encoding-fields.js";
import { headerBlockEnd, readHeaderBlock } from "./mime-headers.js";
import { splitMultipart } from "./mime-parts.js";

/** The HRESULT and message a call throws. */
function failure(call: () => unknown): { hr: number; message: string } {
  try {
    call();
  } catch (thrown) {
    if (thrown instanceof WsError) return { hr: thrown.hr, message: thrown.message };
    throw thrown;
  }
  throw new Error("it did not fail");
}

const field = (value: string, offset = 7) => ({ name: "content-type", value, offset });

describe("indexOfBytes", () => {
  it("finds a needle at the start, inside, at the end, or not at all", () => {
    const hay = ascii("--B\r\nab\r\n--B--");
    expect(indexOfBytes(hay, ascii("--B"), 0)).toBe(0);
    expect(indexOfBytes(hay, ascii("\r\n--B"), 0)).toBe(7);
    expect(indexOfBytes(hay, ascii("--B--"), 0)).toBe(9);
    expect(indexOfBytes(hay, ascii("\r\n--C"), 0)).toBe(-1);
    expect(indexOfBytes(hay, ascii("--B"), 1)).toBe(9);
    expect(indexOfBytes(ascii("aaaaab"), ascii("aab"), 0)).toBe(3);
  });
});

describe("readHeaderBlock", () => {
  it("reads fields, names in lower case, values trimmed and unfolded, up to the empty line", () => {
    const data = ascii("Content-ID:  <a@b> \r\nContent-Type: multipart/related;\r\n\ttype=x\r\n\r\nbody");
    const block = readHeaderBlock(data, 0, "the MIME header");
    expect(block.fields).toEqual([
      { name: "content-id", value: "<a@b>", offset: 0 },
      { name: "content-type", value: "multipart/related; type=x", offset: 21 },
    ]);
    expect(block.end).toBe(66);
    expect(new TextDecoder().decode(data.subarray(block.end))).toBe("body");
  });

  it("reads an empty block, and counts offsets from `base`", () => {
    expect(readHeaderBlock(ascii("\r\nx"), 0, "h")).toEqual({ fields: [], end: 2 });
    expect(readHeaderBlock(ascii("A: b\r\n\r\n"), 0, "h", 100).fields).toEqual([{ name: "a", value: "b", offset: 100 }]);
  });

  it("refuses a block without its empty line, a line without a name, and a leading continuation, saying where", () => {
    expect(failure(() => readHeaderBlock(ascii("A: b\r\nC: d"), 0, "the MIME header"))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: "MTOM reader: the MIME header does not end: no empty line follows it (the headers start at byte 0), at byte 6.",
    });
    expect(failure(() => readHeaderBlock(ascii("A: b\r\nno colon\r\n\r\n"), 0, "the headers of MIME part 1", 40))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: 'MTOM reader: the headers of MIME part 1 has a line that is not "Name: value", at byte 46.',
    });
    expect(failure(() => readHeaderBlock(ascii(" x\r\n\r\n"), 0, "h")).message).toBe(
      "MTOM reader: h begins with a continuation line (a space or tab), at byte 0.",
    );
    expect(failure(() => readHeaderBlock(ascii(": x\r\n\r\n"), 0, "h")).message).toBe(
      'MTOM reader: h has a line that is not "Name: value", at byte 0.',
    );
  });

  it("tells where a complete block ends, for streams", () => {
    expect(headerBlockEnd(ascii("A: b\r\n\r\nx"), 0)).toBe(8);
    expect(headerBlockEnd(ascii("\r\nx"), 0)).toBe(2);
    expect(headerBlockEnd(ascii("A: b\r\n\r"), 0)).toBe(-1);
  });
});

describe("parseContentType", () => {
  it("reads the media type and parameters, quoted or not, with or without spaces", () => {
    const mono = parseContentType(
      field('multipart/related;type="application/xop+xml";boundary="6f9d+id=1";start="<http://tempuri.org/0/1>"'),
      "t",
    );
    expect(mono.mediaType).toBe("multipart/related");
    expect([...mono.params]).toEqual([
      ["type", "application/xop+xml"],
      ["boundary", "6f9d+id=1"],
      ["start", "<http://tempuri.org/0/1>"],
    ]);
    const http = parseContentType(field('Multipart/Related; TYPE=application/xop+xml; start-info="text/xml"; x="a\\"b";'), "t");
    expect(http.mediaType).toBe("multipart/related");
    expect([...http.params]).toEqual([
      ["type", "application/xop+xml"],
      ["start-info", "text/xml"],
      ["x", 'a"b'],
    ]);
  });

  it("refuses what is not type/subtype; parameters", () => {
    expect(failure(() => parseContentType(field("multipart"), "the package's Content-Type"))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: `MTOM reader: the package's Content-Type "multipart" is not a valid Content-Type: '/' must follow the type "multipart", at byte 7.`,
    });
    expect(failure(() => parseContentType(field('a/b; c="d'), "t")).message).toContain('the quoted value of "c" is not closed');
    expect(failure(() => parseContentType(field("a/b; c"), "t")).message).toContain(`'=' must follow the parameter "c"`);
    expect(failure(() => parseContentType(field("a/b x"), "t")).message).toContain("';' or the end was expected at character 4");
    expect(failure(() => parseContentType(field("a/b; c=1; C=2"), "t")).message).toContain('the parameter "c" is given twice');
  });
});

describe("isMimeBoundary", () => {
  it("takes 1 to 70 characters of RFC 2046's set, not ending in a space", () => {
    expect(isMimeBoundary("uuid:bnd-1")).toBe(true);
    expect(isMimeBoundary("6f9dab11-5fcf-4ad5-b784-f1c764dcc3b7+id=1")).toBe(true);
    expect(isMimeBoundary("a b")).toBe(true);
    expect(isMimeBoundary("x".repeat(70))).toBe(true);
    expect(isMimeBoundary("x".repeat(71))).toBe(false);
    expect(isMimeBoundary("")).toBe(false);
    expect(isMimeBoundary("ab ")).toBe(false);
    expect(isMimeBoundary('a"b')).toBe(false);
    expect(isMimeBoundary("a;b")).toBe(false);
  });
});

describe("splitMultipart", () => {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it("splits at the delimiters: first at the start or after a preamble, CRLF before each boundary belonging to it", () => {
    for (const preamble of ["", "\r\n", "preamble\r\n"]) {
      const data = ascii(
        `${preamble}--B\r\nContent-ID: <r>\r\n\r\n<a/>\r\n--B \t\r\nContent-ID: <p>\r\n\r\n\r\nxy\r\n\r\n--B--\r\nepilogue`,
      );
      const parts = splitMultipart(data, 0, "B", 10);
      expect(parts.map((p) => [p.number, p.contentId, text(p.body)])).toEqual([
        [1, "r", "<a/>"],
        [2, "p", "\r\nxy\r\n"],
      ]);
      expect(parts[0]!.offset).toBe(preamble.length + 5);
      expect(parts[0]!.bodyOffset).toBe(preamble.length + 24);
    }
  });

  it("keeps a part without headers or content, and a Content-ID without brackets", () => {
    const parts = splitMultipart(ascii("--B\r\n\r\n\r\n--B\r\nContent-ID: bare\r\n\r\n\r\n--B--"), 0, "B", 10);
    expect(parts.map((p) => [p.contentId, p.body.length])).toEqual([
      [null, 0],
      ["bare", 0],
    ]);
  });

  it("refuses a body without the boundary, without the close delimiter, or with the boundary inside a part", () => {
    expect(failure(() => splitMultipart(ascii("no boundary here"), 0, "B", 10))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: 'MTOM reader: the multipart body has no boundary delimiter "--B" (the body starts at byte 0), at byte 0.',
    });
    expect(failure(() => splitMultipart(ascii("--B\r\n\r\nabc"), 0, "B", 10))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message:
        'MTOM reader: MIME part 1 (its headers start at byte 5) is not closed: the input ends without a delimiter "--B" after it, so the close delimiter "--B--" is missing, at byte 10.',
    });
    expect(failure(() => splitMultipart(ascii("--B\r\n\r\nabc\r\n--B"), 0, "B", 10)).message).toBe(
      'MTOM reader: the input ends after a delimiter; the close delimiter "--B--" is missing, at byte 12.',
    );
    expect(failure(() => splitMultipart(ascii("--B\r\n\r\nabc\r\n--Bxyz\r\n"), 0, "B", 10)).message).toBe(
      'MTOM reader: the delimiter line "--B" goes on with other characters (a boundary must not occur in the content, and a delimiter ends with CRLF or "--"), at byte 12.',
    );
    expect(failure(() => splitMultipart(ascii("--B--\r\n"), 0, "B", 10)).message).toBe(
      'MTOM reader: the package has no parts: its first delimiter is the close delimiter "--B--", at byte 0.',
    );
  });

  it("stops at WS_XML_READER_PROPERTY_MAX_MIME_PARTS before reading the part past it", () => {
    const data = ascii("--B\r\n\r\na\r\n--B\r\n\r\nb\r\n--B\r\nbad headers\r\n--B--");
    expect(splitMultipart(ascii("--B\r\n\r\na\r\n--B\r\n\r\nb\r\n--B--"), 0, "B", 2)).toHaveLength(2);
    expect(failure(() => splitMultipart(data, 0, "B", 2))).toEqual({
      hr: WS_E_QUOTA_EXCEEDED,
      message: "MTOM reader: MIME part 3 starts at byte 25, more than the 2 parts WS_XML_READER_PROPERTY_MAX_MIME_PARTS allows.",
    });
  });
});
