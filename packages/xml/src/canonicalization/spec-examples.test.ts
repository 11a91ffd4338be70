import {
  WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM,
  WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM,
  WS_INCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM,
  WS_INCLUSIVE_XML_CANONICALIZATION_ALGORITHM,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { algorithm, canonicalizeByReader, canonicalizeByWriter, inclusivePrefixes } from "./canonicalization.test-support.js";

// The examples of Canonical XML Version 1.0 §3 (W3C REC-xml-c14n-20010315) and of Exclusive XML
// Canonicalization Version 1.0 §2 (W3C REC-xml-exc-c14n-20020718, RFC 3741), byte for byte.
// WWSAPI reads and writes no DTD and no processing instruction (its reader refuses them), so the
// examples that need them are taken without them, and their expected output loses exactly what
// the DTD or the processing instructions contributed; each such case says what was removed.
// Every example is checked both ways: read (WsStartReaderCanonicalization, WsSkipNode, WsEnd…)
// and written (the same nodes written again with WsWriteNode between WsStartWriter… and WsEnd…).

const INCLUSIVE = [algorithm(WS_INCLUSIVE_XML_CANONICALIZATION_ALGORITHM)];
const INCLUSIVE_WITH_COMMENTS = [algorithm(WS_INCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM)];
const EXCLUSIVE = [algorithm(WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM)];
const EXCLUSIVE_WITH_COMMENTS = [algorithm(WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM)];

/** Both ways must give `expected`. */
function expectCanonical(
  xml: string,
  element: string | null,
  properties: Parameters<typeof canonicalizeByReader>[2],
  expected: string,
): void {
  expect(canonicalizeByReader(xml, element, properties)).toBe(expected);
  expect(canonicalizeByWriter(xml, element, properties)).toBe(expected);
}

describe("Canonical XML 1.0 §3.1 PIs, Comments, and Outside of Document Element", () => {
  // Without the xml-stylesheet and pi-without-data processing instructions and the DOCTYPE.
  const input = `<?xml version="1.0"?>

<doc>Hello, world!<!-- Comment 1 --></doc>

<!-- Comment 2 -->

<!-- Comment 3 -->`;

  it("without comments: the document element alone", () => {
    expectCanonical(input, null, INCLUSIVE, "<doc>Hello, world!</doc>");
  });

  it("with comments: a line feed before each comment after the document element", () => {
    expectCanonical(
      input,
      null,
      INCLUSIVE_WITH_COMMENTS,
      "<doc>Hello, world!<!-- Comment 1 --></doc>\n<!-- Comment 2 -->\n<!-- Comment 3 -->",
    );
  });

  it("a comment before the document element is followed by a line feed", () => {
    const before = "<!-- Before --> \n<doc/>\n<!-- After -->";
    expectCanonical(before, null, INCLUSIVE_WITH_COMMENTS, "<!-- Before -->\n<doc></doc>\n<!-- After -->");
    expectCanonical(before, null, EXCLUSIVE_WITH_COMMENTS, "<!-- Before -->\n<doc></doc>\n<!-- After -->");
    expectCanonical(before, null, EXCLUSIVE, "<doc></doc>");
  });
});

describe("Canonical XML 1.0 §3.2 Whitespace in Document Content", () => {
  const input = `<doc>
   <clean>   </clean>
   <dirty>   A   B   </dirty>
   <mixed>
      A
      <clean>   </clean>
      B
      <dirty>   A   B   </dirty>
      C
   </mixed>
</doc>`;

  it("keeps all white space in content: the document is its own canonical form", () => {
    expectCanonical(input, null, INCLUSIVE, input);
    expectCanonical(input, null, EXCLUSIVE, input);
  });
});

describe("Canonical XML 1.0 §3.3 Start and End Tags", () => {
  // Without `<!DOCTYPE doc [<!ATTLIST e9 attr CDATA "default">]>`: e9 gets no attr="default".
  const input = `<doc>
   <e1   />
   <e2   ></e2>
   <e3   name = "elem3"   id="elem3"   />
   <e4   name="elem4"   id="elem4"   ></e4>
   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I'm"
      xmlns:b="http://www.ietf.org"
      xmlns:a="http://www.w3.org"
      xmlns="http://example.org"/>
   <e6 xmlns="" xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="" xmlns:a="http://www.w3.org">
            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>
         </e8>
      </e7>
   </e6>
</doc>`;

  it("inclusive: superfluous declarations removed, attributes and declarations sorted, empty elements expanded", () => {
    expectCanonical(
      input,
      null,
      INCLUSIVE,
      `<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e4 id="elem4" name="elem4"></e4>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6 xmlns:a="http://www.w3.org">
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9 xmlns:a="http://www.ietf.org"></e9>
         </e8>
      </e7>
   </e6>
</doc>`,
    );
  });

  it("exclusive: only the visibly utilized declarations", () => {
    expectCanonical(
      input,
      null,
      EXCLUSIVE,
      `<doc>
   <e1></e1>
   <e2></e2>
   <e3 id="elem3" name="elem3"></e3>
   <e4 id="elem4" name="elem4"></e4>
   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I'm" attr2="all" b:attr="sorted" a:attr="out"></e5>
   <e6>
      <e7 xmlns="http://www.ietf.org">
         <e8 xmlns="">
            <e9></e9>
         </e8>
      </e7>
   </e6>
</doc>`,
    );
  });
});

describe("Canonical XML 1.0 §3.4 Character Modifications and Character References", () => {
  // Without the DTD's attribute declarations: every attribute is CDATA, so normNames and normId
  // keep the white space the NMTOKENS and ID types would have collapsed.
  const input = `<doc>
   <text>First line&#x0d;&#10;Second line</text>
   <value>&#x32;</value>
   <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>
   <compute expr='value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"'>valid</compute>
   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>
   <normNames attr='   A   &#x20;&#13;&#xa;&#9;   B   '/>
   <normId id=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>
</doc>`;

  it("references replaced, CDATA replaced by its escaped text, #xD #xA #x9 referenced in attributes", () => {
    expectCanonical(
      input,
      null,
      INCLUSIVE,
      `<doc>
   <text>First line&#xD;
Second line</text>
   <value>2</value>
   <compute>value&gt;"0" &amp;&amp; value&lt;"10" ?"valid":"error"</compute>
   <compute expr="value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;">valid</compute>
   <norm attr=" '    &#xD;&#xA;&#x9;   ' "></norm>
   <normNames attr="   A    &#xD;&#xA;&#x9;   B   "></normNames>
   <normId id=" '    &#xD;&#xA;&#x9;   ' "></normId>
</doc>`,
    );
  });
});

describe("Canonical XML 1.0 §3.6 UTF-8 Encoding", () => {
  // Without the ISO-8859-1 declaration: the character arrives as a reference instead.
  it("writes the character as UTF-8", () => {
    const reader = canonicalizeByReader(`<?xml version="1.0"?>\n<doc>&#169;</doc>`, null, INCLUSIVE);
    expect(reader).toBe("<doc>\u00a9</doc>");
    expect([...new TextEncoder().encode(reader)]).toEqual([
      ...new TextEncoder().encode("<doc>"),
      0xc2,
      0xa9,
      ...new TextEncoder().encode("</doc>"),
    ]);
    expect(canonicalizeByWriter(`<doc>&#169;</doc>`, null, INCLUSIVE)).toBe("<doc>\u00a9</doc>");
  });
});

describe("Exclusive XML Canonicalization 1.0 §2.1 A Simple Example", () => {
  it("the enveloped element loses the enclosing document's unused namespace", () => {
    const alone = `<n1:elem1 xmlns:n1="http://b.example">
    content
</n1:elem1>`;
    const enveloped = `<n0:pdu xmlns:n0="http://a.example">
<n1:elem1 xmlns:n1="http://b.example">
    content
</n1:elem1>
</n0:pdu>`;
    expectCanonical(alone, null, INCLUSIVE, alone);
    expectCanonical(enveloped, "elem1", EXCLUSIVE, alone);
  });
});

describe("Exclusive XML Canonicalization 1.0 §2.2 General Problems with re-Enveloping", () => {
  const first = `<n0:local xmlns:n0="foo:bar"
          xmlns:n3="ftp://example.org">
    <n1:elem2 xmlns:n1="http://example.net"
              xml:lang="en">
        <n3:stuff xmlns:n3="ftp://example.org"/>
    </n1:elem2>
</n0:local>`;
  const second = `<n2:pdu xmlns:n1="http://example.com"
        xmlns:n2="http://foo.example"
        xml:lang="fr"
        xml:space="retain">
    <n1:elem2 xmlns:n1="http://example.net"
              xml:lang="en">
        <n3:stuff xmlns:n3="ftp://example.org"/>
    </n1:elem2>
</n2:pdu>`;
  const exclusive = `<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">
        <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>
    </n1:elem2>`;

  it("elem2 has the same exclusive canonical form in both documents", () => {
    expectCanonical(first, "elem2", EXCLUSIVE, exclusive);
    expectCanonical(second, "elem2", EXCLUSIVE, exclusive);
  });

  it("with the enclosing prefixes in the InclusiveNamespaces PrefixList, they are rendered as Canonical XML renders them", () => {
    // The spec's Canonical XML forms of elem2, less the xml:space="retain" Canonical XML imports
    // from an ancestor (exclusive canonicalization imports no xml: attribute).
    expectCanonical(
      first,
      "elem2",
      [...EXCLUSIVE, inclusivePrefixes("n0", "n3")],
      `<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en">
        <n3:stuff></n3:stuff>
    </n1:elem2>`,
    );
    expectCanonical(
      second,
      "elem2",
      [...EXCLUSIVE, inclusivePrefixes("n2")],
      `<n1:elem2 xmlns:n1="http://example.net" xmlns:n2="http://foo.example" xml:lang="en">
        <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>
    </n1:elem2>`,
    );
  });
});
