import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  ref,
  WS_CHARSET_UTF8,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
} from "@wwsapi/core";
import { WsCreateReader, WsGetReaderNode, WsReadNode, WsSetInput } from "@wwsapi/xml";
import { XMLParser } from "fast-xml-parser";
import { parseXml } from "libxmljs2";
import sax from "sax";
import { SaxesParser } from "saxes";
import * as txml from "txml";
import { type Measurement, table } from "./measure.js";

/** txml's typings re-export their declarations from "./tXml" without an extension, which NodeNext resolution does not follow. */
const txmlParse = (txml as unknown as { parse(xml: string, options: { decodeEntities: boolean }): unknown[] }).parse;

/**
 * The text reader against the JavaScript XML parsers a Node developer would pick, on SOAP-shaped
 * input the bench makes itself: every parser sees every node (SAX events, or a tree for
 * fast-xml-parser and txml). Bytes in for ours (what a channel hands the reader), a string for the
 * others (what they take).
 */

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";

/** The message the first version of this bench used (26 KiB): kept so that figures stay comparable. */
export function catalogMessage(items: number): string {
  const rows = Array.from(
    { length: items },
    (_, i) =>
      `<b:Item id="${i}" kind='row'><b:Name>Item &amp; number ${i}</b:Name><b:Price>${(i * 1.25).toFixed(2)}</b:Price><b:Note>é€ &lt;ok&gt;</b:Note></b:Item>`,
  ).join("");
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP12}" xmlns:a="${WSA}">` +
    `<s:Header><a:Action s:mustUnderstand="1">http://tempuri.org/ICatalog/List</a:Action><a:To s:mustUnderstand="1">http://localhost/Catalog</a:To></s:Header>` +
    `<s:Body><ListResponse xmlns="http://tempuri.org/"><ListResult xmlns:b="http://schemas.datacontract.org/2004/07/Catalog">${rows}</ListResult></ListResponse></s:Body></s:Envelope>`
  );
}

/** A SOAP 1.2 request of about 1 KB, most of it WS-Addressing headers, as a WCF client sends one. */
export function addressedRequest(): string {
  return (
    `<s:Envelope xmlns:s="${SOAP12}" xmlns:a="${WSA}">` +
    "<s:Header>" +
    '<a:Action s:mustUnderstand="1">http://tempuri.org/IOrderService/GetOrders</a:Action>' +
    "<a:MessageID>urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da</a:MessageID>" +
    "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>" +
    "<a:From><a:Address>https://client.example.com/orders/callback</a:Address></a:From>" +
    '<a:To s:mustUnderstand="1">https://orders.example.com/OrderService.svc</a:To>' +
    "</s:Header>" +
    "<s:Body>" +
    '<GetOrders xmlns="http://tempuri.org/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
    "<customerId>42</customerId><region>Île-de-France</region><since>2024-01-01T00:00:00Z</since>" +
    '<until i:nil="true"/><minTotal>100.00</minTotal><maxResults>500</maxResults>' +
    "<includeLines>true</includeLines><sortBy>placed</sortBy><comment>Q1 &amp; Q2 orders &lt;all regions&gt;</comment>" +
    "</GetOrders>" +
    "</s:Body>" +
    "</s:Envelope>"
  );
}

const CUSTOMERS = [
  "Müller &amp; Söhne GmbH",
  "Łódź Trading sp. z o.o.",
  "東京商事株式会社",
  "Café «Zoë» &amp; Co",
  "Ελληνικά Προϊόντα Α.Ε.",
  "O&apos;Brien &lt;Wholesale&gt;",
  "Acme Corporation",
];

/** One order as a DataContract serializer writes it: ints, strings, a date, a decimal, a boolean, a nil. */
function order(i: number): string {
  const day = String((i % 28) + 1).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  const note = i % 3 === 0 ? '<b:Note i:nil="true"/>' : `<b:Note>Due ${day}.${month} &#x2014; ring</b:Note>`;
  return (
    `<b:Order><b:Id>${100_000 + i}</b:Id><b:Customer>${CUSTOMERS[i % CUSTOMERS.length]}</b:Customer>` +
    `<b:Placed>2024-${month}-${day}T${String(i % 24).padStart(2, "0")}:15:30Z</b:Placed>` +
    `<b:Total>${((i * 7919) % 100_000) / 100}</b:Total><b:Quantity>${(i % 50) - 5}</b:Quantity>` +
    `<b:Shipped>${i % 2 === 0}</b:Shipped>${note}</b:Order>`
  );
}

/** A SOAP 1.2 response whose body holds `orders` structs, in pieces: the head, each order, the tail. */
export function* ordersResponseParts(orders: number): Generator<string> {
  yield `<s:Envelope xmlns:s="${SOAP12}" xmlns:a="${WSA}"><s:Header>` +
    '<a:Action s:mustUnderstand="1">http://tempuri.org/IOrderService/GetOrdersResponse</a:Action>' +
    "<a:RelatesTo>urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da</a:RelatesTo></s:Header>" +
    '<s:Body><GetOrdersResponse xmlns="http://tempuri.org/"><GetOrdersResult xmlns:b="http://schemas.datacontract.org/2004/07/Orders" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">';
  for (let i = 0; i < orders; i++) yield order(i);
  yield "</GetOrdersResult></GetOrdersResponse></s:Body></s:Envelope>";
}

