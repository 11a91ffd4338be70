import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  ref,
  WS_CHARSET_UTF8,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import {
  typed,
  WsCreateReader,
  WsCreateWriter,
  WsGetWriterProperty,
  WsReadStartElement,
  WsReadToStartElement,
  WsSetInput,
  WsSetOutput,
  WsSkipNode,
} from "@wwsapi/xml";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { WSDL } from "soap";
import xml2js from "xml2js";
import { type Measurement, table } from "./measure.js";
import { ordersResponse } from "./xml-reader.bench.js";

/**
 * Serialization (WS_TYPE) through the typed descriptions of @wwsapi/xml against what a Node
 * developer would use to turn a SOAP body into objects and back: fast-xml-parser (XMLParser,
 * XMLBuilder), xml2js (parseString, Builder) and node-soap's own WSDL machinery (WSDL.xmlToObject,
 * which types values by the WSDL's schema; WSDL.objectToDocumentXML, what its client and server
 * serialize bodies with). The input is the XML reader bench's 100 KB response of 421 order
 * structs, in a SOAP 1.1 envelope: node-soap's xmlToObject finds the body's schema only under
 * the SOAP 1.1 namespace (the bytes are otherwise the same).
 */

const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const TEMPURI = "http://tempuri.org/";
const ORDERS_NS = "http://schemas.datacontract.org/2004/07/Orders";

const { struct, element, nillable, array, int32, string, dateTime, double, bool } = typed;

/** The response described as WsUtil would describe the DataContract types (xml-reader.bench.ts writes them). */
const Order = struct("Order", ORDERS_NS, {
  Id: element(int32, "Id"),
  Customer: element(string, "Customer"),
  Placed: element(dateTime, "Placed"),
  Total: element(double, "Total"),
  Quantity: element(int32, "Quantity"),
  Shipped: element(bool, "Shipped"),
  Note: nillable(element(string, "Note")),
});
const ArrayOfOrder = struct("ArrayOfOrder", ORDERS_NS, { orders: array(Order, "Order") });
const GetOrdersResponse = struct("GetOrdersResponse", TEMPURI, { GetOrdersResult: element(ArrayOfOrder, "GetOrdersResult") });
type Orders = typed.ValueOf<typeof GetOrdersResponse>;

