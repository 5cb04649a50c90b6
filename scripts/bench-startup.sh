#!/usr/bin/env bash
# Startup and memory of murre, side by side with `toot tui`, on the same local servers.
#
# For each client and run: launch it in a fresh tmux session (160x50), poll the screen every few
# milliseconds, and record launch -> first frame (anything drawn) and launch -> first post (a marker
# status posted just before) on screen, then its peak memory (VmHWM). Prints every run, the medians
# and murre's ratio to toot. murre runs three ways: against mastodon-mock alone (the same server and
# account as toot), against mastodon-mock plus the Bluesky reference stack (merged), and `--demo`.
#
#   scripts/bench-startup.sh            # RUNS=7 by default
#   RUNS=3 scripts/bench-startup.sh
#
# Installs what it needs (the e2e servers through tests/e2e/setup.sh, toot in scripts/.venv-toot),
# builds murre in release mode, and starts and stops the servers itself (unless they already run).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-7}
WORK=$(mktemp -d)
VENV="$ROOT/scripts/.venv-toot"
MURRE="$ROOT/target/release/murre"

command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
echo "== building murre (release)" >&2
cargo build --release --locked -q
if [ ! -x "$VENV/bin/toot" ]; then
  echo "== installing toot 0.52.1 into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q toot==0.52.1
fi

started=0
if [ ! -f tests/e2e/run/mastodon.json ] || ! curl -fsS -o /dev/null http://127.0.0.1:3000/api/v1/instance; then
  bash tests/e2e/setup.sh >&2
  bash tests/e2e/start.sh >&2
  started=1
fi
cleanup() {
  tmux kill-session -t murre-bench 2>/dev/null || true
  [ "$started" = 1 ] && bash tests/e2e/stop.sh >&2
  rm -rf "$WORK"
}
trap cleanup EXIT

MASTO=$(python3 -c 'import json;print(json.load(open("tests/e2e/run/mastodon.json"))["url"])')
HOST=${MASTO#http://}
TOKEN=$(python3 -c 'import json;print(json.load(open("tests/e2e/run/mastodon.json"))["tokens"]["ada"])')
PDS=$(python3 -c 'import json;print(json.load(open("tests/e2e/run/bluesky.json"))["pds"])')
ALICE_PW=$(python3 -c 'import json;print(json.load(open("tests/e2e/run/bluesky.json"))["users"]["alice"]["password"])')

# The marker: a status by ada, newest in her home timeline for both clients.
MARKER="startmarker$(date +%s%N)"
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" --data-urlencode "status=$MARKER bench" "$MASTO/api/v1/statuses"

# murre: ada on mastodon-mock (the same account toot uses); and ada plus alice on Bluesky (merged).
"$MURRE" --config-dir "$WORK/murre-m" login mastodon "$MASTO" --token-stdin <<<"$TOKEN" >/dev/null
"$MURRE" --config-dir "$WORK/murre-mb" login mastodon "$MASTO" --token-stdin <<<"$TOKEN" >/dev/null
"$MURRE" --config-dir "$WORK/murre-mb" login bluesky alice.test --service "$PDS" --app-password-stdin <<<"$ALICE_PW" >/dev/null

# toot: the same account, written as toot's own config (as `toot login` would leave it).
mkdir -p "$WORK/toot/toot"
cat >"$WORK/toot/toot/config.json" <<JSON
{"apps": {"$HOST": {"instance": "$HOST", "base_url": "$MASTO", "client_id": "bench", "client_secret": "bench"}},
 "users": {"ada@$HOST": {"instance": "$HOST", "username": "ada", "access_token": "$TOKEN"}},
 "active_user": "ada@$HOST", "dismiss_tui_deprecation_notice": true}
JSON

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# measure NAME WANT COMMAND [LOG]: prints "first_frame_ms first_post_ms peak_kb inner_frame_ms
# inner_post_ms" (-1 when not seen in 20 s; the inner times are murre's own, from its log).
measure() {
  local want=$2 cmd=$3 log=${4:-} t0 frame=-1 post=-1 pid hwm=-1 screen inner_frame=-1 inner_post=-1
  if [ -n "$log" ]; then rm -f "$log"; fi
  tmux kill-session -t murre-bench 2>/dev/null || true
  t0=$(now_ms)
  tmux new-session -d -s murre-bench -x 160 -y 50 "$cmd"
  pid=$(tmux display -p -t murre-bench '#{pane_pid}')
  while [ $(($(now_ms) - t0)) -lt 20000 ]; do
    screen=$(tmux capture-pane -p -t murre-bench 2>/dev/null || true)
    if [ "$frame" = -1 ] && [ -n "$(tr -d '[:space:]' <<<"$screen")" ]; then frame=$(($(now_ms) - t0)); fi
    if grep -q "$want" <<<"$screen"; then post=$(($(now_ms) - t0)); break; fi
    sleep 0.003
  done
  sleep 0.5 # let it settle before reading its peak
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo -1)
  tmux kill-session -t murre-bench 2>/dev/null || true
  if [ -n "$log" ] && [ -f "$log" ]; then
    inner_frame=$(sed -n 's/.*first frame drawn \([0-9.]*\) ms.*/\1/p' "$log" | tail -n 1)
    inner_post=$(sed -n 's/.*first post on screen \([0-9.]*\) ms.*/\1/p' "$log" | tail -n 1)
  fi
  echo "$frame $post $hwm ${inner_frame:--1} ${inner_post:--1}"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print -1}'; }

