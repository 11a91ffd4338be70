import {
  type WS_XML_ATTRIBUTE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCANNER_OPTIONS, TextScanner } from "./text-scanner.js";

/*
 * Character data with references, line ends and non-ASCII text: decoded in one pass when all is
 * well, and otherwise checked to its end before decoding, so that an error later in the text (an
 * invalid character) is reported before a bad reference earlier in it, as the reader always did.
 * The expectations are the reader's output before the one-pass decoding existed.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The texts and attribute values a scanner reads from `input` (a fragment), then its error if any. */
function read(input: string | Uint8Array, allowInvalidCharacterReferences = false): string[] {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const scanner = new TextScanner(bytes, { ...DEFAULT_SCANNER_OPTIONS, allowFragment: true, allowInvalidCharacterReferences });
  const out: string[] = [];
  const show = (value: Uint8Array) => `${JSON.stringify(decoder.decode(value))} [${Array.from(value).join(",")}]`;
  try {
    scanner.start();
    for (let node = scanner.next(); node.nodeType !== WS_XML_NODE_TYPE_EOF; node = scanner.next()) {
      if (node.nodeType === WS_XML_NODE_TYPE_TEXT) {
        out.push(`text ${show((node as unknown as { text: WS_XML_UTF8_TEXT }).text.value.bytes)}`);
      } else if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
        for (const a of (node as unknown as { attributes: WS_XML_ATTRIBUTE[] }).attributes) {
          out.push(`attr ${show((a.value as unknown as WS_XML_UTF8_TEXT).value.bytes)}`);
        }
      }
    }
  } catch (thrown) {
    out.push(`error ${(thrown as Error).message}`);
  }
  return out;
}

/** Each input and what the reader made of it. */
const CASES: [string, string[]][] = [
  ["<a>x &amp; y</a>", ['text "x & y" [120,32,38,32,121]']],
  ["<a>&lt;&gt;&amp;&quot;&apos;</a>", ['text "<>&\\"\'" [60,62,38,34,39]']],
  [
    "<a>é &#x2014; 東京 &#65;&#x10000;</a>",
    ['text "é — 東京 A𐀀" [195,169,32,226,128,148,32,230,157,177,228,186,172,32,65,240,144,128,128]'],
  ],
  ["<a>line\r\nnext\rlast</a>", ['text "line\\nnext\\nlast" [108,105,110,101,10,110,101,120,116,10,108,97,115,116]']],
  ["<a>]] ] &amp; ]</a>", ['text "]] ] & ]" [93,93,32,93,32,38,32,93]']],
  ["<a>&amp;]]></a>", ["error XML reader: ']]>' is not allowed in text, at line 1, column 9 (byte 8)."]],
  ["<a>&amp; &undefined; \u0001</a>", ["error XML reader: the character U+0001 is not allowed in XML, at line 1, column 22 (byte 21)."]],
  [
    "<a>&amp; &undefined; ok</a>",
    [
      'error XML reader: the entity "&undefined;" is not defined (only &lt; &gt; &amp; &quot; &apos; and character references are), at line 1, column 10 (byte 9).',
    ],
  ],
  [
    "<a>&amp; &#0; ok</a>",
    ['error XML reader: the character reference "&#0;" does not name a character allowed in XML, at line 1, column 10 (byte 9).'],
  ],
  [
    "<a>&amp; &#xFFFE; ok</a>",
    ['error XML reader: the character reference "&#xFFFE;" does not name a character allowed in XML, at line 1, column 10 (byte 9).'],
  ],
  [
    "<a>&amp no semicolon</a>",
    ["error XML reader: '&' must start a reference such as &amp; (no ';' follows it), at line 1, column 4 (byte 3)."],
  ],
  [
    "<a>&amp; &#xD800;</a>",
    ['error XML reader: the character reference "&#xD800;" does not name a character allowed in XML, at line 1, column 10 (byte 9).'],
  ],
  [
    `<a b="x &amp; y" c='1 "2" &apos;3&apos;'/>`,
    ['attr "x & y" [120,32,38,32,121]', 'attr "1 \\"2\\" \'3\'" [49,32,34,50,34,32,39,51,39]'],
  ],
  [`<a b="tab\tlf\ncr\r\ncrlf &#9;&#10;"/>`, ['attr "tab lf cr crlf \\t\\n" [116,97,98,32,108,102,32,99,114,32,99,114,108,102,32,9,10]']],
  [`<a b="x &amp; <"/>`, ["error XML reader: '<' is not allowed in an attribute value, at line 1, column 15 (byte 14)."]],
  [`<a b="x &amp; y`, ["error XML reader: the input ends inside an attribute value, at line 1, column 7 (byte 6)."]],
  [
    "<a>&amp; text to the end",
    [
      'text "& text to the end" [38,32,116,101,120,116,32,116,111,32,116,104,101,32,101,110,100]',
      'error XML reader: the input ends inside the element "a", at line 1, column 25 (byte 24).',
    ],
  ],
  ["<a>&#x1F600; &#128512;</a>", ['text "😀 😀" [240,159,152,128,32,240,159,152,128]']],
  ["<a>&amp; \uFFFE</a>", ["error XML reader: the character U+FFFE is not allowed in XML, at line 1, column 10 (byte 9)."]],
];

