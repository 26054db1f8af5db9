#!/usr/bin/env node
// The official TypeScript SDK v2 client (@modelcontextprotocol/client) against the hub, in prompt-based mode:
//
//   node sdk2-client.mjs --url http://127.0.0.1:PORT/mcp --era modern|legacy --prompt TEXT --tool NAME [--arguments JSON]
//
// modern: pinned to 2026-07-28 (no fallback). Lists the tools (config-only: no selection yet), calls
//   hub__analyze_prompt, expects NAME among the selected definitions and an exposureId, calls NAME through
//   hub__call_tool {name, arguments, exposureId}, then connects a second client to the view URL /mcp/views/{exposureId}
//   and expects its list to be exactly the selection plus the hub's meta tools, and calls NAME there directly.
// legacy: the same SDK with its default 2025 handshake (a session): analyze, then NAME is in the session's own
//   tools/list and is called directly.
//
// Prints one JSON summary line on stdout; exits 1 with {"error": ...} on the first failure.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const MODERN = '2026-07-28';
const META_PREFIX = 'hub__';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0 || index + 1 >= process.argv.length) {
    if (fallback === undefined) {
      throw new Error(`missing --${name}`);
    }
    return fallback;
  }
  return process.argv[index + 1];
}

function check(condition, message, details) {
  if (!condition) {
    throw Object.assign(new Error(message), { details });
  }
}

async function connect(url, era) {
  const versionNegotiation = era === 'modern' ? { mode: { pin: MODERN } } : { mode: 'legacy' };
  const client = new Client({ name: 'mcp-hub-sdk2-test', version: '1.0.0' }, { capabilities: {}, versionNegotiation });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

const names = (listed) => listed.tools.map((tool) => tool.name);
const textOf = (result) => (result.content ?? []).filter((block) => block.type === 'text').map((block) => block.text).join('\n');

/** A tool call's outcome: a tool error or a protocol error fails the run. */
async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  check(result.isError !== true, `${name} answered a tool error`, result);
  return { name, resultType: result.resultType, text: textOf(result) };
}

async function analyze(client, prompt, tool) {
  const analyzed = await client.callTool({ name: `${META_PREFIX}analyze_prompt`, arguments: { prompt } });
  check(analyzed.isError !== true, 'hub__analyze_prompt answered a tool error', analyzed);
  const structured = analyzed.structuredContent ?? {};
  const selected = (structured.tools ?? []).map((definition) => definition.name);
  check(selected.includes(tool), `${tool} is not among the selected tools`, structured);
  return { exposureId: structured.exposureId, selected, definition: structured.tools.find((definition) => definition.name === tool) };
}

async function modern(url, prompt, tool, args) {
  const client = await connect(url, 'modern');
  try {
    const protocolVersion = client.getNegotiatedProtocolVersion();
    check(protocolVersion === MODERN, `negotiated ${protocolVersion}, not ${MODERN}`);
    const tools = names(await client.listTools());
    const selection = await analyze(client, prompt, tool);
    check(typeof selection.exposureId === 'string' && selection.exposureId.length > 0, 'no structuredContent.exposureId', selection);
    check(selection.definition.inputSchema !== undefined, `the selected ${tool} has no inputSchema`, selection.definition);
    const viaHub = await call(client, `${META_PREFIX}call_tool`, { name: tool, arguments: args, exposureId: selection.exposureId });
    const listedAfter = names(await client.listTools());
    check(JSON.stringify(listedAfter) === JSON.stringify(tools), 'the modern tools/list changed after an analysis', { tools, listedAfter });
    const view = await openView(url, selection, tool, args);
    return { era: 'modern', protocolVersion, tools, analyze: { exposureId: selection.exposureId, selected: selection.selected }, call: viaHub, view };
  } finally {
    await client.close();
  }
}

/** The view URL is a server of its own whose list is the selection (plus the meta tools); its tools are called directly. */
async function openView(url, selection, tool, args) {
  const viewUrl = new URL(`views/${encodeURIComponent(selection.exposureId)}`, url.endsWith('/') ? url : `${url}/`).toString();
  const client = await connect(viewUrl, 'modern');
  try {
    const tools = names(await client.listTools());
    const upstream = tools.filter((name) => !name.startsWith(META_PREFIX));
    check(JSON.stringify([...upstream].sort()) === JSON.stringify([...selection.selected].sort()),
      'the view does not list exactly the selection (besides the meta tools)', { tools, selected: selection.selected });
    return { url: viewUrl, protocolVersion: client.getNegotiatedProtocolVersion(), tools, call: await call(client, tool, args) };
  } finally {
    await client.close();
  }
}

async function legacy(url, prompt, tool, args) {
  const client = await connect(url, 'legacy');
  try {
    const protocolVersion = client.getNegotiatedProtocolVersion();
    const tools = names(await client.listTools());
    const selection = await analyze(client, prompt, tool);
    const listedAfter = names(await client.listTools());
    check(listedAfter.includes(tool), `${tool} is not in the session's tools/list after the analysis`, listedAfter);
    return { era: 'legacy', protocolVersion, tools, analyze: { exposureId: selection.exposureId, selected: selection.selected },
      listedAfter, call: await call(client, tool, args) };
  } finally {
    await client.close();
  }
}

try {
  const url = option('url');
  const era = option('era', 'modern');
  const args = JSON.parse(option('arguments', '{}'));
  const run = era === 'modern' ? modern : era === 'legacy' ? legacy : undefined;
  check(run !== undefined, `--era ${era}: expected modern or legacy`);
  process.stdout.write(`${JSON.stringify(await run(url, option('prompt'), option('tool'), args))}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error.message, code: error.code, details: error.details })}\n`);
  process.exitCode = 1;
}
