import { pathToFileURL } from "node:url";
import {
  ref,
  WS_CHARSET_UTF8,
  WS_ENCODING_XML_BINARY_1,
  type WS_XML_DICTIONARY,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import {
  WsCopyNode,
  WsCreateReader,
  WsCreateWriter,
  WsGetDictionary,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadNode,
  WsSetInput,
  WsSetOutput,
} from "@wwsapi/xml";
import { type Measurement, table } from "./measure.js";
import { addressedRequest, collectGarbage, measureInterleaved, ordersFor, ordersResponse } from "./xml-reader.bench.js";

/**
 * Our binary reader ([MC-NBFX] records, the [MC-NBFS] dictionary as WCF uses it) against our text
 * reader on the same infoset: each input is read as text, copied into a binary writer (WsCopyNode),
 * and both forms are then read node by node (WsReadNode + WsGetReaderNode), as a channel's
 * message reader does. Goal: binary at least twice as fast.
 */

const text = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
const buffer = (bytes: Uint8Array) => ({ inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes }) as never;

function check(hr: number, what: string): void {
  if (hr !== 0) throw new Error(`${what} failed: 0x${(hr >>> 0).toString(16)}`);
}

function staticDictionary(): WS_XML_DICTIONARY {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  check(WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary), "WsGetDictionary");
  return dictionary.value!;
}

function newReader(): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  check(WsCreateReader(null, reader), "WsCreateReader");
  return reader.value!;
}

/** The document of `xml` as binary records: its root element copied from a text reader into a binary writer. */
export function toBinary(xml: Uint8Array, dictionary: WS_XML_DICTIONARY): Uint8Array {
  const reader = newReader();
  check(WsSetInput(reader, text, buffer(xml), null), "WsSetInput");
  const node = ref<WS_XML_NODE | null>(null);
  do {
    check(WsReadNode(reader), "WsReadNode");
    WsGetReaderNode(reader, node);
  } while (node.value!.nodeType !== WS_XML_NODE_TYPE_ELEMENT);
  const writer = ref<WS_XML_WRITER | null>(null);
  check(WsCreateWriter([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 256 * 1024 * 1024 }] as never, writer), "WsCreateWriter");
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY, staticDictionary: dictionary, dynamicStringCallback: null };
  check(WsSetOutput(writer.value!, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null), "WsSetOutput");
  check(WsCopyNode(writer.value!, reader), "WsCopyNode");
  const bytes = ref<unknown>(null);
  check(WsGetWriterProperty(writer.value!, WS_XML_WRITER_PROPERTY_BYTES, bytes), "WsGetWriterProperty");
  return (bytes.value as Uint8Array).slice();
}

let sink = 0;

/** A loop that reads `bytes` `n` times with `encoding`, every node visited; the node count is checked once. */
function readLoop(reader: WS_XML_READER, encoding: unknown, bytes: Uint8Array): (n: number) => number {
  const node = ref<WS_XML_NODE | null>(null);
  const input = buffer(bytes);
  return (n) => {
    let count = 0;
    for (let i = 0; i < n; i++) {
      WsSetInput(reader, encoding as never, input, null);
      do {
        WsReadNode(reader);
        WsGetReaderNode(reader, node);
        count++;
      } while (node.value!.nodeType !== WS_XML_NODE_TYPE_EOF);
    }
    return count;
  };
}

export interface BinaryReaderResult {
  input: string;
  textBytes: number;
  binaryBytes: number;
  text: Measurement;
  binary: Measurement;
}

export function binaryReaderResults(): BinaryReaderResult[] {
  const dictionary = staticDictionary();
  const binaryEncoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: dictionary, dynamicDictionary: null };
  const inputs: [string, string, number][] = [
    ["1 KB SOAP 1.2 request", addressedRequest(), 8_000_000],
    ["100 KB response, 421 order structs", ordersResponse(421), 8_000_000],
    ["20 MB response of the same shape", ordersResponse(ordersFor(20 * 1024 * 1024)), 0],
  ];
  return inputs.map(([name, xml, perRun]) => {
    const textBytes = new TextEncoder().encode(xml);
    const binaryBytes = toBinary(textBytes, dictionary);
    const textRead = readLoop(newReader(), text, textBytes);
    const binaryRead = readLoop(newReader(), binaryEncoding, binaryBytes);
    if (textRead(1) !== binaryRead(1)) throw new Error(`${name}: the binary form has another node count than the text`);
    const iterations = perRun === 0 ? 1 : Math.max(1, Math.round(perRun / textBytes.length));
    collectGarbage();
    const [textTime, binaryTime] = measureInterleaved(
      [
        { name: "text reader", iterations, body: (n) => void (sink += textRead(n)) },
        { name: "binary reader", iterations, body: (n) => void (sink += binaryRead(n)) },
      ],
      perRun === 0 ? 3 : 7,
    );
    return { input: name, textBytes: textBytes.length, binaryBytes: binaryBytes.length, text: textTime!, binary: binaryTime! };
  });
}

export function binaryReaderTable(results: BinaryReaderResult[]): string {
  return table(
    ["input (text bytes / binary bytes)", "text µs", "binary µs", "text time / binary time"],
    results.map((r) => [
      `${r.input} (${r.textBytes.toLocaleString("en-US")} / ${r.binaryBytes.toLocaleString("en-US")})`,
      (r.text.nsPerOp / 1000).toFixed(1),
      (r.binary.nsPerOp / 1000).toFixed(1),
      `${(r.text.nsPerOp / r.binary.nsPerOp).toFixed(2)}x`,
    ]),
  );
}

/** What main.ts calls: the table and the goal (binary at least 2x the text reader's speed on every input). */
export function binaryReaderBench(): BinaryReaderResult[] {
  const results = binaryReaderResults();
  console.log(`XML binary reader against the text reader, same infoset — Node ${process.version}\n${binaryReaderTable(results)}`);
  const worst = Math.min(...results.map((r) => r.text.nsPerOp / r.binary.nsPerOp));
  console.log(
    `goal: binary reader >= 2x the text reader on every input: ${worst.toFixed(2)}x at worst, ${worst >= 2 ? "met" : "NOT met"}\n`,
  );
  if (sink === -1) console.log(sink);
  return results;
}

// `tsx --conditions=@wwsapi/source bench/xml-binary-reader.bench.ts` runs this bench alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) binaryReaderBench();
