#!/usr/bin/env bash
# Starts murre's end-to-end servers on 127.0.0.1: a private Postgres (5433),
# the Bluesky network (PLC 2582, PDS 2583, AppView 2584, Ozone 2587) seeded by
# bluesky/harness.mjs, and the Mastodon API mock (3000). Writes run/bluesky.json
# and run/mastodon.json when they answer. Stop them with stop.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
t0=$SECONDS

[ -x "$NODE_DIR/bin/node" ] && [ -f "$E2E/bluesky/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ] ||
  die "the Bluesky harness is not installed: run tests/e2e/setup.sh"
[ -x "$VENV/bin/mastodon_mock" ] || die "mastodon-mock is not installed: run tests/e2e/setup.sh"
[ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL is not installed: run tests/e2e/setup.sh (apt-get install postgresql)"
command -v curl >/dev/null || die "curl is missing: apt-get install curl"

for port in "${PORTS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    holder=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n 1 || true)
    die "port $port is already in use${holder:+ by $holder}; stop that first (tests/e2e/stop.sh if it is ours)"
  fi
done

ok=0
trap '[ "$ok" = 1 ] || { echo "e2e: start failed, stopping what was started" >&2; bash "$E2E/stop.sh" >&2; }' EXIT
mkdir -p "$RUN"

fail() { # name log message
  echo "e2e: $1: $3; last lines of $2:" >&2
  tail -n 40 "$2" >&2 || true
  exit 1
}

wait_until() { # name pid log seconds command...
  local name=$1 pid=$2 log=$3 secs=$4 end=$((SECONDS + $4))
  shift 4
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail "$name" "$log" "exited before it was ready"
    ((SECONDS < end)) || fail "$name" "$log" "not ready after ${secs}s"
    sleep 0.2
  done
}

# --- Postgres: a private cluster, fresh database on every start --------------
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  rm -rf "$PGDATA"
  mkdir -p "$PGDATA"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDATA"; fi
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$RUN/initdb.log" 2>&1 ||
    fail postgres "$RUN/initdb.log" "initdb failed"
  cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
fi
: >"$RUN/postgres.log"
if [ "$(id -u)" = 0 ]; then chown postgres: "$RUN/postgres.log"; fi
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$RUN/postgres.log" -w -t 30 start >/dev/null ||
  fail postgres "$RUN/postgres.log" "pg_ctl start failed"
head -n 1 "$PGDATA/postmaster.pid" >"$RUN/postgres.pid"
psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
"${psql[@]}" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB" >/dev/null
echo "postgres ready on 127.0.0.1:$PG_PORT after $((SECONDS - t0))s"

# --- Bluesky network and Mastodon mock, each in its own process group ---------
cd "$E2E/bluesky"
PATH="$NODE_DIR/bin:$PATH" DB_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT/$PG_DB" E2E_RUN_DIR="$RUN" \
  setsid node harness.mjs >"$RUN/bluesky.log" 2>&1 </dev/null &
echo $! >"$RUN/bluesky.pid"

cd "$E2E/mastodon"
setsid "$VENV/bin/mastodon_mock" serve --in-memory --demo --host 127.0.0.1 --port "$MASTODON_PORT" \
  >"$RUN/mastodon.log" 2>&1 </dev/null &
echo $! >"$RUN/mastodon.pid"

mastodon_url=http://127.0.0.1:$MASTODON_PORT
wait_until mastodon "$(cat "$RUN/mastodon.pid")" "$RUN/mastodon.log" 30 \
  curl -fs -o /dev/null "$mastodon_url/api/v1/instance"
printf '{"url":"%s","tokens":{"ada":"ada_token","grace":"grace_token"}}\n' "$mastodon_url" >"$RUN/mastodon.json.tmp"
mv "$RUN/mastodon.json.tmp" "$RUN/mastodon.json"
echo "mastodon mock ready on $mastodon_url after $((SECONDS - t0))s"

wait_until bluesky "$(cat "$RUN/bluesky.pid")" "$RUN/bluesky.log" 120 \
  grep -qx READY "$RUN/bluesky.log"
echo "bluesky ready after $((SECONDS - t0))s: $(grep -o '"seeded_posts": [0-9]*' "$RUN/bluesky.json")"

ok=1
