import {
  S_OK,
  WS_CHARSET_UTF8,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES,
  WS_XML_READER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  WS_XML_READER_PROPERTY_MAX_NAMESPACES,
  WS_XML_READER_PROPERTY_READ_DECLARATION,
} from "@wwsapi/core";
import { at, bytes, type MalformedCase, utf8 } from "./malformed-case.js";

/*
 * The text corpus: small hand-written inputs, one concept per group, each with the exact HRESULT
 * and the message the text reader gives (what was wrong, then "at line L, column C (byte B)").
 * Rules: XML 1.0 (fifth edition) well-formedness, Namespaces in XML 1.0, and what WWSAPI adds:
 * no DTD of any kind, no processing instruction, UTF-8 and UTF-16 only, and the reader quotas
 * (WS_XML_READER_PROPERTY_MAX_DEPTH 32, MAX_ATTRIBUTES 128, MAX_NAMESPACES 32 by default).
 * Columns count characters, bytes count UTF-8 bytes of the (transcoded) input.
 */

const INVALID = WS_E_INVALID_FORMAT;
const QUOTA = WS_E_QUOTA_EXCEEDED;
const property = (id: number, value: unknown): WS_XML_READER_PROPERTY => ({ id, value }) as WS_XML_READER_PROPERTY;

/** A case on UTF-8 text. */
const text = (name: string, xml: string, hr: number, ...message: string[]): MalformedCase => ({ name, input: utf8(xml), hr, message });

/** A case on raw bytes (for encodings and invalid sequences). */
const raw = (name: string, input: Uint8Array, hr: number, ...message: string[]): MalformedCase => ({ name, input, hr, message });

const hexOf = (c: number) => c.toString(16).toUpperCase().padStart(4, "0");

// --- markup in the wrong place or of the wrong shape ---------------------------------------