describe("character data", () => {
  it.each(CASES)("%s", (input, expected) => {
    expect(read(input)).toEqual(expected);
  });

  it("decodes texts longer than the scratch buffer holds at first", () => {
    const value = `${"&amp;".repeat(4)}${"x".repeat(300)}&lt;`;
    const [attribute] = read(`<a b="${value}"/>`);
    const expected = `&&&&${"x".repeat(300)}<`;
    expect(attribute).toBe(`attr ${JSON.stringify(expected)} [${Array.from(encoder.encode(expected)).join(",")}]`);
    const text = `${"y".repeat(200)}&amp;${"z".repeat(200)}`;
    const decoded = `${"y".repeat(200)}&${"z".repeat(200)}`;
    expect(read(`<a>${text}</a>`)).toEqual([`text ${JSON.stringify(decoded)} [${Array.from(encoder.encode(decoded)).join(",")}]`]);
  });

  it("in a large input, decodes every text right, one after the other and across chunks, however long", () => {
    const item = (i: number) => `<i a="${i}&amp;\r\n${"é".repeat(i % 5)}">${"t".repeat(i % 300)}&lt;${i}&gt;\r\n${"€".repeat(i % 7)}</i>`;
    const huge = `${"h".repeat(70_000)}&amp;${"j".repeat(70_000)}`;
    const xml = `<r>${Array.from({ length: 400 }, (_, i) => item(i)).join("")}<big>${huge}</big><big b="${huge}"/></r>`;
    const expected: string[] = [];
    const show = (value: string) => `${JSON.stringify(value)} [${Array.from(encoder.encode(value)).join(",")}]`;
    for (let i = 0; i < 400; i++) {
      // In a value, CR LF becomes one LF and then a space.
      expected.push(`attr ${show(`${i}& ${"é".repeat(i % 5)}`)}`);
      expected.push(`text ${show(`${"t".repeat(i % 300)}<${i}>\n${"€".repeat(i % 7)}`)}`);
    }
    const decodedHuge = `${"h".repeat(70_000)}&${"j".repeat(70_000)}`;
    expected.push(`text ${show(decodedHuge)}`, `attr ${show(decodedHuge)}`);
    expect(encoder.encode(xml).length).toBeGreaterThan(8192);
    expect(read(xml)).toEqual(expected);
  });

  it("expands references to what XML does not allow as characters with WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES", () => {
    // JSON.stringify escapes U+0001 and U+0000 but not U+FFFE.
    expect(read(`<a b="&#1;&amp;">&amp;&#xFFFE;&#0;</a>`, true)).toEqual([
      'attr "\\u0001&" [1,38]',
      'text "&\ufffe\\u0000" [38,239,191,190,0]',
    ]);
  });

  it("reports malformed UTF-8 after a reference where it stands", () => {
    const bytes = new Uint8Array([...encoder.encode("<a>&amp; "), 0xc3, 0x28, ...encoder.encode("</a>")]);
    expect(read(bytes)).toEqual(["error XML reader: truncated or invalid UTF-8 sequence, at line 1, column 10 (byte 9)."]);
  });
});
