import { pathToFileURL } from "node:url";
import {
  ref,
  WS_BOOL_VALUE_TYPE,
  WS_CHARSET_UTF8,
  WS_INT32_VALUE_TYPE,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import {
  WsCreateWriter,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteValue,
  WsWriteXmlnsAttribute,
} from "@wwsapi/xml";
import { type Measurement, table } from "./measure.js";
import { collectGarbage, measureInterleaved } from "./xml-reader.bench.js";

/**
 * Writing the 100 KB SOAP response (421 order structs, the reader bench's shape) as UTF-8 bytes:
 * our text writer driven through the flat API (WsWriteStartElement, WsWriteValue, WsWriteChars,
 * ..., then WS_XML_WRITER_PROPERTY_BYTES), against what an application would do without it —
 * template strings with its values escaped, concatenated, then Buffer.from. Both produce the same
 * bytes (checked before timing). Goal: ours at least as fast.
 */

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";
const TEMPURI = "http://tempuri.org/";
const ORDERS = "http://schemas.datacontract.org/2004/07/Orders";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const CUSTOMERS = [
  "Müller & Söhne GmbH",
  "Łódź Trading sp. z o.o.",
  "東京商事株式会社",
  "Café «Zoë» & Co",
  "Ελληνικά Προϊόντα Α.Ε.",
  "O'Brien <Wholesale>",
  "Acme Corporation",
];

interface Order {
  id: number;
  customer: string;
  placed: string;
  total: string;
  quantity: number;
  shipped: boolean;
  note: string | null;
}

function orders(count: number): Order[] {
  return Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 12) + 1).padStart(2, "0");
    return {
      id: 100_000 + i,
      customer: CUSTOMERS[i % CUSTOMERS.length]!,
      placed: `2024-${month}-${day}T${String(i % 24).padStart(2, "0")}:15:30Z`,
      total: String(((i * 7919) % 100_000) / 100),
      quantity: (i % 50) - 5,
      shipped: i % 2 === 0,
      note: i % 3 === 0 ? null : `Due ${day}.${month} — ring`,
    };
  });
}

const AMP = /[&<>]/;
/** Element content escaped as XML requires (& < >), the usual hand-written helper. */
function escapeText(text: string): string {
  return AMP.test(text) ? text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : text;
}

/** The application's way: one string, then its UTF-8 bytes. */
function concatenated(list: readonly Order[]): Uint8Array {
  let xml =
    `<s:Envelope xmlns:a="${WSA}" xmlns:s="${SOAP12}"><s:Header>` +
    `<a:Action s:mustUnderstand="1">http://tempuri.org/IOrderService/GetOrdersResponse</a:Action>` +
    "<a:RelatesTo>urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da</a:RelatesTo></s:Header>" +
    `<s:Body><GetOrdersResponse xmlns="${TEMPURI}"><GetOrdersResult xmlns:b="${ORDERS}" xmlns:i="${XSI}">`;
  for (const o of list) {
    xml +=
      `<b:Order><b:Id>${o.id}</b:Id><b:Customer>${escapeText(o.customer)}</b:Customer><b:Placed>${o.placed}</b:Placed>` +
      `<b:Total>${o.total}</b:Total><b:Quantity>${o.quantity}</b:Quantity><b:Shipped>${o.shipped}</b:Shipped>` +
      (o.note === null ? '<b:Note i:nil="true"/>' : `<b:Note>${escapeText(o.note)}</b:Note>`) +
      "</b:Order>";
  }
  xml += "</GetOrdersResult></GetOrdersResponse></s:Body></s:Envelope>";
  return Buffer.from(xml, "utf8");
}

const encoder = new TextEncoder();
const s = (text: string): WS_XML_STRING => ({ bytes: encoder.encode(text), dictionary: null, id: 0 }) as never;
const N = {
  s: s("s"),
  a: s("a"),
  b: s("b"),
  i: s("i"),
  empty: s(""),
  soap: s(SOAP12),
  wsa: s(WSA),
  tempuri: s(TEMPURI),
  orders: s(ORDERS),
  xsi: s(XSI),
  Envelope: s("Envelope"),
  Header: s("Header"),
  Body: s("Body"),
  Action: s("Action"),
  RelatesTo: s("RelatesTo"),
  mustUnderstand: s("mustUnderstand"),
  GetOrdersResponse: s("GetOrdersResponse"),
  GetOrdersResult: s("GetOrdersResult"),
  Order: s("Order"),
  Id: s("Id"),
  Customer: s("Customer"),
  Placed: s("Placed"),
  Total: s("Total"),
  Quantity: s("Quantity"),
  Shipped: s("Shipped"),
  Note: s("Note"),
  nil: s("nil"),
};

const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
const output = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never;
const PROPERTIES = [{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 1 << 20 }] as never;

