# Shared settings for murre's end-to-end server scripts; sourced, not run.
E2E=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=$E2E/run
NODE_VERSION=22.23.3
NODE_DIR=$E2E/bluesky/.node
VENV=$E2E/mastodon/.venv
PGDATA=$RUN/pgdata
PG_PORT=5433
PG_DB=murre_e2e
MASTODON_PORT=3000
# Postgres, Mastodon mock, and the Bluesky network (PLC, PDS, AppView,
# third-party PDS, bsync, Ozone, dataplane).
PORTS=(5433 3000 2582 2583 2584 2585 2586 2587 2588)
# Downloads and build caches stay inside the checkout.
export npm_config_cache=$E2E/.cache/npm
export npm_config_devdir=$E2E/.cache/node-gyp
export npm_config_update_notifier=false
export PIP_NO_CACHE_DIR=1

PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/pg_ctl" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi

die() { echo "e2e: $*" >&2; exit 1; }

# initdb and pg_ctl refuse to run as root: run them as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
