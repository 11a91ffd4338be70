#!/usr/bin/env bash
# Installs and builds the interop peers (tools/peers/README.md) on a Debian bookworm machine.
# Idempotent: a package already installed or a binary newer than its sources is skipped.
#
#   bash tools/peers/install.sh            # everything
#   PEERS="mono python" bash tools/peers/install.sh   # a subset: mono python gsoap node-soap
#
# Needs root (or sudo) for apt-get. node-soap is the `soap` package bench/ already depends on, so
# `pnpm install` must have run first. Prints what it did and how long each step took.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PEERS=${PEERS:-"mono python gsoap node-soap"}
export DEBIAN_FRONTEND=noninteractive

started=$(date +%s.%N)
summary=()
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
note() { summary+=("$1"); printf '[peers] %s\n' "$1"; }
wants() { [[ " $PEERS " == *" $1 "* ]]; }

SUDO=
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -E"; else echo "[peers] apt-get needs root or sudo" >&2; exit 1; fi
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# --- Debian packages ------------------------------------------------------------------------
packages=()
wants mono && packages+=(mono-complete)
wants python && packages+=(python3-zeep python3-spyne)
wants gsoap && packages+=(gsoap libgsoap-dev g++ libssl-dev zlib1g-dev)
missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]} == 0)); then
  note "apt: ${packages[*]:-nothing} already installed, skipped"
else
  t=$(now)
  $SUDO apt-get update -qq
  note "apt-get update: $(since "$t")"
  t=$(now)
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  note "apt-get install ${missing[*]}: $(since "$t")"
fi

# newer SRC... than TARGET? (true when TARGET is missing)
stale() {
  local target=$1
  shift
  [[ -e $target ]] || return 0
  for src in "$@"; do [[ $src -nt $target ]] && return 0; done
  return 1
}

# --- Mono WCF calculator --------------------------------------------------------------------
if wants mono; then
  if stale "$HERE/mono-wcf/Calc.exe" "$HERE/mono-wcf/Calc.cs" "$HERE/mono-wcf/build.sh"; then
    t=$(now)
    "$HERE/mono-wcf/build.sh" >/dev/null
    note "built mono-wcf/Calc.exe ($(mono --version | head -1 | sed 's/ (.*//')): $(since "$t")"
  else
    note "mono-wcf/Calc.exe up to date, skipped"
  fi
fi

# --- Python (Debian's interpreter: pyenv's python3 does not see python3-zeep / python3-spyne) --
if wants python; then
  versions=$(/usr/bin/python3 -c 'import zeep, spyne; print("zeep", zeep.__version__, "spyne", spyne.__version__)')
  note "python: /usr/bin/python3 has $versions"
fi

# --- gSOAP client and server ----------------------------------------------------------------
if wants gsoap; then
  g=$HERE/gsoap
  if stale "$g/calc_server" "$g/server.cpp" "$g/client.cpp" "$g/build.sh" "$HERE/wsdl/calc.wsdl" || [[ ! -x $g/calc_client ]]; then
    t=$(now)
    # g++ warns about OpenSSL 3.0 deprecations in gSOAP's plugins: the log is kept, shown on failure
    "$g/build.sh" >"$g/build.log" 2>&1 || { cat "$g/build.log" >&2; exit 1; }
    note "built gsoap/calc_client and gsoap/calc_server (gSOAP $(soapcpp2 -V 2>&1 | head -1)): $(since "$t")"
  else
    note "gsoap/calc_client and calc_server up to date, skipped"
  fi
fi

# --- node-soap: the `soap` package of bench/ (installed by pnpm install) ----------------------
if wants node-soap; then
  version=$(node -e 'console.log(require(require.resolve("soap/package.json", { paths: [process.argv[1]] })).version)' "$ROOT/bench" 2>/dev/null || true)
  if [[ -z $version ]]; then
    echo "[peers] node-soap: the soap package is not in bench/node_modules; run pnpm install first" >&2
    exit 1
  fi
  note "node-soap: soap $version from bench/node_modules"
fi

printf '\n[peers] done in %s:\n' "$(since "$started")"
printf '  - %s\n' "${summary[@]}"