/** Our way: the flat API, values written as values, the bytes taken from the writer. */
function written(writer: WS_XML_WRITER, list: readonly Order[]): Uint8Array {
  // The default BUFFER_MAX_SIZE (64 KB) is less than the document.
  WsSetOutput(writer, encoding, output, PROPERTIES);
  const start = (prefix: WS_XML_STRING, name: WS_XML_STRING, ns: WS_XML_STRING) => WsWriteStartElement(writer, prefix, name, ns);
  const end = () => WsWriteEndElement(writer);
  start(N.s, N.Envelope, N.soap);
  WsWriteXmlnsAttribute(writer, N.a, N.wsa, false);
  start(N.s, N.Header, N.soap);
  start(N.a, N.Action, N.wsa);
  WsWriteStartAttribute(writer, N.s, N.mustUnderstand, N.soap, false);
  WsWriteValue(writer, WS_INT32_VALUE_TYPE, 1);
  WsWriteEndAttribute(writer);
  WsWriteChars(writer, "http://tempuri.org/IOrderService/GetOrdersResponse");
  end();
  start(N.a, N.RelatesTo, N.wsa);
  WsWriteChars(writer, "urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da");
  end();
  end();
  start(N.s, N.Body, N.soap);
  start(N.empty, N.GetOrdersResponse, N.tempuri);
  start(N.empty, N.GetOrdersResult, N.tempuri);
  WsWriteXmlnsAttribute(writer, N.b, N.orders, false);
  WsWriteXmlnsAttribute(writer, N.i, N.xsi, false);
  for (const o of list) {
    start(N.b, N.Order, N.orders);
    start(N.b, N.Id, N.orders);
    WsWriteValue(writer, WS_INT32_VALUE_TYPE, o.id);
    end();
    start(N.b, N.Customer, N.orders);
    WsWriteChars(writer, o.customer);
    end();
    start(N.b, N.Placed, N.orders);
    WsWriteChars(writer, o.placed);
    end();
    start(N.b, N.Total, N.orders);
    WsWriteChars(writer, o.total);
    end();
    start(N.b, N.Quantity, N.orders);
    WsWriteValue(writer, WS_INT32_VALUE_TYPE, o.quantity);
    end();
    start(N.b, N.Shipped, N.orders);
    WsWriteValue(writer, WS_BOOL_VALUE_TYPE, o.shipped);
    end();
    start(N.b, N.Note, N.orders);
    if (o.note === null) {
      WsWriteStartAttribute(writer, N.i, N.nil, N.xsi, false);
      WsWriteValue(writer, WS_BOOL_VALUE_TYPE, true);
      WsWriteEndAttribute(writer);
    } else {
      WsWriteChars(writer, o.note);
    }
    end();
    end();
  }
  for (let depth = 0; depth < 4; depth++) end();
  const bytes = ref<unknown>(null);
  WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes);
  return bytes.value as Uint8Array;
}

let sink = 0;

export interface WriterResult {
  bytes: number;
  ours: Measurement;
  concatenation: Measurement;
}

export function xmlWriterResult(): WriterResult {
  const list = orders(421);
  const writerRef = ref<WS_XML_WRITER | null>(null);
  WsCreateWriter(null, writerRef);
  const writer = writerRef.value!;
  const ours = written(writer, list);
  const theirs = concatenated(list);
  if (Buffer.compare(Buffer.from(ours), theirs) !== 0) {
    let at = 0;
    while (ours[at] === theirs[at]) at++;
    throw new Error(
      `the two ways write different bytes, from byte ${at}: ours ${Buffer.from(ours.subarray(at, at + 60))} / theirs ${theirs.subarray(at, at + 60)}`,
    );
  }
  const iterations = Math.max(1, Math.round(8_000_000 / ours.length));
  collectGarbage();
  const [mine, concatenation] = measureInterleaved(
    [
      {
        name: "wwsapi-ts text writer (flat API, then BYTES)",
        iterations,
        body: (n) => {
          for (let i = 0; i < n; i++) sink += written(writer, list).length;
        },
      },
      {
        name: "string concatenation + Buffer.from",
        iterations,
        body: (n) => {
          for (let i = 0; i < n; i++) sink += concatenated(list).length;
        },
      },
    ],
    7,
  );
  return { bytes: ours.length, ours: mine!, concatenation: concatenation! };
}

export function xmlWriterTable(result: WriterResult): string {
  const rows = [result.ours, result.concatenation].map((m) => [
    m.name,
    (m.nsPerOp / 1000).toFixed(1),
    ((result.bytes / m.nsPerOp) * 1000).toFixed(1),
    `${(m.nsPerOp / result.ours.nsPerOp).toFixed(2)}x`,
  ]);
  return `100 KB SOAP response as UTF-8 (${result.bytes.toLocaleString("en-US")} bytes)\n${table(["writer", "µs/message", "MB/s", "its time / ours"], rows)}`;
}

/** What main.ts calls: the table, and the result for the goals. */
export function xmlWriterBench(): WriterResult {
  const result = xmlWriterResult();
  console.log(`XML text writer — Node ${process.version}, ${process.arch}\n${xmlWriterTable(result)}`);
  const ratio = result.concatenation.nsPerOp / result.ours.nsPerOp;
  console.log(
    `goal: the writer at least as fast as concatenation + Buffer.from: ${ratio.toFixed(2)}x its speed, ${ratio >= 1 ? "met" : "NOT met"}\n`,
  );
  if (sink === -1) console.log(sink);
  return result;
}

// `tsx --conditions=@wwsapi/source bench/xml-writer.bench.ts` runs this bench alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) xmlWriterBench();
