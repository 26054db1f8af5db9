#!/usr/bin/env bash
# Staging smoke tests for a running mcp-hub: ten checks, each against the running hub, "N/10 passed", exit 0 only
# when all pass. One check makes a real analysis that the configured LLM provider must answer (not the heuristic
# fallback); when the fallback answers it says so, with the provider's last error.
# usage: scripts/staging-smoke-tests.sh [--url URL] [--verbose]
#   --url      the hub's base URL (default http://127.0.0.1:7000); MCP_HUB_TOKEN is sent as a bearer token if set
set -uo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:7000
verbose=0
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=${2:?--url needs a value}; shift 2 ;;
    --verbose) verbose=1; shift ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
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

# Runs one named probe (below) against the running hub; it prints what it saw, and fails with the reason.
probe() {
  HUB_URL="$url" PROBE="$1" node - <<'JS'
const base = process.env.HUB_URL;
const url = `${base}/mcp`;
const auth = process.env.MCP_HUB_TOKEN ? { Authorization: `Bearer ${process.env.MCP_HUB_TOKEN}` } : {};
const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...auth };
const PROMPT = 'List the files in the staging directory';
const messages = (text) => text.trim().startsWith('{') ? [JSON.parse(text)]
  : text.split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)));
async function get(path) {
  const response = await fetch(`${base}${path}`, { headers: auth, signal: AbortSignal.timeout(10000) });
  return { status: response.status, text: await response.text() };
}
async function json(path) {
  const { status, text } = await get(path);
  if (status !== 200) throw new Error(`GET ${path} answered HTTP ${status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}
async function post(body, session) {
  const response = await fetch(url, { method: 'POST', headers: session ? { ...headers, 'Mcp-Session-Id': session } : headers,
    body: JSON.stringify(body), signal: AbortSignal.timeout(30000) });
  return { response, messages: response.status === 202 ? [] : messages(await response.text()) };
}
let nextId = 1;
async function request(session, method, params) {
  const id = nextId++;
  const { response, messages: answers } = await post({ jsonrpc: '2.0', id, method, params }, session);
  const answer = answers.find((m) => m.id === id);
  if (!answer) throw new Error(`${method} answered HTTP ${response.status} without a response`);
  return answer;
}
const sessions = [];
async function open() {
  const init = await post({ jsonrpc: '2.0', id: nextId++, method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'smoke', version: '1' } } });
  const session = init.response.headers.get('mcp-session-id');
  if (!session) throw new Error(`initialize answered HTTP ${init.response.status}`);
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session);
  sessions.push(session);
  return session;
}
async function tools(session) {
  return (await request(session, 'tools/list', {})).result.tools.map((t) => t.name);
}
async function analyze(session, prompt = PROMPT) {
  const answer = await request(session, 'tools/call', { name: 'hub__analyze_prompt', arguments: { prompt } });
  if (answer.error) throw new Error(`hub__analyze_prompt: ${answer.error.message}`);
  if (answer.result.isError) throw new Error(`hub__analyze_prompt: ${answer.result.content[0].text}`);
  return answer.result.structuredContent;
}
async function exposed(session) {
  const result = await analyze(session);
  if (!result.exposedTools.length) throw new Error(`hub__analyze_prompt exposed nothing (${result.source}: ${result.reasoning})`);
  return result;
}
const lastError = (c) => c.lastError ? `last error (${c.lastErrorClass || 'error'} at ${c.lastErrorAt || '?'}): ${c.lastError}` : 'no error recorded';
const probes = {
  async health() {
    const { status, text } = await get('/health');
    const body = JSON.parse(text);
    const bad = (body.checks || []).filter((c) => c.status !== 'UP' || (c.data && c.data.degraded))
      .map((c) => `${c.id} ${c.data && (c.data.health || c.data.state) || c.status}: ${c.data && c.data.lastError || ''}`);
    if (status !== 200 || body.status !== 'UP') throw new Error(`HTTP ${status} ${body.status}; ${bad.join('; ')}`);
    return 'UP';
  },
  async servers() {
    const { servers } = await json('/api/servers');
    if (!servers.length) throw new Error('no MCP server is configured');
    const down = servers.filter((s) => s.status !== 'connected' && s.status !== 'disabled');
    if (down.length) throw new Error(down.map((s) => `${s.name} ${s.status}${s.error ? `: ${s.error}` : ''}`).join('; '));
    return servers.map((s) => `${s.name} ${s.status}`).join(', ');
  },
  async promptBased() {
    const stats = await json('/api/filtering/stats');
    if (stats.mode !== 'prompt-based') throw new Error(`the running hub filters in mode ${stats.mode}`);
    return `mode ${stats.mode}, threshold ${stats.threshold}`;
  },
  async providerHealthy() {
    const stats = await json('/api/filtering/stats');
    if (stats.provider === 'heuristic') throw new Error('no LLM provider is configured: the heuristic decides alone');
    const c = stats.categorizers[stats.provider] || {};
    if (c.state !== 'running') throw new Error(`${stats.provider} is not running: ${c.lastError || c.state}`);
    if ((c.health && c.health !== 'healthy') || (c.circuit && c.circuit !== 'CLOSED')) {
      throw new Error(`${stats.provider} is ${c.health}, circuit ${c.circuit}; ${lastError(c)}`);
    }
    return `${stats.provider} running, circuit ${c.circuit}`;
  },
  async providerAnswers() {
    const stats = await json('/api/filtering/stats');
    const provider = stats.provider;
    if (provider === 'heuristic') throw new Error('no LLM provider is configured: the heuristic decides alone');
    // a prompt of its own, so that the provider's answer cache cannot answer for it
    const result = await analyze(await open(), `${PROMPT} (smoke test ${new Date().toISOString()})`);
    if (result.source !== provider) {
      const c = (await json('/api/filtering/stats')).categorizers[provider] || {};
      const why = c.health && c.health !== 'healthy' ? lastError(c) : `${provider} scored no category at or above ${result.threshold}`;
      throw new Error(`answered by the ${result.source} fallback, not by ${provider}: ${why}`);
    }
    return `${provider} answered: ${result.exposedCategories.join(', ') || 'no category'} in ${result.latencyMs} ms`;
  },
  async metaOnly() {
    const names = await tools(await open());
    if (!names.includes('hub__analyze_prompt') || names.some((n) => !n.startsWith('hub__'))) throw new Error(`a new session lists: ${names.join(', ')}`);
    return names.join(', ');
  },
  async analyzeExposes() {
    const session = await open();
    const result = await exposed(session);
    const names = await tools(session);
    const missing = result.exposedTools.filter((n) => !names.includes(n));
    if (missing.length) throw new Error(`exposed but not listed: ${missing.join(', ')}`);
    return `${result.exposedTools.length} tools (${result.exposedCategories.join(', ')}, by ${result.source})`;
  },
  async isolation() {
    const result = await exposed(await open());
    const leaked = (await tools(await open())).filter((n) => result.exposedTools.includes(n));
    if (leaked.length) throw new Error(`another session sees: ${leaked.join(', ')}`);
    return `another session sees none of ${result.exposedTools.length} exposed tools`;
  },
  async hiddenTool() {
    const result = await exposed(await open());
    const other = await open();
    const tool = result.exposedTools[0];
    if ((await tools(other)).includes(tool)) throw new Error(`${tool} is visible to another session; not calling it`);
    const answer = await request(other, 'tools/call', { name: tool, arguments: {} });
    const message = answer.error ? answer.error.message : JSON.stringify(answer.result);
    if (!answer.error || !message.includes('hidden from this session')) throw new Error(`tools/call ${tool}: ${message}`);
    return `${tool}: ${message.slice(0, 80)}…`;
  },
  async metrics() {
    const { status, text } = await get('/metrics');
    if (status !== 200) throw new Error(`GET /metrics answered HTTP ${status}`);
    const wanted = ['mcp_hub_analyze_seconds_count', 'mcp_hub_sessions_active', 'mcp_hub_categorizer_health'];
    const missing = wanted.filter((name) => !text.includes(name));
    if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
    const unhealthy = text.split('\n').filter((l) => l.startsWith('mcp_hub_categorizer_health{') && !l.endsWith(' 0.0'));
    if (unhealthy.length) throw new Error(unhealthy.join('; '));
    return `${wanted.join(', ')} present`;
  },
};
(async () => {
  try {
    console.log(await probes[process.env.PROBE]());
  } finally {
    await Promise.all(sessions.map((session) => fetch(url, { method: 'DELETE', headers: { ...headers, 'Mcp-Session-Id': session } })
      .catch(() => undefined)));
  }
})().catch((e) => { console.log(e.cause ? `${e.message}: ${e.cause.message || e.cause}` : e.message); process.exit(1); });
JS
}

check "hub health is UP at $url/health" probe health
check "every MCP server is connected" probe servers
check "the running hub filters prompt-based" probe promptBased
check "the LLM provider runs with its circuit closed" probe providerHealthy
check "the LLM provider answers a live analysis (not the fallback)" probe providerAnswers
check "a new MCP session lists only the meta tools" probe metaOnly
check "hub__analyze_prompt exposes tools to the session that asked" probe analyzeExposes
check "another session does not see them" probe isolation
check "a tool hidden from a session is answered \"hidden\", not \"unknown\"" probe hiddenTool
check "/metrics serves the hub's metrics, every categorizer healthy" probe metrics
echo "$passed/$total passed"
[ "$passed" = "$total" ]
