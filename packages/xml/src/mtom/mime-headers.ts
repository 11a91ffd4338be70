import { malformed } from "./mime-errors.js";

/** One header field of a MIME header block: its name in lower case, its unfolded value, where its line starts. */
export interface HeaderField {
  name: string;
  value: string;
  offset: number;
}

export interface HeaderBlock {
  fields: HeaderField[];
  /** The offset just after the empty line that ends the block. */
  end: number;
}

const CR = 0x0d;
const LF = 0x0a;
const latin1 = new TextDecoder("latin1");

/**
 * Reads the header block that starts at `at` (RFC 2045 / RFC 5322 syntax): `Name: value` lines
 * ended by CRLF, a line that starts with a space or a tab continuing the one before it, and an
 * empty line ending the block. Names are compared without regard to case (RFC 2045 §5.1), so
 * they are kept in lower case; values are unfolded (the CRLF of a continuation is removed) and
 * trimmed. `what` names the block in messages ("the MIME header", "the headers of part 2");
 * `base` is where `data` starts in the input, so that messages and field offsets are input offsets
 * (`end` stays an offset in `data`).
 */
export function readHeaderBlock(data: Uint8Array, at: number, what: string, base = 0): HeaderBlock {
  const fields: HeaderField[] = [];
  let line = at;
  for (;;) {
    const eol = lineEnd(data, line);
    if (eol < 0) throw malformed(`${what} does not end: no empty line follows it (the headers start at byte ${base + at})`, base + line);
    if (eol === line) return { fields, end: eol + 2 };
    const first = data[line]!;
    if (first === 0x20 || first === 0x09) {
      const previous = fields[fields.length - 1];
      if (previous === undefined) throw malformed(`${what} begins with a continuation line (a space or tab)`, base + line);
      previous.value = `${previous.value} ${latin1.decode(data.subarray(line, eol)).trim()}`.trim();
    } else {
      const colon = nameEnd(data, line, eol);
      if (colon < 0) throw malformed(`${what} has a line that is not "Name: value"`, base + line);
      const name = latin1.decode(data.subarray(line, colon)).toLowerCase();
      fields.push({ name, value: latin1.decode(data.subarray(colon + 1, eol)).trim(), offset: base + line });
    }
    line = eol + 2;
  }
}

/**
 * Where the header block that starts at `at` ends (just after its empty line), or -1 when that is
 * not in `data` yet: how a stream reader knows a block is all there before reading it.
 */
export function headerBlockEnd(data: Uint8Array, at: number): number {
  if (data[at] === CR && data[at + 1] === LF) return at + 2;
  for (let i = at; i + 3 < data.length; i++) {
    if (data[i] === CR && data[i + 1] === LF && data[i + 2] === CR && data[i + 3] === LF) return i + 4;
  }
  return -1;
}

/** The offset of the CRLF that ends the line starting at `from`, or -1 when the data ends first. */
function lineEnd(data: Uint8Array, from: number): number {
  for (let i = from; i + 1 < data.length; i++) {
    if (data[i] === CR && data[i + 1] === LF) return i;
  }
  return -1;
}

/** The offset of the colon after a field name (printable ASCII but ':', RFC 5322 §2.2), or -1. */
function nameEnd(data: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const b = data[i]!;
    if (b === 0x3a) return i === from ? -1 : i;
    if (b < 0x21 || b > 0x7e) return -1;
  }
  return -1;
}

/** The one field named `name` ("Content-Type"), or undefined; two of them are malformed. */
export function singleField(block: HeaderBlock, name: string, what: string): HeaderField | undefined {
  const key = name.toLowerCase();
  let found: HeaderField | undefined;
  for (const field of block.fields) {
    if (field.name !== key) continue;
    if (found !== undefined) throw malformed(`${what} has two ${name} fields`, field.offset);
    found = field;
  }
  return found;
}
