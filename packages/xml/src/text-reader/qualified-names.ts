import type { WS_XML_STRING } from "@wwsapi/core";
import { EMPTY_XML_STRING, xmlString } from "./xml-nodes.js";

const utf8 = new TextDecoder("utf-8");

/** What a qualified name declares when it names an attribute. */
export const NOT_A_DECLARATION = 0;
/** xmlns:p — declares the prefix p. */
export const PREFIX_DECLARATION = 1;
/** xmlns — declares the default namespace. */
export const DEFAULT_DECLARATION = 2;

/**
 * An element or attribute name as written ([prefix ':'] localName), made into the WS_XML_STRINGs
 * nodes carry once and shared by every node that has the name. Its strings are never changed
 * (nodes are read-only: "The node returned should not be modified", WsGetReaderNode), and their
 * bytes are a copy, so sharing them across nodes, inputs and readers is invisible to callers and
 * keeps no input alive.
 */
export class QualifiedName {
  /**
   * The last namespace lookup of the prefix: NamespaceScope.indexOf's answer, which holds while
   * the scope's version is `lookupVersion`. Only numbers: nothing of an input is kept here.
   */
  lookupVersion = -1;
  lookupIndex = 0;
  /**
   * The cache slot of the name of the start tag that came after a start tag with this name, last
   * time (-1: none): in a sequence of records the next tag's name is nearly always the same, and
   * the text scanner checks it against the input before scanning (see TextScanner.readStartTag).
   * A slot, not the name itself, so that names never keep each other alive: whatever the slot
   * holds now is only a guess, checked byte for byte.
   */
  followedBy = -1;
  /**
   * The same for attributes: the slot of the attribute name that came after this name last time,
   * as an element's first attribute or as the attribute after it.
   */
  nextAttribute = -1;

  constructor(
    /** The name's bytes, prefix and colon included. */
    readonly bytes: Uint8Array,
    /** Where the cache keeps the name now, or -1 (too long to keep, or evicted). */
    public slot: number,
    readonly hash: number,
    readonly prefix: WS_XML_STRING,
    readonly localName: WS_XML_STRING,
    /** The prefix as NamespaceScope keys it ("" for none). */
    readonly prefixKey: string,
    /** The local name as text, the prefix an xmlns:p attribute declares. */
    readonly localKey: string,
    readonly declaration: number,
  ) {}
}

/**
 * The names seen lately, by hash: a cache of fixed size whatever the input, two names a set (so
 * that two names used all the time do not keep evicting each other when their hashes collide; a
 * new name takes the first place and moves the name there to the second). Long names are not kept.
 */
const SETS = 1024;
const LONGEST = 64;
const cache: (QualifiedName | undefined)[] = new Array<QualifiedName | undefined>(2 * SETS).fill(undefined);

/** The name between `start` and `end` of `bytes`, whose prefix ends at `colon` (-1: no prefix). */
export function qualifiedName(bytes: Uint8Array, start: number, colon: number, end: number): QualifiedName {
  let hash = end - start;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 0x01000193) ^ bytes[i]!) | 0;
  const first = 2 * ((hash ^ (hash >>> 15)) & (SETS - 1));
  const a = cache[first];
  if (a !== undefined && a.hash === hash && sameBytes(a.bytes, bytes, start, end)) return a;
  const b = cache[first + 1];
  if (b !== undefined && b.hash === hash && sameBytes(b.bytes, bytes, start, end)) return b;
  if (end - start > LONGEST) return makeName(bytes, start, colon, end, hash, -1);
  const name = makeName(bytes, start, colon, end, hash, first);
  if (b !== undefined) b.slot = -1;
  if (a !== undefined) a.slot = first + 1;
  cache[first + 1] = a;
  cache[first] = name;
  return name;
}

/** The name the cache holds in `slot` now, if any (a QualifiedName's followedBy or nextAttribute). */
export function cachedName(slot: number): QualifiedName | undefined {
  return slot < 0 ? undefined : cache[slot];
}

function sameBytes(known: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}

function makeName(bytes: Uint8Array, start: number, colon: number, end: number, hash: number, slot: number): QualifiedName {
  // Three copies rather than views of one: a view of a small array would move it off V8's heap.
  const copy = copyOf(bytes, start, end);
  const prefixBytes = colon < 0 ? null : copyOf(bytes, start, colon);
  const localBytes = colon < 0 ? copy : copyOf(bytes, colon + 1, end);
  const prefixKey = prefixBytes === null ? "" : utf8.decode(prefixBytes);
  const localKey = utf8.decode(localBytes);
  const declaration =
    prefixKey === "xmlns" ? PREFIX_DECLARATION : prefixBytes === null && localKey === "xmlns" ? DEFAULT_DECLARATION : NOT_A_DECLARATION;
  return new QualifiedName(
    copy,
    slot,
    hash,
    prefixBytes === null ? EMPTY_XML_STRING : xmlString(prefixBytes),
    xmlString(localBytes),
    prefixKey,
    localKey,
    declaration,
  );
}

function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const copy = new Uint8Array(end - start);
  for (let i = 0; i < copy.length; i++) copy[i] = bytes[start + i]!;
  return copy;
}
