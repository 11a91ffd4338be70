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
import sax from "sax";
import { SaxesParser } from "saxes";
import { type Measurement, measureSync } from "./measure.js";

/**
 * The text reader against the JavaScript XML parsers a Node developer would pick, on a SOAP
 * message: every parser sees every node (SAX events, or a tree for fast-xml-parser). Bytes in for
 * ours (what a channel hands the reader), a string for the others (what they take).
 */
function soapMessage(items: number): string {
  const rows = Array.from(
    { length: items },
    (_, i) =>
      `<b:Item id="${i}" kind='row'><b:Name>Item &amp; number ${i}</b:Name><b:Price>${(i * 1.25).toFixed(2)}</b:Price><b:Note>é€ &lt;ok&gt;</b:Note></b:Item>`,
  ).join("");
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">` +
    `<s:Header><a:Action s:mustUnderstand="1">http://tempuri.org/ICatalog/List</a:Action><a:To s:mustUnderstand="1">http://localhost/Catalog</a:To></s:Header>` +
    `<s:Body><ListResponse xmlns="http://tempuri.org/"><ListResult xmlns:b="http://schemas.datacontract.org/2004/07/Catalog">${rows}</ListResult></ListResponse></s:Body></s:Envelope>`
  );
}

export function xmlReaderBench(): (Measurement & { bytes: number })[] {
  const text = soapMessage(200);
  const bytes = new TextEncoder().encode(text);
  const reader = ref<WS_XML_READER | null>(null);
  WsCreateReader(null, reader);
  const r = reader.value!;
  const node = ref<WS_XML_NODE | null>(null);
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  let count = 0;

  const ours = measureSync(`wwsapi-ts WsReadNode, ${(bytes.length / 1024).toFixed(0)} KiB SOAP message`, 2_000, (n) => {
    for (let i = 0; i < n; i++) {
      WsSetInput(r, encoding, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never, null);
      do {
        WsReadNode(r);
        WsGetReaderNode(r, node);
        count++;
      } while (node.value!.nodeType !== WS_XML_NODE_TYPE_EOF);
    }
  });
  const saxesResult = measureSync("saxes (SAX, namespaces on)", 2_000, (n) => {
    for (let i = 0; i < n; i++) {
      const parser = new SaxesParser({ xmlns: true });
      parser.on("opentag", () => count++);
      parser.on("text", () => count++);
      parser.on("closetag", () => count++);
      parser.write(text).close();
    }
  });
  const saxResult = measureSync("sax (SAX, strict, namespaces on)", 1_000, (n) => {
    for (let i = 0; i < n; i++) {
      const parser = sax.parser(true, { xmlns: true });
      parser.onopentag = () => count++;
      parser.ontext = () => count++;
      parser.onclosetag = () => count++;
      parser.write(text).close();
    }
  });
  const fxpParser = new XMLParser({ ignoreAttributes: false });
  const fxp = measureSync("fast-xml-parser (to objects)", 2_000, (n) => {
    for (let i = 0; i < n; i++) count += fxpParser.parse(text) === null ? 0 : 1;
  });
  if (count === -1) console.log(count);
  // ns/op here is per message; the table shows MB/s beside it.
  return [ours, saxesResult, saxResult, fxp].map((m) => ({ ...m, bytes: bytes.length }));
}
