// Checks what `npm install <core.tgz> <async-execute.tgz>` put in a consumer's node_modules:
// exactly the two picked @wwsapi packages, one copy of @wwsapi/core (async-execute's dependency
// resolved to the given tarball, not fetched again or nested), at the packed versions.
//
//   node check-install.mjs <consumer-dir> <results-file> <packed-versions.json>

import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [consumer, resultsFile, versionsFile] = process.argv.slice(2);
const packedVersions = JSON.parse(readFileSync(versionsFile, "utf8"));
const modules = join(consumer, "node_modules");

function check(label, problems) {
  const ok = problems.length === 0;
  appendFileSync(resultsFile, `${ok ? "PASS" : "FAIL"}\tinstall: ${label}\n`);
  console.log(`    ${ok ? "ok  " : "FAIL"}  ${label}`);
  for (const problem of problems) console.log(`            - ${problem}`);
  return ok;
}

const wanted = ["@wwsapi/async-execute", "@wwsapi/core"];
const scope = join(modules, "@wwsapi");
const present = existsSync(scope)
  ? readdirSync(scope)
      .map((n) => `@wwsapi/${n}`)
      .sort()
  : [];
const problems = [];
if (present.join(",") !== wanted.join(","))
  problems.push(`node_modules/@wwsapi has [${present.join(", ")}], expected [${wanted.join(", ")}]`);
for (const name of present) {
  const version = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
  if (version !== packedVersions[name]) problems.push(`${name}@${version} installed, ${packedVersions[name]} was packed`);
}
const nested = join(modules, "@wwsapi/async-execute/node_modules/@wwsapi/core");
if (existsSync(nested)) problems.push("a second @wwsapi/core is nested under @wwsapi/async-execute/node_modules");
const lock = JSON.parse(readFileSync(join(consumer, "package-lock.json"), "utf8"));
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (path.includes("@wwsapi/") && typeof entry.resolved === "string" && !entry.resolved.startsWith("file:")) {
    problems.push(`${path} was resolved from ${entry.resolved}, not from a packed tarball`);
  }
}
const ok = check("only @wwsapi/core and @wwsapi/async-execute, one copy of core, both from the tarballs", problems);
process.exitCode = ok ? 0 : 1;
