import { ref, S_OK, WS_E_INVALID_FORMAT, WS_E_INVALID_OPERATION } from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsReadBytes, WsReadChars, WsReadCharsUtf8, WsReadNode } from "../index.js";
import { firstString, inContent, newError, newReader, onElement, readerOn, where } from "./reader.test-support.js";

type Reader = ReturnType<typeof newReader>;

/** One WsReadChars call with a buffer of `size`: the characters read and where the reader is then. */
function chars(reader: Reader, size: number): [string, string] {
  const buffer = new Uint16Array(size).fill(0xffff);
  const count = ref(-1);
  expect(WsReadChars(reader, buffer, count)).toBe(S_OK);
  expect(buffer.subarray(count.value).every((u) => u === 0xffff)).toBe(true);
  return [String.fromCharCode(...buffer.subarray(0, count.value)), where(reader)];
}

function utf8Chars(reader: Reader, size: number): [number[], string] {
  const buffer = new Uint8Array(size);
  const count = ref(-1);
  expect(WsReadCharsUtf8(reader, buffer, count)).toBe(S_OK);
  return [[...buffer.subarray(0, count.value)], where(reader)];
}

function bytes(reader: Reader, size: number): [number[], string] {
  const buffer = new Uint8Array(size);
  const count = ref(-1);
  expect(WsReadBytes(reader, buffer, count)).toBe(S_OK);
  return [[...buffer.subarray(0, count.value)], where(reader)];
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe("WsReadChars and WsReadCharsUtf8", () => {
  it("read nothing and stay put before the content: at BOF, on an element (Windows, in Wine's tests)", () => {
    const atBof = readerOn("<t>text</t>");
    expect(chars(atBof, 2)).toStrictEqual(["", "bof"]);
    expect(utf8Chars(atBof, 2)).toStrictEqual([[], "bof"]);
    const onT = onElement("<t>text</t>");
    expect(chars(onT, 2)).toStrictEqual(["", "element"]);
  });

  it("stay on the text node until a call needs more than it holds, and share one position (Windows, in Wine's tests)", () => {
    const reader = inContent("<t>text</t>");
    expect(chars(reader, 0)).toStrictEqual(["", "text:text"]);
    expect(chars(reader, 2)).toStrictEqual(["te", "text:text"]);
    expect(utf8Chars(reader, 2)).toStrictEqual([ascii("xt"), "text:text"]);
    expect(utf8Chars(reader, 1)).toStrictEqual([[], "end"]);
    expect(chars(reader, 1)).toStrictEqual(["", "end"]);
  });

  it("read a content of several nodes in 3-character pieces: comments skipped, CDATA as text, entities expanded", () => {
    const reader = inContent("<t>ab<!--x-->cde<![CDATA[fg]]>h&amp;ij</t>");
    expect(chars(reader, 3)).toStrictEqual(["abc", "text:cde"]);
    expect(chars(reader, 3)).toStrictEqual(["def", "text:fg"]);
    expect(chars(reader, 3)).toStrictEqual(["gh&", "text:h&ij"]);
    expect(chars(reader, 3)).toStrictEqual(["ij", "end"]);
    expect(chars(reader, 3)).toStrictEqual(["", "end"]);
  });

  it("fill the buffer exactly and stay on the text node", () => {
    const reader = inContent("<t>abc</t>");
    expect(chars(reader, 3)).toStrictEqual(["abc", "text:abc"]);
    expect(chars(reader, 3)).toStrictEqual(["", "end"]);
  });

  it("stop at a child element", () => {
    const reader = inContent("<t>ab<u>c</u></t>");
    expect(chars(reader, 10)).toStrictEqual(["ab", "element"]);
    expect(chars(reader, 10)).toStrictEqual(["", "element"]);
  });

  it("skip a comment the reader is on", () => {
    const reader = readerOn("<!--c--><t/>");
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(where(reader)).toBe("comment");
    expect(chars(reader, 4)).toStrictEqual(["", "element"]);
  });

  it("give a surrogate pair in two calls when only its first half fits", () => {
    const reader = inContent("<t>a\u{1F600}b</t>");
    expect(chars(reader, 2)).toStrictEqual(["a\ud83d", "text:a\u{1F600}b"]);
    expect(chars(reader, 1)).toStrictEqual(["\ude00", "text:a\u{1F600}b"]);
    expect(chars(reader, 5)).toStrictEqual(["b", "end"]);
  });

  it("WsReadCharsUtf8 gives the UTF-8 bytes, a small buffer ending inside a character", () => {
    const reader = inContent("<t>é€</t>");
    expect(utf8Chars(reader, 2)).toStrictEqual([[0xc3, 0xa9], "text:é€"]);
    expect(utf8Chars(reader, 2)).toStrictEqual([[0xe2, 0x82], "text:é€"]);
    // WsReadChars cannot go on inside a character.
    const error = newError();
    expect(WsReadChars(reader, new Uint16Array(4), ref(0), error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toMatch(/^WsReadChars: the reading position is inside a UTF-8 character/);
    expect(utf8Chars(reader, 2)).toStrictEqual([[0xac], "end"]);
  });

  it("keep a failure of the input, as the other reader functions do", () => {
    const reader = inContent("<t>ab<!-- -->&bad;</t>");
    const error = newError();
    // "ab" is read; going on past the comment meets the undefined entity.
    expect(WsReadChars(reader, new Uint16Array(8), ref(0), error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toMatch(/^WsReadChars: XML reader: the entity "&bad;" is not defined/);
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toMatch(
      /^WsReadNode: the reader failed earlier and needs new input \(WsSetInput\): XML reader: the entity "&bad;" is not defined/,
    );
  });

  it("need input", () => {
    expect(WsReadChars(newReader(), new Uint16Array(2), ref(0))).toBe(WS_E_INVALID_OPERATION);
    expect(WsReadCharsUtf8(newReader(), new Uint8Array(2), ref(0))).toBe(WS_E_INVALID_OPERATION);
  });
});

describe("WsReadBytes", () => {
  it("decodes base64 in pieces, holding what does not fit for the next call (Windows, in Wine's tests)", () => {
    const reader = inContent("<t>dGV4dA==</t>");
    expect(bytes(reader, 0)).toStrictEqual([[], "text:dGV4dA=="]);
    expect(bytes(reader, 2)).toStrictEqual([ascii("te"), "text:dGV4dA=="]);
    expect(bytes(reader, 2)).toStrictEqual([ascii("xt"), "text:dGV4dA=="]);
    expect(bytes(reader, 1)).toStrictEqual([[], "end"]);
  });

  it("reads nothing before the content", () => {
    expect(bytes(readerOn("<t>dGV4dA==</t>"), 2)).toStrictEqual([[], "bof"]);
    expect(bytes(onElement("<t>dGV4dA==</t>"), 2)).toStrictEqual([[], "element"]);
  });

  it("decodes groups of four split across text nodes, comments, CDATA and white space", () => {
    const reader = inContent("<t> dG<!--c-->V4\n d<![CDATA[A=]]>= </t>");
    expect(bytes(reader, 10)).toStrictEqual([ascii("text"), "end"]);
  });

  it("gives one byte per call to a 1-byte buffer", () => {
    const reader = inContent("<t>AQID/w==</t>");
    const got: number[] = [];
    for (let [piece] = bytes(reader, 1); piece.length > 0; [piece] = bytes(reader, 1)) got.push(...piece);
    expect(got).toStrictEqual([1, 2, 3, 255]);
    expect(where(reader)).toBe("end");
  });

  it("reads an empty content as no bytes", () => {
    expect(bytes(inContent("<t></t>"), 4)).toStrictEqual([[], "end"]);
    expect(bytes(inContent("<t>  </t>"), 4)).toStrictEqual([[], "end"]);
  });

  it.each([
    [
      "dGVzdA===",
      "WsReadBytes: base64 text goes on after the '=' that ends it, at byte 8 of a text node (the reader is at line 1, column 13).",
    ],
    [
      "dA==QQ==",
      "WsReadBytes: base64 text goes on after the '=' that ends it, at byte 4 of a text node (the reader is at line 1, column 12).",
    ],
    [
      "d=GV",
      "WsReadBytes: '=' can only pad the last one or two characters of a group of four, at byte 1 of a text node (the reader is at line 1, column 8).",
    ],
    ["dA=x", "WsReadBytes: a base64 character follows '=', at byte 3 of a text node (the reader is at line 1, column 8)."],
    ["dGV*", "WsReadBytes: the byte 0x2a is not a base64 character, at byte 3 of a text node (the reader is at line 1, column 8)."],
    [
      "dGV4d",
      "WsReadBytes: the base64 text ends inside a group of four characters (its length, without white space, is not a multiple of 4) (the reader is at line 1, column 13).",
    ],
  ])("refuses %j", (content, message) => {
    const error = newError();
    expect(WsReadBytes(inContent(`<t>${content}</t>`), new Uint8Array(16), ref(0), error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(message);
  });

  it("delivers whole groups before it meets a bad character", () => {
    const reader = inContent("<t>dGV4!</t>");
    expect(bytes(reader, 3)).toStrictEqual([ascii("tex"), "text:dGV4!"]);
    expect(WsReadBytes(reader, new Uint8Array(3), ref(0))).toBe(WS_E_INVALID_FORMAT);
  });

  it("starts anew when the reader has moved elsewhere", () => {
    // Two bytes of "tex" are held after the first call; reading on from another element does not give them.
    const reader = readerOn("<a><t>dGV4</t><u>QQ==</u></a>", null);
    expect(WsReadNode(reader)).toBe(S_OK); // a
    expect(WsReadNode(reader)).toBe(S_OK); // t
    expect(WsReadNode(reader)).toBe(S_OK); // text
    expect(bytes(reader, 1)).toStrictEqual([ascii("t"), "text:dGV4"]);
    for (let i = 0; i < 3; i++) expect(WsReadNode(reader)).toBe(S_OK); // end t, u, text
    expect(bytes(reader, 4)).toStrictEqual([ascii("A"), "end"]);
  });

  it("needs input", () => {
    expect(WsReadBytes(newReader(), new Uint8Array(2), ref(0))).toBe(WS_E_INVALID_OPERATION);
  });
});
