import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * The dynamic dictionary of an [MC-NBFSE] binary session: the strings of every StringTable seen so
 * far in one direction of a connection. The first string of the first table has id 1 and each next
 * string the next odd number (2.1), whatever message it arrived in; the even ids stay with the
 * static dictionary of [MC-NBFS]. A consumer keeps the mapping for as long as the session lasts.
 *
 * The same class serves a writer: `idOf` finds a string already sent, `add` gives new ones their ids
 * in the order the next StringTable will carry them.
 *
 * [MC-NBFSE] section 4 warns that a peer can grow this table without end; `maxStrings` and
 * `maxBytes` (UTF-16 code units, roughly what the strings cost in memory) bound it.
 */
export interface SessionDictionaryOptions {
  readonly maxStrings?: number;
  readonly maxBytes?: number;
}

export class SessionDictionary {
  readonly #strings: string[] = [];
  readonly #ids = new Map<string, number>();
  readonly #maxStrings: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(options: SessionDictionaryOptions = {}) {
    this.#maxStrings = options.maxStrings ?? Number.POSITIVE_INFINITY;
    this.#maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  }

  /** How many strings the session holds. */
  get size(): number {
    return this.#strings.length;
  }

  /** The string with this odd id, or undefined. */
  get(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 1 || id % 2 !== 1) return undefined;
    return this.#strings[(id - 1) / 2];
  }

  /** The id a string was given, or undefined when no StringTable has carried it. */
  idOf(text: string): number | undefined {
    return this.#ids.get(text);
  }

  /** The id the next string added will get. */
  get nextId(): number {
    return this.#strings.length * 2 + 1;
  }

  /** Whether `add` would accept these strings (none known yet, none twice, within the quotas): the error it would throw, or undefined. */
  check(strings: readonly string[]): WsError | undefined {
    const seen = new Set<string>();
    let bytes = this.#bytes;
    for (const text of strings) {
      // [MC-NBFSE] 2.1: each String MUST be unique and MUST NOT have been present in a prior StringTable.
      if (this.#ids.has(text) || seen.has(text)) {
        return new WsError(
          WS_E_INVALID_FORMAT,
          `binary XML: session string ${JSON.stringify(text)} is already in the session's string table`,
        );
      }
      seen.add(text);
      bytes += text.length * 2;
    }
    if (this.#strings.length + strings.length > this.#maxStrings) {
      return new WsError(
        WS_E_QUOTA_EXCEEDED,
        `binary XML: session string table would hold more than ${this.#maxStrings} strings (maxStrings)`,
      );
    }
    if (bytes > this.#maxBytes) {
      return new WsError(WS_E_QUOTA_EXCEEDED, `binary XML: session string table would hold more than ${this.#maxBytes} bytes (maxBytes)`);
    }
    return undefined;
  }

  /** Adds the strings of one StringTable, in order, and returns their ids. Throws WsError when `check` fails. */
  add(strings: readonly string[]): number[] {
    const error = this.check(strings);
    if (error) throw error;
    return strings.map((text) => {
      const id = this.nextId;
      this.#strings.push(text);
      this.#ids.set(text, id);
      this.#bytes += text.length * 2;
      return id;
    });
  }
}
