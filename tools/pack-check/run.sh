#!/usr/bin/env bash
# pack-check ("pick and choose"): packs every published package the way `pnpm publish` would,
# checks what each tarball ships, then installs only @wwsapi/core and @wwsapi/async-execute from
# their tarballs into an empty npm project and runs a strict TypeScript consumer against them.
#
#   pnpm pack:check        (or: bash tools/pack-check/run.sh)
#
# Needs the workspace built (`pnpm build`; run here if a dist is missing) and the npm registry
# (for typescript and @types/node in the consumer project). Exits 1 if any check fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
START=$SECONDS

PACK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pack-check-tarballs.XXXXXX")"
CONSUMER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pack-check-consumer.XXXXXX")"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/pack-check-scratch.XXXXXX")"
cleanup() { rm -rf "$PACK_DIR" "$CONSUMER_DIR" "$SCRATCH"; }
trap cleanup EXIT

RESULTS="$SCRATCH/results.tsv" # one "PASS|FAIL<TAB>label" line per check
: >"$RESULTS"

pass() { printf 'PASS\t%s\n' "$1" >>"$RESULTS"; printf '    ok    %s\n' "$1"; }
# fail LABEL [LOG]: records a failure and shows the end of LOG.
fail() {
  printf 'FAIL\t%s\n' "$1" >>"$RESULTS"
  printf '    FAIL  %s\n' "$1"
  if [[ -n "${2:-}" && -s "$2" ]]; then tail -n 25 "$2" | sed 's/^/            | /'; fi
}
section() { printf '\n== %s\n' "$1"; }
human_size() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MiB", b / 1048576; else if (b >= 1024) printf "%.1f KiB", b / 1024; else printf "%d B", b }'; }

echo "pack-check: $ROOT"

# --- 1. build --------------------------------------------------------------------------------------

section "build"
PACKAGE_DIRS=()
for manifest in "$ROOT"/packages/*/package.json; do
  if [[ "$(node -p 'require(process.argv[1]).private === true' "$manifest")" != "true" ]]; then
    PACKAGE_DIRS+=("$(dirname "$manifest")")
  fi
done
missing_dist=()
for dir in "${PACKAGE_DIRS[@]}"; do
  [[ -f "$dir/dist/index.js" ]] || missing_dist+=("${dir#"$ROOT"/}")
done
if [[ ! -f "$ROOT/packages/core/dist/index.js" || ${#missing_dist[@]} -gt 0 ]]; then
  echo "  no dist in: ${missing_dist[*]}; running pnpm build"
  (cd "$ROOT" && pnpm build)
else
  echo "  packages/*/dist present; using the existing build (run pnpm build first if sources changed)"
fi

# --- 2. pack every published package and check each tarball ----------------------------------------

section "pack: ${#PACKAGE_DIRS[@]} published packages (pnpm pack, publishConfig applied)"
declare -A TARBALL=()
VERSIONS="$SCRATCH/packed-versions.json"
node -e '
  const out = {};
  for (const dir of process.argv.slice(1)) { const m = require(dir + "/package.json"); out[m.name] = m.version; }
  process.stdout.write(JSON.stringify(out));
' "${PACKAGE_DIRS[@]}" >"$VERSIONS"

