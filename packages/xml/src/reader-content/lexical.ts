/** Shared pieces of the lexical parsers (parse-*.ts): how a rejected text is quoted in messages. */

/** The text as a message shows it: quoted, and cut short when long (it may be a whole document's content). */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 48 ? `${text.slice(0, 45)}...` : text);
}

/** Whether `c` (a UTF-16 unit) is an ASCII digit. */
export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** "a" or "an" before a type name, by its sound ("an int32", "a uint8"). */
export const article = (name: string) => (/^[aeio]/i.test(name) ? `an ${name}` : `a ${name}`);