const markup: MalformedCase[] = [
  text("end tag of another name", "<a></b>", INVALID, 'the end tag "</b>" does not match the start tag "<a>"', at(1, 4, 3)),
  text("end tags crossed", "<a><b></a></b>", INVALID, 'the end tag "</a>" does not match the start tag "<b>"', at(1, 7, 6)),
  text("end tag first", "</a>", INVALID, 'an end tag "</a>" without a start tag', at(1, 1, 0)),
  text("end tag after the root", "<a></a></a>", INVALID, 'an end tag "</a>" without a start tag', at(1, 8, 7)),
  text("text after the root", "<a>x</a>y", INVALID, "text outside the root element", at(1, 9, 8)),
  text("text before the root", "x<a/>", INVALID, "text outside the root element", at(1, 1, 0)),
  text("a character reference before the root", "&#32;<a/>", INVALID, "text outside the root element", at(1, 1, 0)),
  text("two roots", "<a/><b/>", INVALID, "a second root element", at(1, 5, 4)),
  text("no root: empty input", "", INVALID, "the document has no root element", at(1, 1, 0)),
  text("no root: white space only", "  \n ", INVALID, "the document has no root element", at(2, 2, 4)),
  text("no root: a comment only", "<!-- c -->", INVALID, "the document has no root element", at(1, 11, 10)),
  text("the input ends in content", "<a>text", INVALID, 'the input ends inside the element "a"', at(1, 8, 7)),
  text("the input ends in a start tag", "<a b='1'", INVALID, "the input ends inside a start tag", at(1, 9, 8)),
  text("a repeated attribute", "<a x='1' x='2'/>", INVALID, "an attribute is repeated", at(1, 10, 9)),
  text("a repeated expanded name", "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", INVALID, "an attribute is repeated", at(1, 36, 35)),
  text("a repeated prefix declaration", "<a xmlns:p='urn:1' xmlns:p='urn:2'/>", INVALID, "an attribute is repeated", at(1, 20, 19)),
  text("a repeated default namespace", "<a xmlns='urn:1' xmlns='urn:1'/>", INVALID, "an attribute is repeated", at(1, 18, 17)),
  text("an unquoted attribute value", "<a x=1/>", INVALID, "a quoted attribute value was expected", at(1, 6, 5)),
  text("an attribute without a value", "<a x/>", INVALID, `'=' was expected after the attribute name "x"`, at(1, 5, 4)),
  text("attributes without space between", "<a b='1'c='2'/>", INVALID, "white space was expected before an attribute", at(1, 9, 8)),
  text("mismatched quotes", `<a b='1"/>`, INVALID, "the input ends inside an attribute value", at(1, 7, 6)),
  text("'<' in an attribute value", "<a b='<'/>", INVALID, "'<' is not allowed in an attribute value", at(1, 7, 6)),
  text("']]>' in text", "<a>]]></a>", INVALID, "']]>' is not allowed in text", at(1, 4, 3)),
  text("space before the element name", "< a/>", INVALID, "an element name was expected", at(1, 2, 1)),
  text("a digit starts the name", "<1a/>", INVALID, "an element name was expected", at(1, 2, 1)),
  text("a colon starts the name", "<:a/>", INVALID, "an element name was expected", at(1, 2, 1)),
  text("a prefix without a local name", "<a:/>", INVALID, 'a local name after the prefix "a" was expected', at(1, 4, 3)),
  text("two colons", "<a:b:c/>", INVALID, "white space was expected before an attribute", at(1, 5, 4)),
  text("'/' not followed by '>'", "<a/ >", INVALID, "'>' after '/' was expected", at(1, 4, 3)),
  text("an end tag with an attribute", "<a></a b='1'>", INVALID, "'>' closing the end tag was expected", at(1, 8, 7)),
  text("'<' alone in text", "<a>1 < 2</a>", INVALID, "an element name was expected", at(1, 7, 6)),
  text("'<!' with nothing known after it", "<a><!></a>", INVALID, "unexpected markup after '<!'", at(1, 4, 3)),
  text("a lower-case CDATA keyword", "<a><![cdata[x]]></a>", INVALID, "unexpected markup after '<!'", at(1, 4, 3)),
  text("an element declaration", "<a><!ELEMENT a ANY></a>", INVALID, "unexpected markup after '<!'", at(1, 4, 3)),
  text("a CDATA section before the root", "<![CDATA[x]]><a/>", INVALID, "a CDATA section outside the root element", at(1, 1, 0)),
  text("an unterminated CDATA section", "<a><![CDATA[x</a>", INVALID, "the input ends inside a CDATA section", at(1, 4, 3)),
  text("'--' inside a comment", "<!-- a --><!-- b -- c --><a/>", INVALID, "'--' is not allowed inside a comment", at(1, 18, 17)),
  text("a comment ending in '--->'", "<a><!-- x ---></a>", INVALID, "'--' is not allowed inside a comment", at(1, 11, 10)),
  text("an unterminated comment", "<a><!-- x </a>", INVALID, "the input ends inside a comment", at(1, 4, 3)),
  text("a processing instruction in content", "<a><?target data?></a>", INVALID, "processing instructions are not supported", at(1, 4, 3)),
  text(
    "a processing instruction before the root",
    '<?xml version="1.0"?>\n<?pi?>\n<a/>',
    INVALID,
    "processing instructions are not supported",
    at(2, 1, 22),
  ),
  text("an upper-case XML declaration", '<?XML version="1.0"?><a/>', INVALID, "processing instructions are not supported", at(1, 1, 0)),
  {
    ...text(
      "a PI whose target starts with xml",
      "<?xml-stylesheet href='a.xsl'?><a/>",
      INVALID,
      "processing instructions are not supported",
      at(1, 1, 0),
    ),
  },
  text("white space in an end tag is allowed (control)", "<a></a >", S_OK),
];

// --- references --------------------------------------------------------------------------

/** `<a>REF</a>`: the reference at byte 3. */
const refInText = (ref: string, message: string): MalformedCase => text(`${ref} in text`, `<a>${ref}</a>`, INVALID, message, at(1, 4, 3));
const notAChar = (ref: string) => refInText(ref, `the character reference "${ref}" does not name a character allowed in XML`);

