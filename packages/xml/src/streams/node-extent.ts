/**
 * Whether the next node of a text document is completely buffered. The text scanner takes the end
 * of its bytes for the end of the document, so a stream reader hands it the next node only once
 * that node's end is buffered (or the stream has ended): otherwise a text cut short would be
 * reported as a whole text node, and a start tag cut short as malformed. "Complete" also covers
 * input the scanner refuses before it reaches the end of the buffer (a '<' inside a start tag, a
 * quote where no value can start): it then fails exactly as it does on the whole document.
 *
 * These rules follow the scanner's own (text-reader/text-scanner.ts) case by case.
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOTE = 0x22;
const APOS = 0x27;
const EQUALS = 0x3d;
const DASH = 0x2d;
const RSQB = 0x5d;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const DASHES = ascii("--");
const CDATA_OPEN = ascii("[CDATA[");
const DOCTYPE = ascii("DOCTYPE");
const XML_DECL = ascii("<?xml");

/** How `needle` compares with the bytes at `at`: all there, cut short by the end of the buffer, or different. */
const Match = { Full: 0, Partial: 1, None: 2 } as const;
type Match = (typeof Match)[keyof typeof Match];

function match(bytes: Uint8Array, at: number, needle: Uint8Array): Match {
  for (let i = 0; i < needle.length; i++) {
    if (at + i >= bytes.length) return Match.Partial;
    if (bytes[at + i] !== needle[i]) return Match.None;
  }
  return Match.Full;
}

/** Whether the node that starts at `pos` (the scanner's offset between nodes) is all in `bytes`. */
export function nodeIsBuffered(bytes: Uint8Array, pos: number): boolean {
  if (pos >= bytes.length) return false;
  // Character data runs to the next '<'.
  if (bytes[pos] !== LT) return bytes.indexOf(LT, pos) >= 0;
  if (pos + 1 >= bytes.length) return false;
  switch (bytes[pos + 1]) {
    case SLASH:
      return bytes.indexOf(GT, pos + 2) >= 0;
    case BANG:
      return markupIsBuffered(bytes, pos);
    case QUESTION:
      // Refused either way; the message depends on whether it reads "<?xml".
      return pos + XML_DECL.length <= bytes.length;
    default:
      // A '<' further on settles it: the tag ends before it, or the scanner refuses the '<' inside
      // the tag (startTagIsBuffered's rule). indexOf is native, so the usual case costs no JS loop.
      return bytes.indexOf(LT, pos + 1) >= 0 || startTagIsBuffered(bytes, pos + 1);
  }
}

/** `<!--` … `-->`, `<![CDATA[` … `]]>`, or markup the scanner refuses (a DTD). */
function markupIsBuffered(bytes: Uint8Array, pos: number): boolean {
  const at = pos + 2;
  const comment = match(bytes, at, DASHES);
  if (comment === Match.Partial) return false;
  if (comment === Match.Full) {
    // The comment ends at the first "--", which must be followed by '>' (else it is refused there).
    for (let i = at + 2; i + 1 < bytes.length; i++) {
      if (bytes[i] === DASH && bytes[i + 1] === DASH) return i + 2 < bytes.length;
    }
    return false;
  }
  const cdata = match(bytes, at, CDATA_OPEN);
  if (cdata === Match.Partial) return false;
  if (cdata === Match.Full) {
    for (let i = at + CDATA_OPEN.length; i + 2 < bytes.length; i++) {
      if (bytes[i] === RSQB && bytes[i + 1] === RSQB && bytes[i + 2] === GT) return true;
    }
    return false;
  }
  // Refused; whether the message names a DTD depends on the word that follows.
  return match(bytes, at, DOCTYPE) !== Match.Partial;
}

/**
 * A start tag (or the XML declaration) from the byte after its '<': it ends at the first '>' that is
 * not inside a quoted value. A value starts only at a quote after '=' (and white space); a '<'
 * anywhere, or a quote anywhere else, is refused by the scanner where it stands.
 */
function startTagIsBuffered(bytes: Uint8Array, from: number): boolean {
  let afterEquals = false;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === GT || c === LT) return true;
    if (c === QUOTE || c === APOS) {
      if (!afterEquals) return true;
      for (i++; i < bytes.length && bytes[i] !== c; i++) if (bytes[i] === LT) return true;
      if (i >= bytes.length) return false;
      afterEquals = false;
    } else if (c === EQUALS) {
      afterEquals = true;
    } else if (!isSpace(c)) {
      afterEquals = false;
    }
  }
  return false;
}

/**
 * Whether enough of the document's start is buffered to tell whether it begins with an XML
 * declaration ("<?xml" and white space, as the scanner tests it), and to read the declaration
 * whole if it does.
 */
export function prologIsBuffered(bytes: Uint8Array): boolean {
  const start = match(bytes, 0, XML_DECL);
  if (start !== Match.Full) return start === Match.None;
  if (bytes.length <= XML_DECL.length) return false;
  if (!isSpace(bytes[XML_DECL.length]!)) return true;
  return startTagIsBuffered(bytes, 1);
}
