import type { WS_XML_STRING } from "@wwsapi/core";
import { xmlString } from "../text-reader/xml-nodes.js";

const utf8 = new TextDecoder("utf-8");

/**
 * A prefix or name of binary input as the reader uses it: the WS_XML_STRING nodes carry and, for a
 * prefix, its text (the key of NamespaceScope) and its last namespace lookup.
 */
export class BinaryName {
  /**
   * The last NamespaceScope.indexOf of `text`, which holds while the scope's version is
   * `lookupVersion` (versions are unique across scopes). Only numbers: nothing of an input is kept.
   */
  lookupVersion = -1;
  lookupIndex = 0;
  /**
   * The cache slot of the String name read right after this one, last time (-1: none): in a
   * sequence of records the next name is nearly always the same, and a guess checked byte for byte
   * costs less than hashing. A slot, not the name, so that names never keep each other alive.
   */
  followedBy = -1;
  #text: string | null;

  constructor(
    readonly string: WS_XML_STRING,
    /** The text, or null to decode it when first asked (only prefixes need it). */
    text: string | null,
    /** The bytes (a copy) and their hash, to match the name in the cache; unused for the letter prefixes. */
    readonly bytes: Uint8Array,
    readonly hash: number,
    /** Where the cache keeps the name now, or -1 (too long to keep, evicted, or not a cached name). */
    public slot: number,
  ) {
    this.#text = text;
  }

  /** The name as a JS string (decoded as the reader always did: a leading byte order mark dropped). */
  get text(): string {
    if (this.#text === null) this.#text = utf8.decode(this.bytes);
    return this.#text;
  }
}

/**
 * The String names and prefixes seen lately ([MC-NBFX] 2.1.3 in element and attribute records), by
 * hash: a cache of fixed size whatever the input, two names a set, as the text reader keeps its
 * qualified names (qualified-names.ts). A name is only cached once it has passed the reader's checks
 * (well-formed UTF-8, not empty, not "xmlns"), so a hit needs none of them. The strings are shared by
 * every node that has the name; nodes are read-only ("The node returned should not be modified",
 * WsGetReaderNode) and the bytes are a copy, so sharing them across nodes, inputs and readers is
 * invisible to callers and keeps no input alive.
 */
const SETS = 1024;
/** Longer names are not kept (they are rare, and hashing and matching them costs more). */
const LONGEST = 64;
const cache: (BinaryName | undefined)[] = new Array<BinaryName | undefined>(2 * SETS).fill(undefined);

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = end - start;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 0x01000193) ^ bytes[i]!) | 0;
  return hash;
}

const setOf = (hash: number) => 2 * ((hash ^ (hash >>> 15)) & (SETS - 1));

/** The name the cache holds in `slot` now, if any (a BinaryName's followedBy). */
export function cachedNameAt(slot: number): BinaryName | undefined {
  return slot < 0 ? undefined : cache[slot];
}

/**
 * The cached name with the bytes bytes[start, end), or undefined. `previous` is the String name
 * read before, whose followedBy is tried first.
 */
export function cachedBinaryName(bytes: Uint8Array, start: number, end: number, previous: BinaryName | null): BinaryName | undefined {
  if (previous !== null && previous.followedBy >= 0) {
    const guess = cache[previous.followedBy];
    if (guess !== undefined && sameBytes(guess.bytes, bytes, start, end)) return guess;
  }
  const hash = hashOf(bytes, start, end);
  const first = setOf(hash);
  const a = cache[first];
  let found: BinaryName | undefined;
  if (a !== undefined && a.hash === hash && sameBytes(a.bytes, bytes, start, end)) found = a;
  else {
    const b = cache[first + 1];
    if (b !== undefined && b.hash === hash && sameBytes(b.bytes, bytes, start, end)) found = b;
  }
  if (found !== undefined && previous !== null) previous.followedBy = found.slot;
  return found;
}

/**
 * A name for bytes[start, end), which have passed the reader's checks: cached when short enough (a
 * new name takes the first place of its set and moves the name there to the second).
 */
export function newBinaryName(bytes: Uint8Array, start: number, end: number, previous: BinaryName | null): BinaryName {
  const copy = new Uint8Array(end - start);
  for (let i = 0; i < copy.length; i++) copy[i] = bytes[start + i]!;
  const hash = hashOf(bytes, start, end);
  if (end - start > LONGEST) return new BinaryName(xmlString(copy), null, copy, hash, -1);
  const first = setOf(hash);
  const name = new BinaryName(xmlString(copy), null, copy, hash, first);
  const a = cache[first];
  const b = cache[first + 1];
  if (b !== undefined) b.slot = -1;
  if (a !== undefined) a.slot = first + 1;
  cache[first + 1] = a;
  cache[first] = name;
  if (previous !== null) previous.followedBy = first;
  return name;
}

function sameBytes(known: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}
