// Checks one unpacked `pnpm pack` tarball: what a registry user would download.
//
//   node verify-tarball.mjs <unpacked-dir> <results-file> <packed-versions.json>
//
// <unpacked-dir> holds the tarball's `package/` folder; <packed-versions.json> maps every packed
// package name to its version, so @wwsapi/* dependencies can be checked against what was packed.
// Each check appends "PASS\t<text>" or "FAIL\t<text>" to <results-file> and prints a line;
// warnings (worth knowing, not failures) are appended as "WARN\t<name>\t<text>".

import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, posix, relative, sep } from "node:path";

const [unpacked, resultsFile, versionsFile] = process.argv.slice(2);
if (unpacked === undefined || resultsFile === undefined || versionsFile === undefined) {
  console.error("usage: node verify-tarball.mjs <unpacked-dir> <results-file> <packed-versions.json>");
  process.exit(2);
}

// The workspace's own TypeScript reads the import specifiers (comments and strings are not imports).
const ts = createRequire(import.meta.url)("typescript");

const root = join(unpacked, "package");
const packedVersions = JSON.parse(readFileSync(versionsFile, "utf8"));
const manifestText = readFileSync(join(root, "package.json"), "utf8");
const manifest = JSON.parse(manifestText);
const name = manifest.name ?? "(no name)";

/** Every file in the tarball, as a posix path relative to `package/`. */
const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(relative(root, full).split(sep).join("/"));
  }
})(root);
const fileSet = new Set(files);

let failed = 0;
function check(label, problems) {
  const ok = problems.length === 0;
  if (!ok) failed++;
  appendFileSync(resultsFile, `${ok ? "PASS" : "FAIL"}\t${name}: ${label}\n`);
  if (ok) console.log(`    ok    ${label}`);
  else {
    console.log(`    FAIL  ${label}`);
    for (const problem of problems.slice(0, 10)) console.log(`            - ${problem}`);
    if (problems.length > 10) console.log(`            - ... and ${problems.length - 10} more`);
  }
}
/** Not a failure: recorded as "WARN<TAB>name<TAB>text" and listed once, grouped, by run.sh. */
function warn(text) {
  appendFileSync(resultsFile, `WARN\t${name}\t${text}\n`);
}

/** Every string value and key inside a JSON value, with its path (e.g. `exports["."].types`). */
function jsonEntries(value, path = "") {
  const entries = [];
  if (typeof value === "string") entries.push({ path: path || "(root)", text: value, isKey: false });
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const step = Array.isArray(value)
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `${path ? "." : ""}${key}`
          : `[${JSON.stringify(key)}]`;
      entries.push({ path: path + step, text: key, isKey: true }, ...jsonEntries(child, path + step));
    }
  }
  return entries;
}
const describe = (entry) => (entry.isKey ? `key ${entry.path}` : `${entry.path} = ${JSON.stringify(entry.text)}`);

// 1. publishConfig was applied to the dependencies: no workspace: protocol left, and every
//    @wwsapi/* dependency names a version that was packed alongside.
{
  const problems = jsonEntries(manifest)
    .filter((e) => e.text.startsWith("workspace:"))
    .map((e) => `workspace: specifier left: ${describe(e)}`);
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (!dep.startsWith("@wwsapi/") || String(range).startsWith("workspace:")) continue;
      if (!(dep in packedVersions)) problems.push(`${field}.${dep} is not a published workspace package`);
      else if (range !== packedVersions[dep] && range !== `^${packedVersions[dep]}` && range !== `~${packedVersions[dep]}`) {
        problems.push(`${field}.${dep} = ${JSON.stringify(range)} does not match the packed version ${packedVersions[dep]}`);
      }
    }
  }
  check("package.json: no workspace: specifiers; @wwsapi/* dependencies match the packed versions", problems);
}

// 2. publishConfig was applied to the exports: the source condition is gone.
check(
  "package.json: no @wwsapi/source condition",
  jsonEntries(manifest)
    .filter((e) => e.text.includes("@wwsapi/source"))
    .map((e) => `still there: ${describe(e)}`),
);

// 3. The entry points are shipped.
check(
  "tarball has dist/index.js and dist/index.d.ts",
  ["dist/index.js", "dist/index.d.ts"].filter((f) => !fileSet.has(f)).map((f) => `missing ${f}`),
);

