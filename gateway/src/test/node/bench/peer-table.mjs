// Reads the JSON lines scripts/benchmark.sh --peer wrote (one per mcp-load run, each with a "label" and a "transport")
// and prints the Markdown table: medians over the rounds, ours against MCP Hub 4.2.1 and the ratio.
// usage: node peer-table.mjs RESULTS.jsonl IDLE_RSS_OURS_KB IDLE_RSS_PEER_KB START_OURS_MS START_PEER_MS
import { readFileSync } from "node:fs";

const [file, idleOurs, idlePeer, startOurs, startPeer] = process.argv.slice(2);
const runs = readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));

const median = (values) => {
  const sorted = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const pick = (label, transport, mode, c, metric) =>
  median(runs.filter((r) => r.label === label && r.transport === transport && r.mode === mode && r.concurrency === c).map(metric));
const fmt = (v, digits = 3) => (v === null || v === undefined ? "-" : Number(v).toFixed(digits));
const ratio = (ours, peer) => (ours === null || peer === null || !peer ? "-" : `${(ours / peer).toFixed(2)}x`);

const rows = [];
const row = (figure, ours, peer, digits) => rows.push(`| ${figure} | ${fmt(ours, digits)} | ${fmt(peer, digits)} | ${ratio(ours, peer)} |`);
const cpu = (r) => r.server?.rootCpuMsPerCall;
const p50 = (r) => r.latencyMs?.p50;
const p99 = (r) => r.latencyMs?.p99;
const rss = (r) => (r.server?.rootRssKbMax ?? 0) / 1024;
for (const c of [1, 16]) {
  row(`hub CPU-ms per tools/call, c=${c}, SSE`, pick("ours", "sse", "call", c, cpu), pick("peer", "sse", "call", c, cpu));
  row(`hub CPU-ms per tools/call, c=${c}, Streamable HTTP (ours) vs SSE (peer)`,
    pick("ours", "streamable", "call", c, cpu), pick("peer", "sse", "call", c, cpu));
  row(`tools/call p50 ms, c=${c}, SSE`, pick("ours", "sse", "call", c, p50), pick("peer", "sse", "call", c, p50));
  row(`tools/call p99 ms, c=${c}, SSE`, pick("ours", "sse", "call", c, p99), pick("peer", "sse", "call", c, p99));
  row(`tools/call p50 ms, c=${c}, Streamable HTTP (ours)`, pick("ours", "streamable", "call", c, p50), null);
  row(`tools/call p99 ms, c=${c}, Streamable HTTP (ours)`, pick("ours", "streamable", "call", c, p99), null);
}
row("hub CPU-ms per tools/list of 1,000 tools, c=1, Streamable HTTP (ours)", pick("ours-1000", "streamable", "list", 1, cpu), null);
row("hub RSS MiB idle, 1 upstream", Number(idleOurs) / 1024, Number(idlePeer) / 1024, 0);
const maxRss = (label) => Math.max(0, ...runs.filter((r) => r.label === label).map(rss));
row("hub RSS MiB, most under load", maxRss("ours"), maxRss("peer"), 0);
row("spawn to healthy ms, 1 upstream", Number(startOurs), Number(startPeer), 0);

console.log("| figure (medians of the rounds) | this hub | MCP Hub 4.2.1 | ratio |");
console.log("|---|---|---|---|");
rows.forEach((r) => console.log(r));
