import { WS_CHARSET_UTF16BE, WS_CHARSET_UTF16LE } from "@wwsapi/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documents, modelInfoset } from "./documents.js";
import { readInfoset } from "./read-document.js";
import { writeText } from "./write-document.js";

/*
 * Property (a): any document the model generates (documents.ts), written with WS_XML_WRITER's
 * text encoding and read back with WS_XML_READER, has the infoset the model says (infoset.ts):
 * names, namespaces, attribute values and text survive escaping, CDATA, non-ASCII and astral
 * characters, and the writer adds no declaration the model did not ask for.
 */

const RUNS = { numRuns: 200 };

describe("text: WS_XML_WRITER then WS_XML_READER keeps the infoset", () => {
  it("in UTF-8", () => {
    fc.assert(
      fc.property(documents, (document) => {
        expect(readInfoset(writeText(document), "text")).toEqual(modelInfoset(document));
      }),
      RUNS,
    );
  });

  it("in UTF-16LE and UTF-16BE (the reader detects the charset)", () => {
    fc.assert(
      fc.property(documents, fc.constantFrom(WS_CHARSET_UTF16LE, WS_CHARSET_UTF16BE), (document, charSet) => {
        expect(readInfoset(writeText(document, charSet), "text")).toEqual(modelInfoset(document));
      }),
      { numRuns: 100 },
    );
  });
});

describe("line ends in comments", () => {
  // XML 1.0 section 2.11: a processor passes "a single #xA character" for every CR LF and lone CR
  // "on input, before parsing", so no CR reaches the application from a comment either. The text
  // reader does this for text, CDATA, attribute values and comments.
  // (What WWSAPI itself does here is not recorded.)
  it("a comment's CR LF and CR read back as LF", () => {
    expect(readInfoset(new TextEncoder().encode("<a><!--x\r\ny\rz--></a>"), "text")).toEqual({
      children: [
        { kind: "element", ns: "", localName: "a", attributes: [], declarations: [], children: [{ kind: "comment", value: "x\ny\nz" }] },
      ],
    });
  });
});