// 4. No sources or tests are shipped.
{
  const isTest = (f) => /(^|\/)(__tests__|__mocks__|test|tests)\//.test(f) || /\.(test|spec|interop\.test)\.[cm]?[jt]sx?(\.map)?$/.test(f);
  const problems = files.filter((f) => f.startsWith("src/") || isTest(f)).map((f) => `shipped: ${f}`);
  check("tarball has no src/ and no test files", problems);
}

// 5. Every target of exports / main / types exists in the tarball.
{
  const problems = [];
  const targets = jsonEntries(manifest.exports ?? {}, "exports")
    .filter((e) => !e.isKey && e.text.startsWith("./"))
    .map((e) => ({ where: e.path, target: e.text }));
  for (const field of ["main", "types", "typings", "module"]) {
    if (typeof manifest[field] === "string") targets.push({ where: field, target: manifest[field] });
  }
  if (manifest.exports === undefined) problems.push("no exports field");
  for (const { where, target } of targets) {
    if (target.includes("*")) continue;
    const file = posix.normalize(target);
    if (!fileSet.has(file)) problems.push(`${where} -> ${target}: not in the tarball`);
  }
  check("every exports/main/types target is in the tarball", problems);
}

// 6. Every import in the shipped .js/.d.ts resolves: relative ones to a shipped file, bare ones
//    to the package itself, a Node builtin, or a declared (non-dev) dependency.
{
  const declared = new Set([
    name,
    ...["dependencies", "peerDependencies", "optionalDependencies"].flatMap((f) => Object.keys(manifest[f] ?? {})),
  ]);
  const builtins = new Set(builtinModules);
  const problems = [];
  const typeReferences = new Set();
  for (const file of files) {
    if (!/\.(m|c)?js$|\.d\.(m|c)?ts$/.test(file)) continue;
    const info = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    for (const reference of info.typeReferenceDirectives) typeReferences.add(reference.fileName);
    for (const { fileName: spec } of info.importedFiles) {
      if (spec.startsWith(".")) {
        const target = posix.normalize(posix.join(posix.dirname(file), spec));
        const candidates = [target];
        // A .d.ts refers to its sibling declarations by their .js name.
        if (/\.d\.(m|c)?ts$/.test(file)) candidates.push(target.replace(/\.(m|c)?js$/, ".d.$1ts"));
        if (!candidates.some((c) => fileSet.has(c))) problems.push(`${file}: "${spec}" is not in the tarball`);
        continue;
      }
      if (spec.startsWith("node:") || builtins.has(spec)) continue;
      const packageName = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (!declared.has(packageName)) problems.push(`${file}: imports "${spec}" but ${packageName} is not a dependency`);
    }
  }
  check("imports in dist resolve (relative files shipped, packages declared as dependencies)", problems);
  if (typeReferences.size > 0) warn(`.d.ts files reference types ${[...typeReferences].join(", ")} (consumers need them installed)`);
}

// Warnings: not part of the brief's checks, but a reviewer wants to know.
{
  const notes = [];
  if (fileSet.has("dist/.tsbuildinfo"))
    notes.push("dist/.tsbuildinfo is shipped (tsconfig tsBuildInfoFile is inside dist, files includes dist)");
  const mapsToSource = files
    .filter((f) => f.endsWith(".map"))
    .some((f) => {
      const map = JSON.parse(readFileSync(join(root, f), "utf8"));
      // A map that embeds its sources (inlineSources) needs no source file beside it.
      const embedded = (map.sourcesContent ?? []).length === (map.sources ?? []).length;
      return !embedded && (map.sources ?? []).some((s) => !existsSync(join(root, dirname(f), s)));
    });
  if (mapsToSource) notes.push("source maps point to ../src files that are neither shipped nor embedded");
  for (const entry of manifest.files ?? []) {
    if (!entry.startsWith("!") && !entry.includes("*") && !files.some((f) => f === entry || f.startsWith(`${entry}/`))) {
      notes.push(`files lists "${entry}" but the package has no such file`);
    }
  }
  for (const note of notes) warn(note);
}

process.exitCode = failed === 0 ? 0 : 1;
