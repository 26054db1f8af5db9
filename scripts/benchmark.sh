#!/usr/bin/env bash
# tools/call through the hub vs. the same stdio upstream called directly, interleaved in one run;
# with --analyze, hub__analyze_prompt latency and when list_changed arrives;
# with --peer, the hub (run as the README runs it, bin/mcp-hub) against MCP Hub 4.2.1 (installed from the npm registry
# into a temp dir) with the same TypeScript SDK client and the same stdio upstream (server-everything), interleaved rounds:
# hub CPU-ms per call, p50/p99, RSS, start time, and hub CPU of tools/list with 1,000 tools. Prints a Markdown table.
# usage: scripts/benchmark.sh [--calls N] [--rounds R] [--seconds S] [--jvm "OPTIONS"]
#        scripts/benchmark.sh --analyze [--calls N]
#        scripts/benchmark.sh --peer [--rounds R] [--seconds S]
#   BENCH_SKIP_BUILD=1: use gateway/target/mcp-hub.jar as built (else the script builds it first)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
esac
for arg in "$@"; do
  case "$arg" in
    --*) case "$arg" in
           --calls|--rounds|--seconds|--jvm|--jar|--fixture|--analyze|--peer|--catalog|--tasks|--tools) ;;
           *) echo "benchmark.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
         esac ;;
  esac
done
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests package

peer() {
  local rounds=3 seconds=10
  while [ $# -gt 0 ]; do
    case "$1" in
      --rounds) rounds=$2; shift 2 ;;
      --seconds) seconds=$2; shift 2 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  local node_dir=$PWD/gateway/src/test/node
  local load=$node_dir/bench/mcp-load.mjs
  local everything=$node_dir/node_modules/@modelcontextprotocol/server-everything/dist/index.js
  [ -f "$everything" ] || { echo "run npm ci in gateway/src/test/node first" >&2; exit 1; }
  tmp=$(mktemp -d)
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$tmp"' EXIT
  echo "installing mcp-hub@4.2.1 into $tmp ..." >&2
  npm install --prefix "$tmp/peer" --no-audit --no-fund --loglevel=error mcp-hub@4.2.1 >&2
  # mcp-hub fetches a marketplace registry at start unless its cache is fresh: seed a placeholder so it stays offline
  local home=$tmp/peer-home
  mkdir -p "$home/data/mcp-hub/cache" "$home/state" "$home/config"
  node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({ registry: { version: "offline-seed",
    generatedAt: 0, totalServers: 0, servers: [] }, lastFetchedAt: Date.now() + 10 * 365 * 864e5, serverDocumentation: {} }))' \
    "$home/data/mcp-hub/cache/registry.json"
  printf '{"mcpServers": {"everything": {"command": "node", "args": ["%s"]}}}\n' "$everything" > "$tmp/config.json"
  node -e 'const tools = Array.from({ length: 1000 }, (_, i) => ({ name: "tool_" + i, description: "Tool number " + i
    + " of the benchmark catalog: reads, writes and lists things", inputSchema: { type: "object", properties: {
    path: { type: "string", description: "where" }, limit: { type: "number" } }, required: ["path"] } }));
    require("fs").writeFileSync(process.argv[1], JSON.stringify({ servers: [{ name: "big", title: "Big", description: "1,000 tools", tools }] }))' \
    "$tmp/catalog.json"
  printf '{"mcpServers": {"big": {"command": "node", "args": ["%s", "%s", "big"]}}}\n' \
    "$PWD/gateway/src/test/resources/fixtures/catalog-server.mjs" "$tmp/catalog.json" > "$tmp/catalog-config.json"
  local ours_port peer_port list_port
  read -r ours_port peer_port list_port < <(node -e 'const net = require("net"); const ports = [];
    const next = () => { const s = net.createServer().listen(0, "127.0.0.1", () => { ports.push(s.address().port); s.close(() =>
      ports.length < 3 ? next() : console.log(ports.join(" "))); }); }; next();')

  # the first run after a build records bin/mcp-hub's class-data-sharing archive: do it once, as a user's first start would
  echo '{"mcpServers": {}}' > "$tmp/empty.json"
  bin/mcp-hub --no-watch --config "$tmp/empty.json" --port "$ours_port" > "$tmp/first.log" 2>&1 &
  local first=$!
  await "http://127.0.0.1:$ours_port/health" 'true'
  kill "$first"; wait "$first" || true

  # start both, each timed from spawn to healthy (ours: GET /health is 200 once every server is up; the peer:
  # /api/health says ready with its server connected)
  local t0 ours_start peer_start
  bin/mcp-hub --no-watch --config "$tmp/config.json" --port "$ours_port" > "$tmp/ours.log" 2>&1 &
  ours_pid=$!; pids+=("$ours_pid"); t0=$(date +%s%3N)
  await "http://127.0.0.1:$ours_port/health" 'true'
  ours_start=$(( $(date +%s%3N) - t0 ))
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" XDG_CONFIG_HOME="$home/config" \
    node "$tmp/peer/node_modules/mcp-hub/dist/cli.js" --port "$peer_port" --config "$tmp/config.json" > "$tmp/peer.log" 2>&1 &
  peer_pid=$!; pids+=("$peer_pid"); t0=$(date +%s%3N)
  await "http://127.0.0.1:$peer_port/api/health" \
    'j.state === "ready" && j.servers.length > 0 && j.servers.every(s => s.status === "connected")'
  peer_start=$(( $(date +%s%3N) - t0 ))
  sleep 2
  local ours_idle peer_idle
  ours_idle=$(rss "$ours_pid"); peer_idle=$(rss "$peer_pid")

  local results=$tmp/results.jsonl
  for round in $(seq "$rounds"); do
    for c in 1 16; do
      echo "round $round/$rounds, c=$c ..." >&2
      run ours sse "$ours_port" "$ours_pid" "$c" call everything__echo
      run peer sse "$peer_port" "$peer_pid" "$c" call everything__echo
      run ours streamable "$ours_port" "$ours_pid" "$c" call everything__echo
    done
  done

  bin/mcp-hub --no-watch --config "$tmp/catalog-config.json" --port "$list_port" > "$tmp/list.log" 2>&1 &
  list_pid=$!; pids+=("$list_pid")
  await "http://127.0.0.1:$list_port/health" 'true'
  for round in $(seq "$rounds"); do
    run ours-1000 streamable "$list_port" "$list_pid" 1 list ""
  done

  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds of ${seconds} s after 2 s warm-up;" \
    "upstream server-everything over stdio; client: the MCP TypeScript SDK (mcp-load.mjs)"
  echo
  node "$node_dir/bench/peer-table.mjs" "$results" "$ours_idle" "$peer_idle" "$ours_start" "$peer_start"
}

