#!/usr/bin/env bash
# Stops murre's end-to-end servers: each process group by its PID file (TERM,
# then KILL after a deadline), then Postgres. Safe when nothing is running.
set -euo pipefail
source "$(dirname "$0")/env.sh"

stop_group() { # name
  local pidfile=$RUN/$1.pid pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 -- "-$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    local end=$((SECONDS + 20))
    while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < end)); do sleep 0.2; done
    if kill -0 -- "-$pid" 2>/dev/null; then
      echo "e2e: $1 (group $pid) ignored TERM for 20s: killing" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    echo "stopped $1"
  fi
  rm -f "$pidfile"
}

stop_group bluesky
stop_group mastodon

if [ -f "$PGDATA/postmaster.pid" ] && [ -x "$PG_BIN/pg_ctl" ]; then
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" stop -m fast -w -t 30 >/dev/null && echo "stopped postgres"
fi
rm -f "$RUN/postgres.pid" "$RUN/bluesky.json" "$RUN/mastodon.json"