const references: MalformedCase[] = [
  refInText("&amp", "'&' must start a reference such as &amp; (no ';' follows it)"),
  refInText("&lt", "'&' must start a reference such as &amp; (no ';' follows it)"),
  refInText("& ", "'&' must start a reference such as &amp; (no ';' follows it)"),
  refInText("&;", 'the entity "&;" is not defined'),
  refInText("&nbsp;", 'the entity "&nbsp;" is not defined (only &lt; &gt; &amp; &quot; &apos; and character references are)'),
  refInText("&AMP;", 'the entity "&AMP;" is not defined'),
  notAChar("&#;"),
  notAChar("&#x;"),
  notAChar("&#xZZ;"),
  notAChar("&#X41;"),
  notAChar("&#-1;"),
  notAChar("&# 65;"),
  notAChar("&#0;"),
  notAChar("&#x0;"),
  notAChar("&#x1;"),
  notAChar("&#8;"),
  notAChar("&#x1F;"),
  notAChar("&#xFFFE;"),
  notAChar("&#xFFFF;"),
  notAChar("&#x110000;"),
  notAChar("&#1114112;"),
  notAChar("&#99999999999999999999;"),
  notAChar("&#xFFFFFFFFFFFFFFFFFFFF;"),
  text("a bad reference in an attribute", "<a b='&#x1;'/>", INVALID, 'the character reference "&#x1;" does not name', at(1, 7, 6)),
  text("an undefined entity in an attribute", '<a b="&xxe;"/>', INVALID, 'the entity "&xxe;" is not defined', at(1, 7, 6)),
  {
    ...text("&#x1; with ALLOW_INVALID_CHARACTER_REFERENCES (control)", "<a>&#x1;</a>", S_OK),
    properties: [property(WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES, true)],
  },
  {
    ...text(
      "&#xD800; even with ALLOW_INVALID_CHARACTER_REFERENCES",
      "<a>&#xD800;</a>",
      INVALID,
      'the character reference "&#xD800;"',
      at(1, 4, 3),
    ),
    properties: [property(WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES, true)],
  },
];

// --- the XML declaration -----------------------------------------------------------------

const declarations: MalformedCase[] = [
  text(
    "a second XML declaration",
    "<?xml version='1.0'?><?xml version='1.0'?><a/>",
    INVALID,
    "an XML declaration is only allowed at the very start",
    at(1, 22, 21),
  ),
  text(
    "a declaration after white space",
    " <?xml version='1.0'?><a/>",
    INVALID,
    "an XML declaration is only allowed at the very start",
    at(1, 2, 1),
  ),
  text(
    "a declaration after the root",
    "<a/><?xml version='1.0'?>",
    INVALID,
    "an XML declaration is only allowed at the very start",
    at(1, 5, 4),
  ),
  text(
    "version after encoding",
    "<?xml encoding='utf-8' version='1.0'?><a/>",
    INVALID,
    '"version" is not allowed here in the XML declaration',
    at(1, 33, 32),
  ),
  text("no version", "<?xml encoding='utf-8'?><a/>", INVALID, "the XML declaration must start with its version", at(1, 23, 22)),
  text(
    "an unknown pseudo-attribute",
    "<?xml version='1.0' foo='bar'?><a/>",
    INVALID,
    '"foo" is not allowed here in the XML declaration',
    at(1, 26, 25),
  ),
  text(
    "standalone=maybe",
    "<?xml version='1.0' standalone='maybe'?><a/>",
    INVALID,
    'standalone must be "yes" or "no", not "maybe"',
    at(1, 33, 32),
  ),
  text("version 2.0", "<?xml version='2.0'?><a/>", INVALID, 'unsupported XML version "2.0"', at(1, 16, 15)),
  text("an unquoted version", "<?xml version=1.0?><a/>", INVALID, "a quoted value was expected in the XML declaration", at(1, 15, 14)),
  text("no '?>'", "<?xml version='1.0'><a/>", INVALID, "white space was expected in the XML declaration", at(1, 20, 19)),
  text(
    "an EBCDIC encoding",
    '<?xml version="1.0" encoding="ebcdic"?><a/>',
    INVALID,
    'the encoding "ebcdic" is not supported (only UTF-8 and UTF-16 are)',
    at(1, 31, 30),
  ),
  text(
    "UTF-16 declared on UTF-8 bytes",
    '<?xml version="1.0" encoding="utf-16"?><a/>',
    INVALID,
    'the XML declaration says "utf-16" but the input is UTF-8',
    at(1, 31, 30),
  ),
  text("a malformed encoding name", '<?xml version="1.0" encoding="8bit"?><a/>', INVALID, 'invalid encoding name "8bit"', at(1, 31, 30)),
  text("a declaration and nothing else", '<?xml version="1.0"?>', INVALID, "the document has no root element", at(1, 22, 21)),
  {
    ...text(
      "a declaration with READ_DECLARATION FALSE",
      "<?xml version='1.0'?><a/>",
      INVALID,
      "WS_XML_READER_PROPERTY_READ_DECLARATION is FALSE",
      at(1, 1, 0),
    ),
    properties: [property(WS_XML_READER_PROPERTY_READ_DECLARATION, false)],
  },
];