# polls URL every 20 ms until it answers 200 with a JSON body for which the JS expression (on j) is true; 120 s at most
await() {
  node -e 'const [url, test] = process.argv.slice(1); const deadline = Date.now() + 120000;
    const poll = async () => { try { const r = await fetch(url); if (r.ok) { const j = await r.json().catch(() => ({}));
      if (eval(test)) return; } } catch { /* not yet */ }
      if (Date.now() > deadline) { console.error("not healthy in 120 s: " + url); process.exit(1); } setTimeout(poll, 20); };
    poll();' "$1" "$2"
}

rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# run LABEL TRANSPORT PORT PID CONCURRENCY MODE TOOL: one mcp-load window, its JSON line labelled into $results
run() {
  local args=(-m "$6")
  [ -n "$7" ] && args+=(-t "$7" -a '{"message":"hello"}' --expect hello)
  node "$load" "http://127.0.0.1:$3/mcp" --transport "$2" -c "$5" -d "$seconds" -w 2 --pid "$4" --quiet "${args[@]}" \
    2>/dev/null | tail -1 | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      const j = JSON.parse(s); j.label = process.argv[1]; console.log(JSON.stringify(j)); })' "$1" >> "$results"
}

case "${1:-}" in
  --peer) shift; peer "$@"; exit ;;
esac
mvn -B -q -pl gateway -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
main=io.mcphub.gateway.bench.CallBenchmark
if [ "${1:-}" = "--analyze" ]; then main=io.mcphub.gateway.bench.AnalyzeBenchmark; shift; fi
java -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.classpath)" "$main" "$@"
