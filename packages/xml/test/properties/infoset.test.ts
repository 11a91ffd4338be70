import { describe, expect, it } from "vitest";
import type { ModelDocument } from "./documents.js";
import { modelInfoset } from "./documents.js";
import { readInfoset } from "./read-document.js";

/** The infoset helper itself, on a fixed document, so that the properties compare what they claim to. */

const encoder = new TextEncoder();

describe("the infoset of a document", () => {
  const xml =
    '<!--c0--><r xmlns="urn:d" xmlns:p="urn:p" p:b="2" a="1">t1<![CDATA[<t2>]]>t3<!--c1--><![CDATA[]]>' +
    '<p:e xmlns="" xml:lang="en"/>t4</r><!--c2-->';
  const expected = {
    children: [
      { kind: "comment", value: "c0" },
      {
        kind: "element",
        ns: "urn:d",
        localName: "r",
        // Sets, in canonical order: attributes by namespace then name, declarations by prefix.
        attributes: [
          { ns: "", localName: "a", value: "1" },
          { ns: "urn:p", localName: "b", value: "2" },
        ],
        declarations: [
          { prefix: "", ns: "urn:d" },
          { prefix: "p", ns: "urn:p" },
        ],
        children: [
          // Text and CDATA merge into one text; a comment ends the run; an empty CDATA adds nothing.
          { kind: "text", value: "t1<t2>t3" },
          { kind: "comment", value: "c1" },
          {
            kind: "element",
            ns: "urn:p",
            localName: "e",
            attributes: [{ ns: "http://www.w3.org/XML/1998/namespace", localName: "lang", value: "en" }],
            declarations: [{ prefix: "", ns: "" }],
            children: [],
          },
          { kind: "text", value: "t4" },
        ],
      },
      { kind: "comment", value: "c2" },
    ],
  };

  it("is read from the nodes: expanded names, attribute and declaration sets, merged text, comments", () => {
    expect(readInfoset(encoder.encode(xml), "text")).toEqual(expected);
  });

  it("is computed from a model the same way", () => {
    const model: ModelDocument = {
      before: ["c0"],
      root: {
        kind: "element",
        prefix: "",
        localName: "r",
        ns: "urn:d",
        declarations: [
          { prefix: "p", ns: "urn:p" },
          { prefix: "", ns: "urn:d" },
        ],
        attributes: [
          { prefix: "p", localName: "b", ns: "urn:p", value: "2", singleQuote: false },
          { prefix: "", localName: "a", ns: "", value: "1", singleQuote: true },
        ],
        children: [
          { kind: "text", value: "t1" },
          { kind: "cdata", value: "<t2>" },
          { kind: "text", value: "t3" },
          { kind: "comment", value: "c1" },
          { kind: "cdata", value: "" },
          {
            kind: "element",
            prefix: "p",
            localName: "e",
            ns: "urn:p",
            declarations: [{ prefix: "", ns: "" }],
            attributes: [{ prefix: "xml", localName: "lang", ns: "http://www.w3.org/XML/1998/namespace", value: "en", singleQuote: false }],
            children: [],
          },
          { kind: "text", value: "t4" },
        ],
      },
      after: ["c2"],
    };
    expect(modelInfoset(model)).toEqual(expected);
  });

  it("tells documents apart that differ in a namespace, a value or where text ends", () => {
    const of = (text: string) => readInfoset(encoder.encode(text), "text");
    expect(of('<a xmlns="u"/>')).not.toEqual(of('<a xmlns="v"/>'));
    expect(of("<a b='1'/>")).not.toEqual(of("<a b='2'/>"));
    expect(of("<a>x<!---->y</a>")).not.toEqual(of("<a>xy</a>"));
    // Spelling is not part of it: quotes, empty-element tags, escapes, CDATA against text.
    expect(of("<p:a xmlns:p='u' b=\"&lt;\"></p:a>")).toEqual(of("<p:a xmlns:p=\"u\" b='&#60;'/>"));
    expect(of("<a>&lt;x</a>")).toEqual(of("<a><![CDATA[<]]>x</a>"));
  });
});
