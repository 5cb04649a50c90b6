#!/usr/bin/env bash
# Records raw JSON responses from the running end-to-end servers into
# tests/fixtures/bluesky/ and tests/fixtures/mastodon-mock/. Start the servers
# with start.sh first. Re-runnable: files are overwritten.
set -euo pipefail
source "$(dirname "$0")/env.sh"

[ -f "$RUN/bluesky.json" ] && [ -f "$RUN/mastodon.json" ] ||
  die "the servers are not running: run tests/e2e/start.sh first"
[ -x "$NODE_DIR/bin/node" ] || die "Node $NODE_VERSION is not installed: run tests/e2e/setup.sh"
"$NODE_DIR/bin/node" "$E2E/record-fixtures.mjs"