// --- DTDs and entity bombs: refused at the <!DOCTYPE, never expanded ----------------------

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ELEMENT lolz (#PCDATA)>',
  ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
  "]>",
  "<lolz>&lol9;</lolz>",
].join("\n");

const DTD = "DTDs are not supported (a <!DOCTYPE> declaration)";
const bomb = (name: string, xml: string, ...message: string[]): MalformedCase => ({
  ...text(name, xml, INVALID, ...message),
  budget: { ms: 1000, heapMB: 16 },
});

const dtds: MalformedCase[] = [
  bomb("billion laughs", BILLION_LAUGHS, DTD, at(2, 1, 22)),
  bomb("billion laughs in an attribute", BILLION_LAUGHS.replace("<lolz>&lol9;</lolz>", '<lolz a="&lol9;"/>'), DTD, at(2, 1, 22)),
  bomb("an external entity (XXE)", '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>', DTD, at(1, 1, 0)),
  bomb("an external entity by URL", '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "http://example.invalid/x">]><foo>&xxe;</foo>', DTD, at(1, 1, 0)),
  bomb("a parameter entity", '<!DOCTYPE foo [<!ENTITY % pe SYSTEM "http://example.invalid/evil.dtd"> %pe;]><foo/>', DTD, at(1, 1, 0)),
  bomb("a nested parameter entity", "<!DOCTYPE foo [<!ENTITY % a \"<!ENTITY &#37; b 'x'>\"> %a; %b;]><foo/>", DTD, at(1, 1, 0)),
  bomb("an external DTD subset", '<!DOCTYPE foo SYSTEM "foo.dtd"><foo/>', DTD, at(1, 1, 0)),
  bomb(
    "a public DTD",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html/>',
    DTD,
    at(1, 1, 0),
  ),
  bomb("a DOCTYPE after the root", "<a/><!DOCTYPE a>", DTD, at(1, 5, 4)),
  bomb("a DOCTYPE inside the root", "<a><!DOCTYPE a></a>", DTD, at(1, 4, 3)),
  text("a lower-case doctype", "<!doctype a><a/>", INVALID, "unexpected markup after '<!'", at(1, 1, 0)),
  text("a DTD's entity used without the DTD", "<lolz>&lol9;</lolz>", INVALID, 'the entity "&lol9;" is not defined', at(1, 7, 6)),
  text("an external entity used without the DTD", "<foo>&xxe;</foo>", INVALID, 'the entity "&xxe;" is not defined', at(1, 6, 5)),
  // Outside a DTD '%' is an ordinary character: "%pe;" is four characters of text.
  text("a parameter entity reference in content is text (control)", "<foo>%pe;</foo>", S_OK),
];

// --- characters XML does not allow ---------------------------------------------------------

/** C0 controls other than TAB, LF and CR: not XML 1.0 Chars. */
const C0 = [...Array.from({ length: 0x20 }, (_, i) => i)].filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d);
const notAllowed = (cp: number) => `the character U+${hexOf(cp)} is not allowed in XML`;

