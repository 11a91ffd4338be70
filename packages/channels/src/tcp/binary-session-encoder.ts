import {
  E_INVALIDARG,
  ref,
  S_OK,
  type WS_DYNAMIC_STRING_CALLBACK,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  WS_ENCODING_XML_BINARY_SESSION_1,
  type WS_XML_DICTIONARY,
  type WS_XML_READER,
  type WS_XML_READER_BINARY_ENCODING,
  type WS_XML_READER_BUFFER_INPUT,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  type WS_XML_WRITER_BINARY_ENCODING,
  type WS_XML_WRITER_BUFFER_OUTPUT,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { readStringTable, SessionDictionary, staticDictionaryId, writeStringTable, xmlImplementation } from "@wwsapi/xml/internal";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { BINARY_SESSION_CONTENT_TYPE } from "./tcp-options.js";

/**
 * WS_ENCODING_XML_BINARY_SESSION_1: [MC-NBFSE], the .NET Binary Format for XML with an in-band
 * dictionary, the default encoding of a TCP channel. Each message's bytes are a StringTable (a
 * MultiByteInt31 size, then the strings this message adds to the session, each a MultiByteInt31
 * length and UTF-8) followed by the [MC-NBFX]/[MC-NBFS] document. A string's id is odd: the first
 * string of the session is 1, the next 3, and so on, "whatever message it arrived in" (the ids
 * never restart within a session); even ids are the static dictionary of [MC-NBFS].
 *
 * One encoder per channel, two dictionaries: what this side has sent (ids it may use in later
 * messages) and what it has received (ids the peer may use). Both last as long as the encoder.
 *
 * Writing: the writer is pointed at WS_XML_WRITER_BINARY_ENCODING with the static dictionary and a
 * dynamicStringCallback. The callback gives a string already sent its id; a new string gets the next
 * id and goes into this message's StringTable, unless that would take the strings sent over
 * WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE (then it is written out in full, as is a text of
 * the static dictionary that was not given as a reference to it: the callback can only give odd
 * ids). New strings join the dictionary when finishWriting hands the message over, so a message
 * abandoned half-written leaves no id the peer never saw.
 *
 * Reading: the StringTable is read first, its strings are checked ("MUST be unique and MUST NOT have
 * been present in a prior StringTable", [MC-NBFSE] 2.1) and counted against the quota:
 * WS_E_QUOTA_EXCEEDED when the session's strings would exceed it. The reader then gets the static
 * dictionary and the received strings as its dynamicDictionary; an id no StringTable has defined
 * fails the read that meets it with WS_E_INVALID_FORMAT. A failure of either direction is final:
 * the two sides' dictionaries no longer agree, so every later call throws the same error (the
 * channel faults).
 *
 * The quota counts the UTF-8 bytes of the strings (their length prefixes are framing, not
 * dictionary), for each direction separately.
 */

export interface BinarySessionEncoderOptions {
  /** WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE: default 2048. */
  readonly maxSessionDictionarySize?: number;
}

export const DEFAULT_MAX_SESSION_DICTIONARY_SIZE = 2048;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

export class BinarySessionEncoder implements MessageEncoder {
  readonly #max: number;
  readonly #static: WS_XML_DICTIONARY;
  /** Strings this side has sent, in id order, with their UTF-8 size. */
  readonly #sent = new SessionDictionary();
  #sentBytes = 0;
  /** Strings added by the message being written. */
  #pending: string[] = [];
  #pendingBytes = 0;
  /** The peer's strings: string n has id 2n+1. `isConst` false: it grows with each message. */
  readonly #received: WS_XML_DICTIONARY;
  readonly #receivedSet = new SessionDictionary();
  #receivedBytes = 0;
  #failure: WsError | undefined;

  constructor(options: BinarySessionEncoderOptions = {}) {
    const max = options.maxSessionDictionarySize ?? DEFAULT_MAX_SESSION_DICTIONARY_SIZE;
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new WsError(
        E_INVALIDARG,
        `binary session encoding: maxSessionDictionarySize must be an integer from 0 to 0xFFFFFFFF, not ${max}`,
      );
    }
    this.#max = max;
    const dictionary = ref<WS_XML_DICTIONARY | null>(null);
    xmlImplementation.WsGetDictionary(WS_ENCODING_XML_BINARY_SESSION_1, dictionary, null);
    this.#static = dictionary.value!;
    this.#received = { guid: new Uint8Array(16), strings: [], isConst: false };
  }

  /** The strings this side has sent so far, in id order (id 1, 3, 5, ...). */
  get sentStrings(): readonly string[] {
    return Array.from({ length: this.#sent.size }, (_, i) => this.#sent.get(2 * i + 1)!);
  }

  /** The strings the peer has sent so far, in id order. */
  get receivedStrings(): readonly string[] {
    return this.#received.strings.map((s) => utf8Decoder.decode(s.bytes));
  }

  contentTypeFor(_action: string | null): string {
    return BINARY_SESSION_CONTENT_TYPE;
  }

  startWriting(writer: WS_XML_WRITER): void {
    this.#throwIfFailed();
    this.#pending = [];
    this.#pendingBytes = 0;
    const callback: WS_DYNAMIC_STRING_CALLBACK = (_state, string, found, id) => {
      const index = this.#lookup(string);
      found.value = index !== undefined;
      id.value = index ?? 0;
      return S_OK;
    };
    const encoding: WS_XML_WRITER_BINARY_ENCODING = {
      encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
      staticDictionary: this.#static,
      dynamicStringCallback: callback,
      dynamicStringCallbackState: null,
    };
    const output: WS_XML_WRITER_BUFFER_OUTPUT = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER };
    xmlImplementation.WsSetOutput(writer, encoding, output, null, null);
  }

  finishWriting(writer: WS_XML_WRITER): Uint8Array {
    this.#throwIfFailed();
    const bytes = ref<unknown>(null);
    xmlImplementation.WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes, null);
    const document = bytes.value as Uint8Array;
    const table = writeStringTable(this.#pending);
    this.#sent.add(this.#pending);
    this.#sentBytes += this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    const out = new Uint8Array(table.length + document.length);
    out.set(table, 0);
    out.set(document, table.length);
    return out;
  }

  startReading(reader: WS_XML_READER, body: Uint8Array, contentType: string): void {
    this.#throwIfFailed();
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    if (mediaType !== BINARY_SESSION_CONTENT_TYPE) {
      // Not the session's fault: the message is refused, the dictionaries still agree.
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `binary session encoding: the content type ${JSON.stringify(contentType)} is not ${BINARY_SESSION_CONTENT_TYPE}`,
      );
    }
    let end: number;
    try {
      const table = readStringTable(body, 0, { session: this.#receivedSet });
      let added = 0;
      for (const text of table.strings) added += utf8.encode(text).length;
      if (this.#receivedBytes + added > this.#max) {
        throw new WsError(
          WS_E_QUOTA_EXCEEDED,
          `binary session encoding: the StringTable at byte 0 adds ${added} bytes of strings to the ${this.#receivedBytes} received, more than the maximum session dictionary size (${this.#max})`,
        );
      }
      this.#receivedBytes += added;
      const strings = this.#received.strings as WS_XML_STRING[];
      for (const text of table.strings) strings.push({ bytes: utf8.encode(text), dictionary: this.#received, id: strings.length });
      end = table.end;
    } catch (error) {
      throw this.#fail(error);
    }
    const encoding: WS_XML_READER_BINARY_ENCODING = {
      encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
      staticDictionary: this.#static,
      dynamicDictionary: this.#received,
    };
    const input: WS_XML_READER_BUFFER_INPUT = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: body.subarray(end) };
    xmlImplementation.WsSetInput(reader, encoding, input, null, null);
  }

  /** The callback's answer for `string`: its session index (id = 2 * index + 1), or undefined to write it out. */
  #lookup(string: WS_XML_STRING): number | undefined {
    const text = utf8Decoder.decode(string.bytes);
    const known = this.#sent.idOf(text);
    if (known !== undefined) return (known - 1) / 2;
    const pendingIndex = this.#pending.indexOf(text);
    if (pendingIndex >= 0) return this.#sent.size + pendingIndex;
    if (staticDictionaryId(text) !== undefined) return undefined;
    const size = string.bytes.length;
    if (this.#sentBytes + this.#pendingBytes + size > this.#max) return undefined;
    this.#pending.push(text);
    this.#pendingBytes += size;
    return this.#sent.size + this.#pending.length - 1;
  }

  #fail(error: unknown): unknown {
    if (error instanceof WsError) this.#failure = error;
    return error;
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}

/** The WS_ENCODING_XML_BINARY_SESSION_1 encoder of one channel. */
export function createBinarySessionEncoder(options: BinarySessionEncoderOptions = {}): BinarySessionEncoder {
  return new BinarySessionEncoder(options);
}
