/**
 * Line and column of a byte offset, computed only when an error or the ROW/COLUMN properties
 * need them: the scanner's hot loops never count lines.
 */
export interface LineColumn {
  line: number;
  column: number;
}

export function lineColumnAt(bytes: Uint8Array, end: number, start = 0): LineColumn {
  let line = 1;
  let lineStart = start;
  const stop = Math.min(end, bytes.length);
  for (let i = start; i < stop; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, not bytes: skip UTF-8 continuation bytes.
  let column = 1;
  for (let i = lineStart; i < stop; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}
