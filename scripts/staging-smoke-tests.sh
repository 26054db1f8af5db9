#!/usr/bin/env bash
# Staging smoke tests for a running mcp-hub: ten checks, "N/10 passed", exit 0 only when all pass.
# usage: scripts/staging-smoke-tests.sh [--url URL] [--config FILE] [--verbose]
#   --url      the hub's base URL (default http://127.0.0.1:7000); MCP_HUB_TOKEN is sent as a bearer token if set
#   --config   the config the hub runs (default conf/mcp-servers.staging.json)
set -uo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:7000
config=conf/mcp-servers.staging.json
verbose=0
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=${2:?--url needs a value}; shift 2 ;;
    --config) config=${2:?--config needs a value}; shift 2 ;;
    --verbose) verbose=1; shift ;;
    -h|--help) sed -n 2,5p "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
url=${url%/}
if [ -t 1 ]; then green=$'\e[32m'; red=$'\e[31m'; reset=$'\e[0m'; else green=; red=; reset=; fi
passed=0
total=0
check() { # check "name" command...
  local name=$1; shift
  total=$((total + 1))
  local output
  if output=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "${green}PASS${reset} $name"
  else
    echo "${red}FAIL${reset} $name"; [ -n "$output" ] && echo "     $output" | head -3
  fi
  [ "$verbose" = 1 ] && [ -n "$output" ] && echo "     $output" | head -10
  return 0
}
# reads a value of the config with a JavaScript expression over `c` (the parsed file)
setting() { node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = eval(process.argv[2]); if (v === undefined || v === null || v === false || v === "") process.exit(1); console.log(v)' "$config" "$1"; }

hub_health() { local body; body=$(curl -fsS --max-time 5 "$url/health") || return 1; echo "$body" | grep -q '"status":"UP"' || { echo "$body"; return 1; }; echo UP; }
config_exists() { [ -f "$config" ] && echo "$config" || { echo "$config not found"; return 1; }; }
prompt_based() { setting 'c.toolFiltering && c.toolFiltering.enabled !== false && c.toolFiltering.mode === "prompt-based" && c.toolFiltering.mode'; }
provider() { setting 'c.toolFiltering.llmCategorization && c.toolFiltering.llmCategorization.enabled && c.toolFiltering.llmCategorization.provider'; }
api_key_set() {
  local ref name; ref=$(setting 'c.toolFiltering.llmCategorization.apiKey') || { echo "no llmCategorization.apiKey"; return 1; }
  name=$(echo "$ref" | sed -n 's/^\${\(env:\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)}$/\2/p')
  [ -n "$name" ] || { echo "apiKey is not a \${VAR} reference"; return 1; }
  [ -n "${!name:-}" ] && echo "$name is set" || { echo "$name is not set"; return 1; }
}
isolation() { setting '(c.toolFiltering.promptBasedFiltering || {}).sessionIsolation !== false && "on"'; }
meta_only() { setting '((c.toolFiltering.promptBasedFiltering || {}).defaultExposure || "meta-only") === "meta-only" && "meta-only"'; }
mcp_session() {
  MCP_URL="$url/mcp" node - <<'JS'
const url = process.env.MCP_URL;
const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
if (process.env.MCP_HUB_TOKEN) headers.Authorization = `Bearer ${process.env.MCP_HUB_TOKEN}`;
const messages = (text) => text.trim().startsWith('{') ? [JSON.parse(text)]
  : text.split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)));
async function post(body, session) {
  const response = await fetch(url, { method: 'POST', headers: session ? { ...headers, 'Mcp-Session-Id': session } : headers, body: JSON.stringify(body) });
  return { response, messages: response.status === 202 ? [] : messages(await response.text()) };
}
(async () => {
  const init = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'smoke', version: '1' } } });
  const session = init.response.headers.get('mcp-session-id');
  if (!session) throw new Error(`initialize answered HTTP ${init.response.status}`);
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session);
  const tools = (await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, session)).messages.find((m) => m.id === 2).result.tools.map((t) => t.name);
  if (!tools.includes('hub__analyze_prompt') || tools.some((n) => !n.startsWith('hub__'))) throw new Error(`first tools/list: ${tools.join(', ')}`);
  const analyze = await post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'hub__analyze_prompt', arguments: { prompt: 'List the files in the staging directory' } } }, session);
  const result = analyze.messages.find((m) => m.id === 3).result.structuredContent;
  if (!result.exposedTools.length) throw new Error(`analyze exposed nothing: ${JSON.stringify(result.exposedCategories)}`);
  console.log(`meta tools only, then ${result.exposedTools.length} tools (${result.exposedCategories.join(', ')}, by ${result.source})`);
  await fetch(url, { method: 'DELETE', headers: { ...headers, 'Mcp-Session-Id': session } });
})().catch((e) => { console.log(e.message); process.exit(1); });
JS
}
test_command() {
  local version
  command -v mvn >/dev/null && version=$(mvn -B -v 2>&1) || { echo "mvn is not installed: the test command is mvn -B verify"; return 1; }
  echo "${version%%$'\n'*}"
}
log_dir() { local dir=${XDG_STATE_HOME:-$HOME/.local/state}/mcp-hub/logs; mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] && echo "$dir" || { echo "$dir is not writable"; return 1; }; }

check "hub health is UP at $url/health" hub_health
check "config file exists" config_exists
check "prompt-based filtering is enabled" prompt_based
check "an LLM provider is configured" provider
check "the API-key variable is set" api_key_set
check "session isolation is on" isolation
check "default exposure is meta-only" meta_only
check "an MCP session starts with meta tools and hub__analyze_prompt exposes tools" mcp_session
check "the test command is available" test_command
check "the log directory is writable" log_dir
echo "$passed/$total passed"
[ "$passed" = "$total" ]