/** A SOAP 1.2 response whose body holds `orders` structs. */
export function ordersResponse(orders: number): string {
  return [...ordersResponseParts(orders)].join("");
}

/** How many orders make about `bytes` bytes of response. */
export function ordersFor(bytes: number): number {
  const sample = 1_000;
  return Math.round((bytes * sample) / new TextEncoder().encode(ordersResponse(sample)).length);
}

interface Input {
  name: string;
  text: string;
  bytes: Uint8Array;
  /** Bytes per timed run of a fast reader (a fifth of it for the slow ones); 0: one message a run, three runs. */
  bytesPerRun: number;
}

function input(name: string, text: string, bytesPerRun = 8_000_000): Input {
  return { name, text, bytes: new TextEncoder().encode(text), bytesPerRun };
}

export interface Reader {
  name: string;
  /** Reads the input `n` times. */
  body: (n: number) => void;
  iterations: number;
}

/** A full collection, to start each group of readers on a clean heap (see measureInput). */
setFlagsFromString("--expose-gc");
export const collectGarbage = runInNewContext("gc") as () => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The readers' runs interleaved — one run of each, then the next round — so that a burst of load
 * on a shared machine slows all of them alike rather than whichever happened to be running; the
 * median run of each is kept, after one warm-up run.
 */
export function measureInterleaved(readers: Reader[], runs: number): Measurement[] {
  for (const reader of readers) reader.body(reader.iterations);
  const samples: number[][] = readers.map(() => []);
  for (let run = 0; run < runs; run++) {
    // Every other round backwards, so that no reader always runs right after the same one.
    for (let k = 0; k < readers.length; k++) {
      const i = run % 2 === 0 ? k : readers.length - 1 - k;
      const reader = readers[i]!;
      const start = process.hrtime.bigint();
      reader.body(reader.iterations);
      samples[i]!.push(Number(process.hrtime.bigint() - start) / reader.iterations);
    }
  }
  return readers.map((reader, i) => ({ name: reader.name, nsPerOp: median(samples[i]!) }));
}

let sink = 0;

function measureInput(subject: Input): Measurement[] {
  const { text, bytes } = subject;
  const fast = subject.bytesPerRun === 0 ? 1 : Math.max(1, Math.round(subject.bytesPerRun / bytes.length));
  const slow = subject.bytesPerRun === 0 ? 1 : Math.max(1, Math.round(subject.bytesPerRun / 5 / bytes.length));
  const reader = ref<WS_XML_READER | null>(null);
  WsCreateReader(null, reader);
  const r = reader.value!;
  const node = ref<WS_XML_NODE | null>(null);
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  const bufferInput = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never;
  let count = 0;
  // Once, checked: a failed WsReadNode leaves the reader where it was, which the loops below would not notice.
  if (WsSetInput(r, encoding, bufferInput, null) !== 0) throw new Error(`WsSetInput failed on ${subject.name}`);
  do {
    if (WsReadNode(r) !== 0) throw new Error(`WsReadNode failed on ${subject.name}`);
    WsGetReaderNode(r, node);
  } while (node.value!.nodeType !== WS_XML_NODE_TYPE_EOF);

  const fxpParser = new XMLParser({ ignoreAttributes: false });
  // One callback for the SAX parsers, made once: under tsx an arrow function made per message costs a
  // __name call, which would be charged to them.
  const countNode = () => {
    count++;
  };
  const readers: Reader[] = [
    {
      name: "wwsapi-ts (WsReadNode + WsGetReaderNode)",
      iterations: fast,
      body: (n) => {
        for (let i = 0; i < n; i++) {
          WsSetInput(r, encoding, bufferInput, null);
          do {
            WsReadNode(r);
            WsGetReaderNode(r, node);
            count++;
          } while (node.value!.nodeType !== WS_XML_NODE_TYPE_EOF);
        }
      },
    },
    {
      name: "saxes (SAX, namespaces on)",
      iterations: fast,
      body: (n) => {
        for (let i = 0; i < n; i++) {
          const parser = new SaxesParser({ xmlns: true });
          parser.on("opentag", countNode);
          parser.on("text", countNode);
          parser.on("closetag", countNode);
          parser.write(text).close();
        }
      },
    },
    {
      name: "sax (SAX, strict, namespaces on)",
      iterations: slow,
      body: (n) => {
        for (let i = 0; i < n; i++) {
          const parser = sax.parser(true, { xmlns: true });
          parser.onopentag = countNode;
          parser.ontext = countNode;
          parser.onclosetag = countNode;
          parser.write(text).close();
        }
      },
    },
    {
      name: "fast-xml-parser (to objects)",
      iterations: slow,
      body: (n) => {
        for (let i = 0; i < n; i++) count += fxpParser.parse(text) === null ? 0 : 1;
      },
    },
    {
      name: "libxml2 via libxmljs2 (native parse to its tree)",
      iterations: slow,
      body: (n) => {
        for (let i = 0; i < n; i++) count += parseXml(text).root() === null ? 0 : 1;
      },
    },
    {
      name: "txml (to a DOM, entities decoded)",
      iterations: fast,
      body: (n) => {
        for (let i = 0; i < n; i++) count += txmlParse(text, { decodeEntities: true }).length;
      },
    },
  ];
  // Two groups, each on a clean heap: the streaming readers, whose ratio is the goal, and the rest.
  // Mixed in one group, the DOM builders' garbage (megabytes of trees) makes whichever reader runs
  // next pay for collecting it, and the streaming readers allocate the most per run.
  const runs = subject.bytesPerRun === 0 ? 3 : 7;
  collectGarbage();
  const streaming = measureInterleaved(readers.slice(0, 2), runs);
  collectGarbage();
  const others = measureInterleaved(readers.slice(2), runs);
  collectGarbage();
  sink += count;
  return [...streaming, ...others];
}