/** The same types as a WCF service's WSDL states them, for node-soap. */
const WSDL_TEXT = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="OrderService" targetNamespace="${TEMPURI}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${TEMPURI}" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:b="${ORDERS_NS}">
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="${ORDERS_NS}">
      <xs:complexType name="ArrayOfOrder"><xs:sequence>
        <xs:element minOccurs="0" maxOccurs="unbounded" name="Order" type="b:Order"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="Order"><xs:sequence>
        <xs:element name="Id" type="xs:int"/><xs:element name="Customer" type="xs:string"/>
        <xs:element name="Placed" type="xs:dateTime"/><xs:element name="Total" type="xs:double"/>
        <xs:element name="Quantity" type="xs:int"/><xs:element name="Shipped" type="xs:boolean"/>
        <xs:element name="Note" nillable="true" type="xs:string"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema elementFormDefault="qualified" targetNamespace="${TEMPURI}">
      <xs:import namespace="${ORDERS_NS}"/>
      <xs:element name="GetOrders"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="GetOrdersResponse"><xs:complexType><xs:sequence>
        <xs:element name="GetOrdersResult" type="b:ArrayOfOrder"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="IOrderService_GetOrders_InputMessage"><wsdl:part name="parameters" element="tns:GetOrders"/></wsdl:message>
  <wsdl:message name="IOrderService_GetOrders_OutputMessage"><wsdl:part name="parameters" element="tns:GetOrdersResponse"/></wsdl:message>
  <wsdl:portType name="IOrderService"><wsdl:operation name="GetOrders">
    <wsdl:input message="tns:IOrderService_GetOrders_InputMessage"/><wsdl:output message="tns:IOrderService_GetOrders_OutputMessage"/>
  </wsdl:operation></wsdl:portType>
  <wsdl:binding name="BasicHttpBinding_IOrderService" type="tns:IOrderService">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="GetOrders"><soap:operation soapAction="${TEMPURI}IOrderService/GetOrders" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="OrderService"><wsdl:port name="BasicHttpBinding_IOrderService" binding="tns:BasicHttpBinding_IOrderService">
    <soap:address location="http://localhost/OrderService.svc"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>`;

function loadWsdl(): Promise<WSDL> {
  return new Promise((resolve, reject) => {
    const wsdl = new WSDL(WSDL_TEXT, "http://localhost/OrderService.svc?wsdl", {});
    wsdl.onReady((error) => (error ? reject(error) : resolve(wsdl)));
  });
}

const xs = (text: string): WS_XML_STRING => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 });
const HEADER = xs("Header");
const BODY = xs("Body");

function check(hr: number, what: string): void {
  if (hr < 0) throw new Error(`${what} failed: 0x${(hr >>> 0).toString(16)}`);
}

/** Our side: a reader and writers made once, input and output set per message as a channel does. */
class Ours {
  private readonly reader: WS_XML_READER;
  private readonly writer: WS_XML_WRITER;
  private readonly found = ref(false);
  private readonly bytes = ref<unknown>(null);

  constructor() {
    const reader = ref<WS_XML_READER | null>(null);
    check(WsCreateReader(null, reader), "WsCreateReader");
    this.reader = reader.value!;
    const writer = ref<WS_XML_WRITER | null>(null);
    // A buffer as large as a channel's maximum message would allow (the default is 64 KiB).
    check(WsCreateWriter([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 1 << 22 }], writer), "WsCreateWriter");
    this.writer = writer.value!;
  }

  /** The body of an envelope (text or [MC-NBFX]) as objects. */
  read(envelope: Uint8Array, binary = false): Orders {
    const r = this.reader;
    const encoding = binary
      ? { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null }
      : { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
    check(
      WsSetInput(r, encoding as never, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: envelope } as never, null),
      "WsSetInput",
    );
    check(WsReadToStartElement(r, null, null, null), "WsReadToStartElement");
    check(WsReadStartElement(r), "WsReadStartElement");
    check(WsReadToStartElement(r, HEADER, null, this.found), "WsReadToStartElement");
    if (this.found.value) check(WsSkipNode(r), "WsSkipNode");
    check(WsReadToStartElement(r, BODY, null, this.found), "WsReadToStartElement");
    check(WsReadStartElement(r), "WsReadStartElement");
    return GetOrdersResponse.read(r);
  }

  /** The body element of `value`, as text or [MC-NBFX] records. */
  write(value: Orders, binary = false): Uint8Array {
    const encoding = binary
      ? {
          encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
          staticDictionary: null,
          dynamicStringCallback: null,
          dynamicStringCallbackState: null,
        }
      : { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
    check(WsSetOutput(this.writer, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null), "WsSetOutput");
    GetOrdersResponse.write(this.writer, value);
    check(WsGetWriterProperty(this.writer, WS_XML_WRITER_PROPERTY_BYTES, this.bytes), "WsGetWriterProperty");
    return this.bytes.value as Uint8Array;
  }
}

interface Subject {
  name: string;
  body: () => unknown;
}

/** A full collection before each timed run, so that no subject pays for the garbage of the one before it. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
let sink = 0;

/** A measurement with the CPU time this process spent beside the wall time. */
export interface CpuMeasurement extends Measurement {
  cpuNsPerOp: number;
}

/**
 * The subjects' runs interleaved (one run of each, then the next round, every other round
 * backwards), so that load on a shared machine slows all alike. Before each run the heap is
 * collected, so that no subject pays for the garbage of the one before it, and the operation runs
 * once untimed: right after a full collection the first operation pays for the collector's
 * background sweeping and regrowing the young generation (2 to 4 times the steady cost here). A run
 * then repeats the operation for about 200 ms (at least 5 times, calibrated on a warm-up); the
 * median run is kept.
 * The ratios use the process's CPU time (process.cpuUsage: user + system, every thread of the
 * process, so the GC's helper threads count), which other processes on a busy machine do not
 * inflate as they do wall time; both are shown.
 */
function measureInterleaved(subjects: Subject[], runs = 7): CpuMeasurement[] {
  const iterations = subjects.map((subject) => {
    for (let i = 0; i < 3; i++) subject.body(); // warm-up
    const start = process.hrtime.bigint();
    subject.body();
    const ns = Number(process.hrtime.bigint() - start);
    return Math.max(5, Math.min(2_000, Math.round(200e6 / ns)));
  });
  const wall: number[][] = subjects.map(() => []);
  const cpu: number[][] = subjects.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < subjects.length; k++) {
      const i = run % 2 === 0 ? k : subjects.length - 1 - k;
      const { body } = subjects[i]!;
      const n = iterations[i]!;
      collectGarbage();
      sink += body() === null ? 1 : 0;
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let j = 0; j < n; j++) sink += body() === null ? 1 : 0;
      wall[i]!.push(Number(process.hrtime.bigint() - start) / n);
      const used = process.cpuUsage(cpuStart);
      cpu[i]!.push(((used.user + used.system) * 1000) / n);
    }
  }
  return subjects.map((subject, i) => ({ name: subject.name, nsPerOp: median(wall[i]!), cpuNsPerOp: median(cpu[i]!) }));
}

export interface SerializationResult {
  bytes: number;
  deserialize: CpuMeasurement[];
  serialize: CpuMeasurement[];
}

/** Every figure of this bench; the first measurement of each group is ours. */
export async function serializationResults(): Promise<SerializationResult> {
  const text = ordersResponse(421).replace(SOAP12, SOAP11);
  const envelope = new TextEncoder().encode(text);
  const ours = new Ours();
  const wsdl = await loadWsdl();
  const fxpParser = new XMLParser({ ignoreAttributes: false });
  const fxpBuilder = new XMLBuilder({ ignoreAttributes: false });
  const xml2jsParser = new xml2js.Parser();
  const xml2jsBuilder = new xml2js.Builder({ headless: true });

  // Once, checked: every reader sees the 421 orders, and what we write reads back the same.
  const value = ours.read(envelope);
  if (value.GetOrdersResult.orders.length !== 421) throw new Error("our read did not find the 421 orders");
  const textBody = ours.write(value);
  const binaryBody = ours.write(value, true).slice();
  const binaryEnvelope = binaryEnvelopeOf(binaryBody);
  const again = ours.read(binaryEnvelope, true);
  if (JSON.stringify(again, bigints) !== JSON.stringify(value, bigints)) throw new Error("the binary round trip changed the orders");
  const fxpObject = fxpParser.parse(text);
  const fxpBody = fxpObject["s:Envelope"]["s:Body"];
  let xml2jsObject: unknown;
  xml2jsParser.parseString(text, (error: unknown, result: unknown) => {
    if (error) throw error;
    xml2jsObject = result;
  });
  // The body's one child, as the single key Builder takes for the root element.
  // xml2js: the root element is an object, every child element an array of them.
  type Xml2js = { [name: string]: Xml2js[] };
  const xml2jsResponse = (xml2jsObject as Record<string, Xml2js>)["s:Envelope"]!["s:Body"]![0]!.GetOrdersResponse![0]!;
  const xml2jsBody = { GetOrdersResponse: xml2jsResponse };
  const soapObject = wsdl.xmlToObject(text);
  const soapBody = soapObject.Body.GetOrdersResponse;
  if (soapBody.GetOrdersResult.Order.length !== 421) throw new Error("node-soap did not type the 421 orders");
  const written = new TextDecoder().decode(textBody);
  if (
    !written.startsWith(
      '<GetOrdersResponse xmlns="http://tempuri.org/"><GetOrdersResult><Order xmlns="http://schemas.datacontract.org/2004/07/Orders">',
    )
  )
    throw new Error(`unexpected text serialization: ${written.slice(0, 200)}`);

  const deserialize = measureInterleaved([
    { name: "wwsapi-ts typed struct (text reader)", body: () => ours.read(envelope) },
    { name: "fast-xml-parser XMLParser.parse", body: () => fxpParser.parse(text) },
    {
      name: "xml2js parseString",
      body: () => {
        let result: unknown = null;
        xml2jsParser.parseString(text, (_error: unknown, parsed: unknown) => {
          result = parsed;
        });
        return result;
      },
    },
    { name: "node-soap WSDL.xmlToObject (schema-typed)", body: () => wsdl.xmlToObject(text) },
    { name: "(info) wwsapi-ts typed struct, binary reader", body: () => ours.read(binaryEnvelope, true) },
  ]);
  const serialize = measureInterleaved([
    { name: "wwsapi-ts typed struct (text writer)", body: () => ours.write(value) },
    { name: "fast-xml-parser XMLBuilder.build", body: () => fxpBuilder.build(fxpBody) },
    { name: "xml2js Builder.buildObject", body: () => xml2jsBuilder.buildObject(xml2jsBody) },
    {
      name: "node-soap WSDL.objectToDocumentXML",
      body: () => wsdl.objectToDocumentXML("GetOrdersResponse", soapBody, "tns", TEMPURI),
    },
    { name: "wwsapi-ts typed struct (binary writer)", body: () => ours.write(value, true) },
  ]);
  return { bytes: envelope.length, deserialize, serialize };
}

const bigints = (_key: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/** A minimal [MC-NBFX] envelope around binary body records: <s:Envelope><s:Body>…</s:Body></s:Envelope>. */
function binaryEnvelopeOf(body: Uint8Array): Uint8Array {
  const name = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    return [bytes.length, ...bytes];
  };
  // PrefixElement 's' (0x5E + 's' - 'a'), then a prefixed xmlns record (0x09) for 's'.
  const envelopeStart = [0x5e + 18, ...name("Envelope"), 0x09, ...name("s"), ...name(SOAP11)];
  const bodyStart = [0x5e + 18, ...name("Body")];
  return Uint8Array.from([...envelopeStart, ...bodyStart, ...body, 0x01, 0x01]);
}

const ratio = (them: number, us: number) => them / us;

/** The tables for people, and the goals. */
export function serializationTables(result: SerializationResult): string {
  const group = (title: string, measurements: CpuMeasurement[]) => {
    const ours = measurements[0]!.cpuNsPerOp;
    const rows = measurements.map((m) => [
      m.name,
      (m.cpuNsPerOp / 1000).toFixed(1),
      (m.nsPerOp / 1000).toFixed(1),
      ((result.bytes / m.cpuNsPerOp) * 1000).toFixed(1),
      `${(m.cpuNsPerOp / ours).toFixed(2)}x`,
    ]);
    return `${title}\n${table(["library", "CPU µs/message", "wall µs", "MB/s (CPU)", "its CPU time / ours"], rows)}`;
  };
  const by = (list: CpuMeasurement[], prefix: string) => list.find((m) => m.name.startsWith(prefix))!.cpuNsPerOp;
  const d = result.deserialize;
  const s = result.serialize;
  const ourRead = d[0]!.cpuNsPerOp;
  const ourWrite = s[0]!.cpuNsPerOp;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const fxpRead = ratio(by(d, "fast-xml-parser"), ourRead);
  const xml2jsRead = ratio(by(d, "xml2js"), ourRead);
  const fxpWrite = ratio(by(s, "fast-xml-parser"), ourWrite);
  const binaryWrite = by(s, "wwsapi-ts typed struct (binary");
  const goals = table(
    ["goal (CPU time ratios)", "measured", "result"],
    [
      ["deserialization >= 3x fast-xml-parser", `${fxpRead.toFixed(2)}x`, verdict(fxpRead >= 3)],
      ["deserialization >= 5x xml2js", `${xml2jsRead.toFixed(2)}x`, verdict(xml2jsRead >= 5)],
      ["serialization >= 2x fast-xml-parser's XMLBuilder", `${fxpWrite.toFixed(2)}x`, verdict(fxpWrite >= 2)],
      [
        "binary serialization faster than our text serialization",
        `${(ourWrite / binaryWrite).toFixed(2)}x the text writer's speed`,
        verdict(binaryWrite < ourWrite),
      ],
      ["(info) node-soap deserialization / ours", `${ratio(by(d, "node-soap"), ourRead).toFixed(2)}x`, "info"],
      ["(info) node-soap serialization / ours", `${ratio(by(s, "node-soap"), ourWrite).toFixed(2)}x`, "info"],
    ],
  );
  return [
    `Serialization: the ${result.bytes.toLocaleString("en-US")}-byte SOAP 1.1 response of 421 order structs`,
    group("Body to objects", d),
    group("Objects to body (MB/s of the input's size)", s),
    `Goals\n${goals}`,
  ].join("\n\n");
}

/** What `pnpm bench` (main.ts) calls. */
export async function serializationBench(): Promise<SerializationResult> {
  const result = await serializationResults();
  console.log(`${serializationTables(result)}\n`);
  if (sink === -1) console.log(sink);
  return result;
}

// `tsx --conditions=@wwsapi/source bench/serialization.bench.ts` runs this bench alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serializationBench();
}