declare -A CMD=(
  [toot]="env XDG_CONFIG_HOME=$WORK/toot $VENV/bin/toot tui"
  [murre-cold]="exec sh -c 'rm -rf $WORK/murre-m/cache; exec $MURRE --config-dir $WORK/murre-m'"
  [murre]="$MURRE --config-dir $WORK/murre-m"
  [murre-merged]="$MURRE --config-dir $WORK/murre-mb"
  [murre-demo]="$MURRE --demo --config-dir $WORK/murre-demo"
)
declare -A WANT=([toot]="$MARKER" [murre-cold]="$MARKER" [murre]="$MARKER" [murre-merged]="$MARKER"
  [murre-demo]="Good morning")
declare -A LOG=([toot]="" [murre-cold]="$WORK/murre-m/state/murre.log" [murre]="$WORK/murre-m/state/murre.log"
  [murre-merged]="$WORK/murre-mb/state/murre.log" [murre-demo]="$WORK/murre-demo/state/murre.log")
# murre-cold starts without the timeline cache (as toot, which keeps none); murre, murre-merged and
# murre-demo start with the cache the previous run left (the everyday case).
ORDER=(toot murre-cold murre murre-merged murre-demo)

printf '%-14s %4s %12s %12s %10s %18s\n' client run first_frame first_post peak_MB "inner frame/post"
for ((i = 1; i <= RUNS; i++)); do
  for c in "${ORDER[@]}"; do # interleaved, so a noisy moment hits every client alike
    read -r frame post hwm iframe ipost < <(measure "$c" "${WANT[$c]}" "${CMD[$c]}" "${LOG[$c]}")
    echo "$c $frame $post $hwm $iframe $ipost" >>"$WORK/results"
    mb=$(awk -v k="$hwm" 'BEGIN {printf "%.1f", k / 1024}')
    printf '%-14s %4d %9s ms %9s ms %10s %10s/%s ms\n' "$c" "$i" "$frame" "$post" "$mb" "$iframe" "$ipost"
  done
done

col() { awk -v c="$1" -v n="$2" '$1 == c {print $n}' "$WORK/results" | median; }
echo
printf '%-14s %12s %12s %10s %18s\n' "median of $RUNS" first_frame first_post peak_MB "inner frame/post"
for c in "${ORDER[@]}"; do
  f=$(col "$c" 2) p=$(col "$c" 3) m=$(col "$c" 4) inf=$(col "$c" 5) inp=$(col "$c" 6)
  printf '%-14s %9s ms %9s ms %10s %10s/%s ms\n' "$c" "$f" "$p" "$(awk -v k="$m" 'BEGIN {printf "%.1f", k / 1024}')" "$inf" "$inp"
  echo "$c $f $p $m" >>"$WORK/medians"
done
read -r _ tf tp tm < <(grep '^toot ' "$WORK/medians")
echo
for c in murre-cold murre; do
  read -r _ mf mp mm < <(grep "^$c " "$WORK/medians")
  awk -v c="$c" -v tf="$tf" -v tp="$tp" -v tm="$tm" -v mf="$mf" -v mp="$mp" -v mm="$mm" 'BEGIN {
    printf "%s vs toot on the same mastodon-mock: first frame %.1fx faster, first post %.1fx faster, %.1fx less memory\n",
      c, tf / (mf > 0 ? mf : 1), tp / (mp > 0 ? mp : 1), tm / (mm > 0 ? mm : 1)
  }'
done