export interface XmlReaderResult {
  input: string;
  bytes: number;
  measurements: Measurement[];
}

/** Every input whose name contains `only` (all by default), measured; the first measurement of each is ours. */
export function xmlReaderResults(only = ""): XmlReaderResult[] {
  const inputs = [
    input("1 KB SOAP 1.2 request, WS-Addressing headers", addressedRequest()),
    input("26 KiB catalog response (the first bench's message)", catalogMessage(200)),
    input("100 KB response, 421 order structs", ordersResponse(421)),
    // Bounded: a warm-up and three runs of each reader, one message each.
    input("20 MB response of the same shape", ordersResponse(ordersFor(20 * 1024 * 1024)), 0),
  ];
  return inputs
    .filter((subject) => subject.name.includes(only))
    .map((subject) => ({ input: subject.name, bytes: subject.bytes.length, measurements: measureInput(subject) }));
}

/** The tables for people: per input, each reader's MB/s and its time over ours. */
export function xmlReaderTables(results: XmlReaderResult[]): string {
  return results
    .map(({ input: name, bytes, measurements }) => {
      const ourTime = measurements[0]!.nsPerOp;
      const rows = measurements.map((m) => [
        m.name,
        (m.nsPerOp / 1000).toFixed(1),
        ((bytes / m.nsPerOp) * 1000).toFixed(1),
        `${(m.nsPerOp / ourTime).toFixed(2)}x`,
      ]);
      return `${name} (${bytes.toLocaleString("en-US")} bytes)\n${table(["reader", "µs/message", "MB/s", "its time / ours"], rows)}`;
    })
    .join("\n\n");
}

/**
 * The goals of the text reader: at least twice the speed of saxes (the fastest JavaScript SAX
 * parser here, namespaces on as ours) on the 1 KB, 100 KB and 20 MB inputs, and at least the
 * speed of libxml2's native parse on 20 MB.
 */
export function xmlReaderGoals(results: XmlReaderResult[]): string {
  const rows: string[][] = [];
  const time = (result: XmlReaderResult, prefix: string) => result.measurements.find((m) => m.name.startsWith(prefix))?.nsPerOp;
  for (const result of results) {
    const ours = result.measurements[0]!.nsPerOp;
    const saxes = time(result, "saxes");
    const libxml2 = time(result, "libxml2");
    const short = result.input.split(",")[0]!;
    if (saxes !== undefined && !result.input.startsWith("26 KiB")) {
      rows.push([`text reader >= 2x saxes, ${short}`, `${(saxes / ours).toFixed(2)}x`, saxes / ours >= 2 ? "met" : "NOT met"]);
    }
    if (libxml2 !== undefined && result.input.startsWith("20 MB")) {
      rows.push([`text reader >= libxml2, ${short}`, `${(libxml2 / ours).toFixed(2)}x`, libxml2 / ours >= 1 ? "met" : "NOT met"]);
    }
  }
  return table(["goal", "its time / ours", "result"], rows);
}

/**
 * What `pnpm bench` (main.ts) calls: prints the per-input tables and the goals, and returns the
 * 26 KiB message's measurements for main.ts's summary table.
 */
export function xmlReaderBench(): (Measurement & { bytes: number })[] {
  const results = xmlReaderResults();
  console.log(`XML text reader, per input — Node ${process.version}, ${process.arch}\n${xmlReaderTables(results)}\n`);
  console.log(`XML text reader goals\n${xmlReaderGoals(results)}\n`);
  if (sink === -1) console.log(sink);
  const catalog = results[1]!;
  return catalog.measurements.map((m) => ({ ...m, bytes: catalog.bytes }));
}

// `tsx --conditions=@wwsapi/source bench/xml-reader.bench.ts [part of an input's name]` runs this bench alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = xmlReaderResults(process.argv[2]);
  console.log(`XML text reader, per input — Node ${process.version}, ${process.arch}\n${xmlReaderTables(results)}`);
  console.log(`\nXML text reader goals\n${xmlReaderGoals(results)}`);
  if (sink === -1) console.log(sink);
}
