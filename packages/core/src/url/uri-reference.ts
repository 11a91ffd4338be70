/**
 * Splits a URI reference into its five components (RFC 3986 §3, §4.1 and Appendix B) without decoding
 * anything, keeping each component's offset so errors can point at it. Decoding and checking of each
 * component is left to the caller, which knows which scheme rules apply.
 */
import { WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { describeChar, isAlpha, isDigit } from "./char-classes.js";
import { errorAt, type UrlSource } from "./url-errors.js";

/** A piece of the input: its text and where it starts. */
export interface Span {
  readonly text: string;
  readonly offset: number;
}

/** Components that are absent are `undefined`; present but empty ones are empty spans (RFC 3986 §5.3). */
export interface UriReference {
  readonly scheme: Span | undefined;
  readonly authority: Span | undefined;
  readonly path: Span;
  readonly query: Span | undefined;
  readonly fragment: Span | undefined;
}

/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
function isSchemeChar(code: number): boolean {
  return isAlpha(code) || isDigit(code) || code === 0x2b || code === 0x2d || code === 0x2e;
}

/** Index of the first of `stops` in `text` at or after `from`, or `text.length`. */
function indexOfAny(text: string, stops: string, from: number): number {
  for (let i = from; i < text.length; i++) if (stops.includes(text.charAt(i))) return i;
  return text.length;
}

export function splitUriReference(source: UrlSource): UriReference {
  const text = source.input;
  let pos = 0;

  // A ":" before any "/", "?" or "#" ends a scheme (Appendix B). A relative reference may not have a
  // ":" in its first segment (path-noscheme), so a prefix that is not a valid scheme is an error
  // rather than a path.
  let scheme: Span | undefined;
  const colon = text.indexOf(":");
  if (colon >= 0 && colon < indexOfAny(text, "/?#", 0)) {
    if (colon === 0 || !isAlpha(text.charCodeAt(0))) {
      throw errorAt(WS_E_INVALID_FORMAT, source, "invalid scheme", 0, "a scheme must start with a letter");
    }
    for (let i = 1; i < colon; i++) {
      if (!isSchemeChar(text.charCodeAt(i))) {
        throw errorAt(
          WS_E_INVALID_FORMAT,
          source,
          `character ${describeChar(text, i)} is not allowed in the scheme`,
          i,
          `a scheme is letters, digits, "+", "-" and "."`,
        );
      }
    }
    scheme = { text: text.slice(0, colon), offset: 0 };
    pos = colon + 1;
  }

  let authority: Span | undefined;
  if (text.startsWith("//", pos)) {
    const end = indexOfAny(text, "/?#", pos + 2);
    authority = { text: text.slice(pos + 2, end), offset: pos + 2 };
    pos = end;
  }

  const pathEnd = indexOfAny(text, "?#", pos);
  const path: Span = { text: text.slice(pos, pathEnd), offset: pos };
  pos = pathEnd;

  let query: Span | undefined;
  if (text.charAt(pos) === "?") {
    const end = indexOfAny(text, "#", pos + 1);
    query = { text: text.slice(pos + 1, end), offset: pos + 1 };
    pos = end;
  }

  let fragment: Span | undefined;
  if (text.charAt(pos) === "#") fragment = { text: text.slice(pos + 1), offset: pos + 1 };

  return { scheme, authority, path, query, fragment };
}
