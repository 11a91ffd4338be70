import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documents, modelInfoset } from "./documents.js";
import { readInfoset } from "./read-document.js";
import { binaryWriterAvailable, encodeRecords, writeBinary, writeText } from "./write-document.js";

/*
 * Property (b): the same documents in binary XML ([MC-NBFX]) read back by WS_XML_READER's binary
 * reader give the same infoset as the text round trip (CDATA becomes plain text: binary XML has
 * no CDATA, and the infoset does not tell them apart).
 *
 * Two writers feed it. The binary codec's record encoder (binary/write-records.ts) is always
 * there, so the binary reader is always checked against the text reader. WS_XML_WRITER with
 * WS_XML_WRITER_ENCODING_TYPE_BINARY was being added by another part of the project while these
 * tests were written (it landed before they were finished, and the property passed): the property
 * is skipped only where WsSetOutput still returns E_NOTIMPL for it.
 */

const RUNS = { numRuns: 200 };

describe("binary: the binary reader gives the text round trip's infoset", () => {
  it("for [MC-NBFX] records encoded by the binary codec", () => {
    fc.assert(
      fc.property(documents, (document) => {
        const expected = modelInfoset(document);
        expect(readInfoset(encodeRecords(document), "binary")).toEqual(expected);
        expect(readInfoset(writeText(document), "text")).toEqual(expected);
      }),
      RUNS,
    );
  });

  it.skipIf(!binaryWriterAvailable())("for documents written by WS_XML_WRITER with WS_XML_WRITER_BINARY_ENCODING", () => {
    fc.assert(
      fc.property(documents, (document) => {
        const text = readInfoset(writeText(document), "text");
        expect(readInfoset(writeBinary(document), "binary")).toEqual(text);
        expect(text).toEqual(modelInfoset(document));
      }),
      RUNS,
    );
  });
});
