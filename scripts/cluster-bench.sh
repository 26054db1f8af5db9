#!/usr/bin/env bash
# Cluster benchmark (docs/scaling.md): three hubs from the shaded jar, clustered on loopback, behind nginx round robin
# (examples/cluster), each in front of its own stdio server-everything; the bench client (gateway/src/test/node/bench)
# at -c CONCURRENCY through nginx, then the same against one unclustered hub behind the same nginx setup, then (with
# --kill) the cluster run again with one node killed with SIGKILL in the middle.
#   scripts/cluster-bench.sh [--concurrency 32] [--seconds 20] [--kill]
# Needs nginx on PATH and the jar (mvn -B -DskipTests package). Ports: 7100 (nginx), 7101-7103, 5801-5803, 7110.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=32
SECONDS_RUN=20
KILL=false
while [ $# -gt 0 ]; do
  case "$1" in
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --seconds) SECONDS_RUN="$2"; shift 2 ;;
    --kill) KILL=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
ROOT="$PWD"
JAR="$ROOT/gateway/target/mcp-hub.jar"
BENCH="$ROOT/gateway/src/test/node/bench/mcp-load.mjs"
export MCP_EVERYTHING="$ROOT/gateway/src/test/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
WORK="$(mktemp -d)"
PIDS=()
NGINX_PREFIX="$WORK/nginx"
cleanup() {
  [ -f "$NGINX_PREFIX/nginx.pid" ] && kill "$(cat "$NGINX_PREFIX/nginx.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_hub() { # config file, log file -> pid on stdout
  XDG_STATE_HOME="$WORK/state-$(basename "$1")" java -Xmx512m -jar "$JAR" --config "$1" --no-watch >"$2" 2>&1 &
  echo $!
}
await_log() { # log file, pattern
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; tail -20 "$1" >&2; exit 1
}
start_nginx() { # upstream ports...
  mkdir -p "$NGINX_PREFIX/tmp"
  local servers=""
  for port in "$@"; do servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'; done
  awk -v servers="$servers" '/server 127.0.0.1:710[123]/ { if (!done) { printf "%s", servers; done = 1 } next } { print }' \
    "$ROOT/examples/cluster/nginx.conf" >"$NGINX_PREFIX/nginx.conf"
  nginx -p "$NGINX_PREFIX" -c nginx.conf
}
stop_nginx() {
  kill "$(cat "$NGINX_PREFIX/nginx.pid")"; while [ -f "$NGINX_PREFIX/nginx.pid" ]; do sleep 0.1; done
}
warm() { # JIT warm-up of every node through the balancer (not measured): cold nodes would be compared with a warm one
  node "$BENCH" http://127.0.0.1:7100/mcp -c 8 -d $((SECONDS_RUN * 2)) -w 1 -t everything__echo --quiet >/dev/null || true
}
load() { # label, pids
  node "$BENCH" http://127.0.0.1:7100/mcp -c "$CONCURRENCY" -d "$SECONDS_RUN" -w 3 -t everything__echo \
    -a '{"message":"hello"}' --expect hello --pid "$2" --label "$1" --quiet --max-error-rate 1 | tail -1
}

echo "== three clustered nodes behind nginx (c=$CONCURRENCY, ${SECONDS_RUN}s)" >&2
NODE_PIDS=()
for i in 1 2 3; do
  pid=$(start_hub "$ROOT/examples/cluster/node-$i.json" "$WORK/node-$i.log"); PIDS+=("$pid"); NODE_PIDS+=("$pid")
done
for i in 1 2 3; do await_log "$WORK/node-$i.log" "listening on"; done
for i in 1 2 3; do await_log "$WORK/node-$i.log" "Members {size:3"; done
start_nginx 7101 7102 7103
CLUSTER_PIDS="$(IFS=,; echo "${NODE_PIDS[*]}")"
warm
load cluster-3 "$CLUSTER_PIDS"
# c=1: latency of a call whose session lives on another node (2 in 3 through round robin) against one node alone
CONCURRENCY_SAVED=$CONCURRENCY; CONCURRENCY=1
load cluster-3-c1 "$CLUSTER_PIDS"
CONCURRENCY=$CONCURRENCY_SAVED

if $KILL; then
  echo "== the same with node 1 killed (SIGKILL) after $((SECONDS_RUN / 2 + 3)) s" >&2
  ORPHANS=$(pgrep -P "${NODE_PIDS[0]}" || true)
  ( sleep $((SECONDS_RUN / 2 + 3)); kill -9 "${NODE_PIDS[0]}"; date +%s%3N >"$WORK/killed-at" ) &
  load cluster-3-kill "$(IFS=,; echo "${NODE_PIDS[*]:1}")" || true
  echo "{\"killedAtMs\": $(cat "$WORK/killed-at")}"
  for pid in $ORPHANS; do kill "$pid" 2>/dev/null || true; done  # its upstream, left without a parent
fi
stop_nginx
for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
wait "${NODE_PIDS[@]}" 2>/dev/null || true

echo "== one unclustered hub behind nginx" >&2
sed -e 's/"enabled": true/"enabled": false/' -e 's/"port": 7101/"port": 7110/' "$ROOT/examples/cluster/node-1.json" >"$WORK/single.json"
SINGLE=$(start_hub "$WORK/single.json" "$WORK/single.log"); PIDS+=("$SINGLE")
await_log "$WORK/single.log" "listening on"
start_nginx 7110
warm
load single "$SINGLE"
CONCURRENCY=1
load single-c1 "$SINGLE"
