import { WsError } from "@wwsapi/core/internal";
import { type LineColumn, lineColumnAt } from "../text-reader/reader-position.js";

const LF = 0x0a;

export interface DocumentPlace extends LineColumn {
  /** Byte offset in the document (after a byte order mark, as for buffer input). */
  offset: number;
}

/**
 * Where in the document a stream reader's buffer begins. The buffer holds a few bytes of markup
 * that stand for the elements still open (see OpenElements) and then the document's bytes from
 * this place on; the text scanner counts lines, columns and bytes from the start of its buffer,
 * and this turns its positions into positions in the document.
 */
export class DocumentPosition {
  offset = 0;
  line = 1;
  column = 1;

  /** Moves past `bytes[from, to)`, document bytes that the reader has read and drops. */
  advance(bytes: Uint8Array, from: number, to: number): void {
    // Columns count characters (lineColumnAt): every byte but UTF-8 continuation bytes.
    for (let i = from; i < to; i++) {
      const b = bytes[i]!;
      if (b === LF) {
        this.line++;
        this.column = 1;
      } else if ((b & 0xc0) !== 0x80) {
        this.column++;
      }
    }
    this.offset += to - from;
  }

  /** The document place of `buffer[at]`, where the document's bytes start at `buffer[start]`. */
  place(buffer: Uint8Array, start: number, at: number): DocumentPlace {
    const relative = lineColumnAt(buffer, at, start);
    return {
      offset: this.offset + at - start,
      line: this.line + relative.line - 1,
      column: relative.line === 1 ? this.column + relative.column - 1 : relative.column,
    };
  }

  /** Whether positions in a buffer that starts at `start` are already document positions. */
  isIdentity(start: number): boolean {
    return start === 0 && this.offset === 0;
  }

  /**
   * An error of the text scanner with its position ("at line L, column C", and "(byte B)" where
   * it gives one) restated in the document.
   */
  relocate(error: WsError, buffer: Uint8Array, start: number): WsError {
    if (this.isIdentity(start)) return error;
    const strings = error.strings.map((text) =>
      text.replace(POSITION, (_all, line: string, column: string, byte: string | undefined) => {
        const at = byte !== undefined ? Number(byte) : offsetOf(buffer, Number(line), Number(column));
        const place = this.place(buffer, start, at);
        return `at line ${place.line}, column ${place.column}${byte !== undefined ? ` (byte ${place.offset})` : ""}`;
      }),
    );
    return new WsError(error.hr, ...strings);
  }
}

/** How text-reader errors state a position (TextScanner.fail, NamespaceScope's `where`). */
const POSITION = /at line (\d+), column (\d+)(?: \(byte (\d+)\))?/;

/** The byte offset of a line and column as lineColumnAt counts them. */
function offsetOf(bytes: Uint8Array, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const lf = bytes.indexOf(LF, at);
    if (lf < 0) return bytes.length;
    at = lf + 1;
  }
  for (let c = 1; c < column && at < bytes.length; c++) {
    at++;
    while (at < bytes.length && (bytes[at]! & 0xc0) === 0x80) at++;
  }
  return at;
}