const controls: MalformedCase[] = [
  ...C0.map((c) => text(`U+${hexOf(c)} in text`, `<a>${String.fromCharCode(c)}</a>`, INVALID, notAllowed(c), at(1, 4, 3))),
  ...[0x00, 0x01, 0x1b, 0x1f].map((c) =>
    text(`U+${hexOf(c)} in an attribute value`, `<a b='x${String.fromCharCode(c)}'/>`, INVALID, notAllowed(c), at(1, 8, 7)),
  ),
  ...[0x00, 0x07].map((c) =>
    text(`U+${hexOf(c)} in a comment`, `<!--${String.fromCharCode(c)}--><a/>`, INVALID, notAllowed(c), at(1, 5, 4)),
  ),
  ...[0x00, 0x0c].map((c) =>
    text(`U+${hexOf(c)} in CDATA`, `<a><![CDATA[${String.fromCharCode(c)}]]></a>`, INVALID, notAllowed(c), at(1, 13, 12)),
  ),
  text("U+0001 after an element name", "<a\u0001/>", INVALID, "white space was expected before an attribute", at(1, 3, 2)),
  text("U+0001 after text on line 3", "<a>\nx\n  \u0001</a>", INVALID, notAllowed(1), at(3, 3, 8)),
  text("U+FFFE in text", "<a>\uFFFE</a>", INVALID, notAllowed(0xfffe), at(1, 4, 3)),
  text("U+FFFF in text", "<a>\uFFFF</a>", INVALID, notAllowed(0xffff), at(1, 4, 3)),
  text("U+FFFF in an attribute", "<a b='\uFFFF'/>", INVALID, notAllowed(0xffff), at(1, 7, 6)),
  // XML 1.0 allows DEL, the C1 controls, NEL and LINE SEPARATOR (XML 1.1 restricts some of them).
  text("U+007F, U+0085, U+0090, U+2028 are allowed (control)", "<a b='\u007F\u0085'>\u0090\u2028</a>", S_OK),
];

// --- invalid UTF-8 ---------------------------------------------------------------------------

/** `<a>` + the bytes + `</a>`: the sequence starts at byte 3, column 4. */
const inText = (name: string, seq: number[], message: string) => raw(name, bytes("<a>", seq, "</a>"), INVALID, message, at(1, 4, 3));
const BAD_BYTE = (b: number) => `invalid UTF-8 byte 0x${b.toString(16)}`;
const BAD_SEQUENCE = "invalid UTF-8 sequence";
const TRUNCATED = "truncated or invalid UTF-8 sequence";

