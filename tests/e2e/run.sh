#!/usr/bin/env bash
# The end-to-end tier in one command: install what it needs, start the real servers, run every
# e2e test (tests/e2e*.rs, listed in FILES below) against them, stop the servers. Fails if the
# servers do not come up, if any e2e test fails, or if fewer e2e tests ran than the files declare.
set -euo pipefail
E2E=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$E2E/../.." && pwd)
cd "$ROOT"

bash "$E2E/setup.sh"
# Build before starting the servers, so their start-up is not slowed by the compiler.
FILES=(e2e e2e_interact e2e_publish e2e_tui e2e_views e2e_live e2e_search e2e_feeds)
TARGETS=()
for f in "${FILES[@]}"; do TARGETS+=(--test "$f"); done
cargo test --locked "${TARGETS[@]}" --no-run

trap 'bash "$E2E/stop.sh"' EXIT
bash "$E2E/start.sh"

declared=$(for f in "${FILES[@]}"; do cat "tests/$f.rs"; done | grep -c '^#\[ignore = "needs the e2e servers')
log=$(mktemp)
set +e
cargo test --locked "${TARGETS[@]}" -- --ignored --test-threads 4 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One "test result" line per test file: add them up.
passed=$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed;.*/\1/p' "$log" | awk '{ n += $1 } END { print n + 0 }')
rm -f "$log"
[ "$status" = 0 ] || { echo "e2e: tests failed" >&2; exit 1; }
[ "${passed:-0}" = "$declared" ] || { echo "e2e: ${passed:-0} tests passed but tests/e2e*.rs declare $declared" >&2; exit 1; }
echo "e2e: all $declared end-to-end tests passed against the real servers"