for dir in "${PACKAGE_DIRS[@]}"; do
  name="$(node -p 'require(process.argv[1]).name' "$dir/package.json")"
  slug="${name//[@\/]/_}"
  log="$SCRATCH/pack-$slug.log"
  if (cd "$dir" && pnpm pack --pack-destination "$PACK_DIR" --json) >"$SCRATCH/pack-$slug.json" 2>"$log"; then
    file="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).filename)' "$SCRATCH/pack-$slug.json" 2>>"$log" || true)"
    if [[ -n "$file" && "$file" != /* ]]; then file="$PACK_DIR/$(basename "$file")"; fi
  else
    file=""
    cat "$SCRATCH/pack-$slug.json" >>"$log"
  fi
  if [[ -n "$file" && -f "$file" ]]; then
    TARBALL[$name]="$file"
    bytes="$(stat -c %s "$file")"
    count="$(tar tzf "$file" | wc -l)"
    printf '  %-24s %-36s %10s  %3d files\n' "$name" "$(basename "$file")" "$(human_size "$bytes")" "$count"
  else
    fail "$name: pnpm pack produced a tarball" "$log"
  fi
done

section "tarball contents"
for dir in "${PACKAGE_DIRS[@]}"; do
  name="$(node -p 'require(process.argv[1]).name' "$dir/package.json")"
  [[ -n "${TARBALL[$name]:-}" ]] || continue
  echo "  $name"
  unpacked="$SCRATCH/unpacked/${name//[@\/]/_}"
  mkdir -p "$unpacked"
  if ! tar xzf "${TARBALL[$name]}" -C "$unpacked"; then
    fail "$name: tarball unpacks"
    continue
  fi
  # verify-tarball.mjs records its own checks in $RESULTS; its exit code only repeats them.
  node "$HERE/verify-tarball.mjs" "$unpacked" "$RESULTS" "$VERSIONS" || true
done

# --- 3. install only core + async-execute into an empty project -------------------------------------

CORE_TGZ="${TARBALL[@wwsapi/core]:-}"
ASYNC_TGZ="${TARBALL[@wwsapi/async-execute]:-}"
section "install into an empty npm project: the @wwsapi/core and @wwsapi/async-execute tarballs only"
installed=false
if [[ -z "$CORE_TGZ" || -z "$ASYNC_TGZ" ]]; then
  fail "install: the @wwsapi/core and @wwsapi/async-execute tarballs exist"
else
  log="$SCRATCH/npm-install.log"
  if (
    cd "$CONSUMER_DIR" &&
      npm init -y &&
      npm install --no-audit --no-fund "$CORE_TGZ" "$ASYNC_TGZ" &&
      npm install --no-audit --no-fund --save-dev typescript@5.9.3 "@types/node@20"
  ) >"$log" 2>&1; then
    installed=true
    pass "install: npm install <core.tgz> <async-execute.tgz> (+ typescript@5.9.3, @types/node@20 as dev dependencies)"
    node -e '
      const m = require(process.argv[1] + "/package.json");
      const v = (n) => require(process.argv[1] + "/node_modules/" + n + "/package.json").version;
      const deps = Object.keys(m.dependencies ?? {}).map((n) => `${n}@${v(n)} (${m.dependencies[n].replace(/^file:.*\//, "file:")})`);
      const dev = Object.keys(m.devDependencies ?? {}).map((n) => `${n}@${v(n)}`);
      console.log("          dependencies:    " + deps.join(", "));
      console.log("          devDependencies: " + dev.join(", "));
    ' "$CONSUMER_DIR"
    node "$HERE/check-install.mjs" "$CONSUMER_DIR" "$RESULTS" "$VERSIONS" || true
  else
    fail "install: npm install <core.tgz> <async-execute.tgz> (+ typescript@5.9.3, @types/node@20 as dev dependencies)" "$log"
  fi
fi

# --- 4. the consumer program -------------------------------------------------------------------------

section "consumer program (tools/pack-check/consumer/main.mts: tsc strict, module NodeNext, skipLibCheck false)"
if [[ "$installed" == true ]]; then
  cp "$HERE/consumer/main.mts" "$HERE/consumer/tsconfig.json" "$CONSUMER_DIR/"
  tsc="$CONSUMER_DIR/node_modules/.bin/tsc"
  log="$SCRATCH/tsc.log"
  if (cd "$CONSUMER_DIR" && "$tsc" --noEmit -p .) >"$log" 2>&1; then
    pass "consumer: tsc --noEmit type-checks main.mts against the shipped .d.ts files"
    emit_flags=()
  else
    fail "consumer: tsc --noEmit type-checks main.mts against the shipped .d.ts files" "$log"
    emit_flags=(--noEmitOnError false) # still run it, to see which behaviour works
  fi
  log="$SCRATCH/tsc-emit.log"
  if (cd "$CONSUMER_DIR" && "$tsc" -p . "${emit_flags[@]}") >"$log" 2>&1 || [[ -f "$CONSUMER_DIR/out/main.mjs" ]]; then
    out="$SCRATCH/consumer.out"
    status=0
    (cd "$CONSUMER_DIR" && timeout 60 node out/main.mjs) >"$out" 2>&1 || status=$?
    while IFS= read -r line; do
      case "$line" in
        PASS$'\t'*) pass "consumer: ${line#*$'\t'}" ;;
        FAIL$'\t'*) fail "consumer: ${line#*$'\t'}" ;;
        *) printf '          %s\n' "$line" ;;
      esac
    done <"$out"
    if [[ $status -eq 0 ]]; then
      pass "consumer: node out/main.mjs exits 0"
    else
      fail "consumer: node out/main.mjs exits 0 (exit code $status)"
    fi
  else
    fail "consumer: tsc compiles main.mts to out/main.mjs" "$log"
  fi
else
  fail "consumer: not run (the install failed)"
fi

# --- 5. summary -------------------------------------------------------------------------------------

passed="$(grep -c '^PASS' "$RESULTS" || true)"
failed="$(grep -c '^FAIL' "$RESULTS" || true)"
section "summary ($((SECONDS - START)) s)"
echo "  packed:    ${#TARBALL[@]} of ${#PACKAGE_DIRS[@]} published packages"
echo "  installed: @wwsapi/core, @wwsapi/async-execute (from the tarballs), typescript@5.9.3, @types/node@20"
if grep -q '^WARN' "$RESULTS"; then
  echo "  warnings (not counted as failures):"
  # Same warning in several packages: listed once, with the packages (or "all N packages").
  node -e '
    const [file, total] = process.argv.slice(1);
    const byText = new Map();
    for (const line of require("fs").readFileSync(file, "utf8").split("\n")) {
      const [kind, name, text] = line.split("\t");
      if (kind === "WARN") byText.set(text, [...(byText.get(text) ?? []), name]);
    }
    for (const [text, names] of byText) {
      const where = names.length === Number(total) ? `all ${total} packages` : names.join(", ");
      console.log(`    - ${text} [${where}]`);
    }
  ' "$RESULTS" "${#TARBALL[@]}"
fi
if [[ "$failed" -gt 0 ]]; then
  echo "  failed checks:"
  grep '^FAIL' "$RESULTS" | cut -f2- | sed 's/^/    - /'
fi
echo "pack-check: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