const utf8Cases: MalformedCase[] = [
  // Overlong forms: C0/C1 can only start overlong two-byte forms; E0 and F0 need a floor.
  inText("overlong NUL C0 80", [0xc0, 0x80], BAD_BYTE(0xc0)),
  inText("overlong '/' C0 AF", [0xc0, 0xaf], BAD_BYTE(0xc0)),
  inText("overlong C1 BF", [0xc1, 0xbf], BAD_BYTE(0xc1)),
  inText("overlong three-byte E0 80 80", [0xe0, 0x80, 0x80], BAD_SEQUENCE),
  inText("overlong three-byte '/' E0 80 AF", [0xe0, 0x80, 0xaf], BAD_SEQUENCE),
  inText("overlong three-byte E0 9F BF", [0xe0, 0x9f, 0xbf], BAD_SEQUENCE),
  inText("overlong four-byte F0 80 80 80", [0xf0, 0x80, 0x80, 0x80], BAD_SEQUENCE),
  inText("overlong four-byte F0 8F BF BF", [0xf0, 0x8f, 0xbf, 0xbf], BAD_SEQUENCE),
  inText("five-byte form F8 88 80 80 80", [0xf8, 0x88, 0x80, 0x80, 0x80], BAD_BYTE(0xf8)),
  inText("six-byte form FC 84 80 80 80 80", [0xfc, 0x84, 0x80, 0x80, 0x80, 0x80], BAD_BYTE(0xfc)),
  // Continuation bytes with no lead byte.
  inText("lone continuation 80", [0x80], BAD_BYTE(0x80)),
  inText("lone continuation BF", [0xbf], BAD_BYTE(0xbf)),
  inText("two continuations 80 80", [0x80, 0x80], BAD_BYTE(0x80)),
  raw("a continuation after a complete character", bytes("<a>", [0xc3, 0xa9, 0xa9], "</a>"), INVALID, BAD_BYTE(0xa9), at(1, 5, 5)),
  // Lead bytes that cannot occur in UTF-8, and code points past U+10FFFF.
  ...[0xf5, 0xf6, 0xf7, 0xfe, 0xff].map((b) => inText(`lead byte 0x${b.toString(16).toUpperCase()}`, [b, 0x80, 0x80, 0x80], BAD_BYTE(b))),
  inText("U+110000 as F4 90 80 80", [0xf4, 0x90, 0x80, 0x80], BAD_SEQUENCE),
  inText("U+1FFFFF as F7 BF BF BF", [0xf7, 0xbf, 0xbf, 0xbf], BAD_BYTE(0xf7)),
  // Sequences cut short.
  inText("C3 then '<'", [0xc3], TRUNCATED),
  inText("E2 82 then '<'", [0xe2, 0x82], TRUNCATED),
  inText("F0 9F 98 then '<'", [0xf0, 0x9f, 0x98], TRUNCATED),
  inText("E2 then ASCII", [0xe2, 0x28, 0xa1], TRUNCATED),
  raw("C3 at the end of the input", bytes("<a>", [0xc3]), INVALID, TRUNCATED, at(1, 4, 3)),
  raw("F0 9F at the end of the input", bytes("<a>", [0xf0, 0x9f]), INVALID, TRUNCATED, at(1, 4, 3)),
  // UTF-8-encoded surrogates (CESU-8 and lone halves): not UTF-8.
  inText("UTF-8 surrogate ED A0 80 (U+D800)", [0xed, 0xa0, 0x80], BAD_SEQUENCE),
  inText("UTF-8 surrogate ED BF BF (U+DFFF)", [0xed, 0xbf, 0xbf], BAD_SEQUENCE),
  inText("UTF-8 surrogate ED B0 80 (U+DC00)", [0xed, 0xb0, 0x80], BAD_SEQUENCE),
  inText("CESU-8 pair ED A0 BD ED B8 80", [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], BAD_SEQUENCE),
  // The same faults in every place a character can stand.
  raw("invalid UTF-8 in an element name", bytes("<", [0xc3, 0x28], "/>"), INVALID, TRUNCATED, at(1, 2, 1)),
  raw("invalid UTF-8 inside an element name", bytes("<ab", [0xff], "/>"), INVALID, BAD_BYTE(0xff), at(1, 4, 3)),
  raw("invalid UTF-8 in an attribute name", bytes("<a ", [0xc0, 0x80], "='1'/>"), INVALID, BAD_BYTE(0xc0), at(1, 4, 3)),
  raw("invalid UTF-8 in an attribute value", bytes("<a b='", [0x80], "'/>"), INVALID, BAD_BYTE(0x80), at(1, 7, 6)),
  raw("a UTF-8 surrogate in an attribute value", bytes("<a b='", [0xed, 0xa0, 0x80], "'/>"), INVALID, BAD_SEQUENCE, at(1, 7, 6)),
  raw("invalid UTF-8 in a comment", bytes("<!--", [0xff], "--><a/>"), INVALID, BAD_BYTE(0xff), at(1, 5, 4)),
  raw("invalid UTF-8 in CDATA", bytes("<a><![CDATA[", [0xe0, 0x80, 0x80], "]]></a>"), INVALID, BAD_SEQUENCE, at(1, 13, 12)),
  raw("invalid UTF-8 before the root", bytes([0xfe, 0x41], "<a/>"), INVALID, BAD_BYTE(0xfe), at(1, 1, 0)),
  raw("invalid UTF-8 in an end tag", bytes("<a></", [0xc3], ">"), INVALID, TRUNCATED, at(1, 6, 5)),
  // Columns count characters: two two-byte characters before the bad byte put it at column 6, byte 7.
  raw("invalid UTF-8 after non-ASCII text", bytes("<a>éé", [0x80], "</a>"), INVALID, BAD_BYTE(0x80), at(1, 6, 7)),
  raw("invalid UTF-8 on line 3", bytes("<a>\n\n  ", [0xff], "</a>"), INVALID, BAD_BYTE(0xff), at(3, 3, 7)),
  {
    ...raw(
      "UTF-16 bytes read as UTF-8",
      bytes([0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00, 0x2f, 0x00, 0x3e, 0x00]),
      INVALID,
      BAD_BYTE(0xff),
      at(1, 1, 0),
    ),
    charSet: WS_CHARSET_UTF8,
  },
];

// --- UTF-16 input and surrogates ---------------------------------------------------------

