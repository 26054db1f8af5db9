// Shared helpers for the bench scripts: find the pinned npm dependencies,
// load the MCP TypeScript SDK client, open sessions, compute statistics.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const SDK_MARKER = path.join("@modelcontextprotocol", "sdk", "package.json");

/** The project's pinned node_modules (gateway/src/test/node/node_modules, installed with npm ci), or $MCP_BENCH_NODE_MODULES. */
export function nodeModulesDir() {
  const dir = process.env.MCP_BENCH_NODE_MODULES || path.join(BENCH_DIR, "..", "node_modules");
  if (!existsSync(path.join(dir, SDK_MARKER))) {
    throw new Error(`MCP SDK not found in ${dir}: run npm ci in gateway/src/test/node first`);
  }
  return dir;
}

/** Import a file of the pinned SDK's ESM build, e.g. sdkImport("client/index.js"). */
export async function sdkImport(rel) {
  const file = path.join(nodeModulesDir(), "@modelcontextprotocol", "sdk", "dist", "esm", rel);
  return import(pathToFileURL(file).href);
}

export async function loadSdk() {
  const [client, streamable, sse, types] = await Promise.all([
    sdkImport("client/index.js"),
    sdkImport("client/streamableHttp.js"),
    sdkImport("client/sse.js"),
    sdkImport("types.js"),
  ]);
  return {
    Client: client.Client,
    StreamableHTTPClientTransport: streamable.StreamableHTTPClientTransport,
    SSEClientTransport: sse.SSEClientTransport,
    types,
  };
}

/**
 * Open one MCP client session (initialize + notifications/initialized).
 * transport: "streamable" | "sse" | "auto" (auto = Streamable HTTP, and on an
 * HTTP 4xx fall back to the deprecated HTTP+SSE transport, as the spec's
 * backwards-compatibility section describes).
 * Returns { client, transport, kind, connectMs }.
 */
export async function openSession(sdk, url, { transport = "streamable", name = "mcp-bench", onSetup } = {}) {
  const kinds = transport === "auto" ? ["streamable", "sse"] : [transport];
  let lastErr;
  for (const kind of kinds) {
    const client = new sdk.Client({ name, version: "1.0.0" }, { capabilities: {} });
    if (onSetup) onSetup(client);
    const t = kind === "sse"
      ? new sdk.SSEClientTransport(new URL(url))
      : new sdk.StreamableHTTPClientTransport(new URL(url));
    const t0 = performance.now();
    try {
      await client.connect(t);
      return { client, transport: t, kind, connectMs: performance.now() - t0 };
    } catch (e) {
      lastErr = e;
      try { await client.close(); } catch { /* ignore */ }
      const code = e && typeof e.code === "number" ? e.code : undefined;
      const is4xx = (code !== undefined && code >= 400 && code < 500) || /\b40[0-9]\b|Cannot POST/.test(String(e?.message));
      if (!(transport === "auto" && kind === "streamable" && is4xx)) break;
    }
  }
  throw lastErr;
}

/** Close a session politely: DELETE the Streamable HTTP session, then close. */
export async function closeSession(s) {
  if (!s) return;
  try {
    if (s.kind === "streamable" && s.transport.sessionId) await s.transport.terminateSession();
  } catch { /* server may not support DELETE; not an error for the benchmark */ }
  try { await s.client.close(); } catch { /* ignore */ }
}

/** Nearest-rank percentile of a sorted numeric array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values) {
  const s = Float64Array.from(values).sort();
  const r = (x) => (x === null ? null : Math.round(x * 1000) / 1000);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    min: r(s.length ? s[0] : null),
    mean: r(s.length ? sum / s.length : null),
    p50: r(percentile(s, 50)),
    p90: r(percentile(s, 90)),
    p99: r(percentile(s, 99)),
    max: r(s.length ? s[s.length - 1] : null),
  };
}

/** Tiny argv parser: spec = { long: { short, type: "string"|"number"|"bool", def } }. */
export function parseArgs(argv, spec, usage) {
  const opts = {};
  const positional = [];
  for (const [k, v] of Object.entries(spec)) opts[k] = v.def;
  const byShort = Object.fromEntries(Object.entries(spec).filter(([, v]) => v.short).map(([k, v]) => [v.short, k]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") { console.log(usage); process.exit(0); }
    let key;
    let val;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) val = a.slice(eq + 1);
    } else if (a.startsWith("-") && a.length > 1 && isNaN(Number(a))) {
      key = byShort[a.slice(1)];
      if (!key) die(`unknown option ${a}\n\n${usage}`);
    } else {
      positional.push(a);
      continue;
    }
    const def = spec[key];
    if (!def) die(`unknown option --${key}\n\n${usage}`);
    if (def.type === "bool") { opts[key] = val === undefined ? true : val !== "false"; continue; }
    if (val === undefined) {
      if (i + 1 >= argv.length) die(`option ${a} needs a value`);
      val = argv[++i];
    }
    if (def.type === "number") {
      const n = Number(val);
      if (!Number.isFinite(n)) die(`option ${a} needs a number, got ${val}`);
      opts[key] = n;
    } else {
      opts[key] = val;
    }
  }
  return { opts, positional };
}

export function die(msg, code = 2) {
  console.error(msg);
  process.exit(code);
}

export function errMessage(e) {
  if (!e) return "unknown error";
  let m = e.message || String(e);
  const cause = e.cause && (e.cause.code || e.cause.message);
  if (cause && !m.includes(cause)) m += ` (${cause})`;
  return m.replace(/\s+/g, " ").slice(0, 300);
}