const le = (s: string) => Array.from(s, (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat();
const be = (s: string) => Array.from(s, (c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]).flat();
const UNPAIRED = "the input is not valid UTF-16 (an unpaired surrogate)";
const utf16 = (name: string, input: number[], ...message: string[]): MalformedCase => ({ ...raw(name, bytes(input), INVALID, ...message) });

const surrogates: MalformedCase[] = [
  {
    ...utf16("UTF-16LE: an unpaired high surrogate", [0xff, 0xfe, ...le("<a>"), 0x00, 0xd8, ...le("</a>")], UNPAIRED, "byte 8"),
  },
  {
    ...utf16("UTF-16LE: an unpaired low surrogate", [0xff, 0xfe, ...le("<a>"), 0x00, 0xdc, ...le("</a>")], UNPAIRED, "byte 8"),
  },
  {
    ...utf16("UTF-16LE: a pair in the wrong order", [0xff, 0xfe, ...le("<a>"), 0x00, 0xde, 0x3d, 0xd8, ...le("</a>")], UNPAIRED, "byte 8"),
  },
  { ...utf16("UTF-16LE: a high surrogate at the end", [0xff, 0xfe, ...le("<a>"), 0x3d, 0xd8], UNPAIRED, "byte 8") },
  { ...utf16("UTF-16LE without a BOM: unpaired", [...le("<a>"), 0x00, 0xd8, ...le("</a>")], UNPAIRED, "byte 6") },
  {
    ...utf16("UTF-16BE: an unpaired high surrogate", [0xfe, 0xff, ...be("<a>"), 0xd8, 0x00, ...be("</a>")], UNPAIRED, "byte 8"),
  },
  {
    ...utf16(
      "UTF-16BE: an unpaired low surrogate in an attribute",
      [0xfe, 0xff, ...be("<a b='"), 0xdc, 0x00, ...be("'/>")],
      UNPAIRED,
      "byte 14",
    ),
  },
  utf16("UTF-16LE: an odd number of bytes", [0xff, 0xfe, ...le("<a/>"), 0x0a], "UTF-16 input has an odd number of bytes (11)"),
  utf16(
    "UTF-16LE declaring utf-8",
    [0xff, 0xfe, ...le('<?xml version="1.0" encoding="utf-8"?><a/>')],
    'the XML declaration says "utf-8" but the input is UTF-16LE',
    at(1, 31, 30),
  ),
  utf16("UTF-16BE: a control character", [0xfe, 0xff, ...be("<a>\u0001</a>")], notAllowed(1), at(1, 4, 3)),
  utf16("UTF-16LE: U+FFFE in text", [0xff, 0xfe, ...le("<a>\uFFFE</a>")], notAllowed(0xfffe), at(1, 4, 3)),
  // Surrogate code points are not XML Chars, so no character reference may name one, paired or not.
  notAChar("&#xD800;"),
  notAChar("&#xDFFF;"),
  notAChar("&#55296;"),
  notAChar("&#57343;"),
  refInText("&#xD83D;&#xDE00;", 'the character reference "&#xD83D;" does not name a character allowed in XML'),
  text("a surrogate reference in an attribute", "<a b='&#xDC00;'/>", INVALID, 'the character reference "&#xDC00;"', at(1, 7, 6)),
  text("an astral character by reference is fine (control)", "<a b='&#x1F600;'>&#128512;</a>", S_OK),
];

// --- quotas at their boundaries (the floods are in generators.ts) ----------------------------

const nested = (depth: number) => `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`;
const withAttributes = (n: number) => `<a ${Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(" ")}/>`;
const withDeclarations = (n: number) => `<a ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(" ")}/>`;
/** `levels` nested elements each declaring two prefixes: 2 * levels declarations in scope at the deepest. */
const declarationsPerLevel = (levels: number) =>
  Array.from({ length: levels }, (_, i) => `<e xmlns:p${2 * i}="urn:${2 * i}" xmlns:p${2 * i + 1}="urn:${2 * i + 1}">`).join("") +
  "</e>".repeat(levels);

/** The position of the first occurrence of `needle` in the ASCII `xml`, as the reader writes it (one line). */
const atText = (xml: string, needle: string) => at(1, xml.indexOf(needle) + 1, xml.indexOf(needle));
/** The namespace scope's quota message, which gives line and column only. */
const atColumn = (xml: string, needle: string) => `at line 1, column ${xml.indexOf(needle) + 1} (WS_XML_READER_PROPERTY_MAX_NAMESPACES)`;

const quotas: MalformedCase[] = [
  text("depth 32 (control)", nested(32), S_OK),
  text("depth 33", nested(33), QUOTA, "the element nesting goes deeper than 32 (WS_XML_READER_PROPERTY_MAX_DEPTH)", at(1, 97, 96)),
  {
    ...text("depth 4 with MAX_DEPTH 3", nested(4), QUOTA, "deeper than 3", at(1, 10, 9)),
    properties: [property(WS_XML_READER_PROPERTY_MAX_DEPTH, 3)],
  },
  text("128 attributes (control)", withAttributes(128), S_OK),
  text(
    "129 attributes",
    withAttributes(129),
    QUOTA,
    "an element has more than 128 attributes (WS_XML_READER_PROPERTY_MAX_ATTRIBUTES)",
    atText(withAttributes(129), "a128="),
  ),
  {
    ...text("3 attributes with MAX_ATTRIBUTES 2", withAttributes(3), QUOTA, "more than 2 attributes", atText(withAttributes(3), "a2=")),
    properties: [property(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, 2)],
  },
  text("32 namespace declarations (control)", withDeclarations(32), S_OK),
  text(
    "33 namespace declarations on one element",
    withDeclarations(33),
    QUOTA,
    "more than 32 namespace declarations in scope",
    atColumn(withDeclarations(33), "xmlns:p32="),
  ),
  text(
    "34 declarations over 17 levels",
    declarationsPerLevel(17),
    QUOTA,
    "more than 32 namespace declarations in scope",
    atColumn(declarationsPerLevel(17), "xmlns:p32="),
  ),
  text("32 declarations over 16 levels (control)", declarationsPerLevel(16), S_OK),
  {
    ...text(
      "2 declarations with MAX_NAMESPACES 1",
      withDeclarations(2),
      QUOTA,
      "more than 1 namespace declarations",
      atColumn(withDeclarations(2), "xmlns:p1="),
    ),
    properties: [property(WS_XML_READER_PROPERTY_MAX_NAMESPACES, 1)],
  },
];

// --- namespaces -----------------------------------------------------------------------------

const namespaces: MalformedCase[] = [
  text("an undeclared element prefix", "<p:a/>", INVALID, 'the prefix "p" is not declared', at(1, 2, 1)),
  text("an undeclared attribute prefix", "<a p:x='1'/>", INVALID, 'the prefix "p" is not declared', at(1, 4, 3)),
  text("a prefix used outside its scope", "<a><b xmlns:p='u'/><p:c/></a>", INVALID, 'the prefix "p" is not declared', at(1, 21, 20)),
  text(
    "a prefix bound to the empty namespace",
    "<a xmlns:p=''/>",
    INVALID,
    'the prefix "p" cannot be bound to the empty namespace at line 1, column 4',
  ),
  text(
    "xml bound to another namespace",
    "<a xmlns:xml='urn:x'/>",
    INVALID,
    'the prefix "xml" cannot be bound to another namespace at line 1, column 4',
  ),
  text("xmlns declared", "<a xmlns:xmlns='urn:x'/>", INVALID, 'the prefix "xmlns" cannot be declared at line 1, column 4'),
  text(
    "another prefix bound to the XML namespace",
    "<a xmlns:x='http://www.w3.org/XML/1998/namespace'/>",
    INVALID,
    'only the prefix "xml" may be bound to the XML namespace at line 1, column 4',
  ),
  text(
    "the default namespace bound to xmlns's",
    "<a xmlns='http://www.w3.org/2000/xmlns/'/>",
    INVALID,
    "no prefix may be bound to the xmlns namespace at line 1, column 4",
  ),
  text("xmlns as an element prefix", "<xmlns:a/>", INVALID, 'the prefix "xmlns" is not declared', at(1, 2, 1)),
];

export const textCases: readonly MalformedCase[] = [
  ...markup,
  ...references,
  ...declarations,
  ...dtds,
  ...controls,
  ...utf8Cases,
  ...surrogates,
  ...quotas,
  ...namespaces,
];
