// An MCP 2026-07-28 server for the hub's upstream-era tests, built on the v2 TypeScript SDK (@modelcontextprotocol/server).
//
//   node modern-server.mjs <modern|dual> [port]
//
// modern: modern-only (`legacy: 'reject'`): `initialize` gets 400 -32022 with data.supported ["2026-07-28"].
// dual:   dual-era (`legacy: 'stateless'`): 2025 clients are served too, but see fewer tools.
// shy:    modern-only, but its first `server/discover` gets a plain 404 (a probe that fails for some passing reason).
//
// Tools: `echo` (both eras); `modern_only` (listed only on the modern path); `confirm` (answers input_required with
// an elicitation, completes on the retry that carries the accepted answer); `regional` (its `region` parameter is
// declared `x-mcp-header: Region`, so a request without the matching `Mcp-Param-Region` header is refused -32020);
// `add_tool` (adds a tool `extra_<n>` and notifies the `subscriptions/listen` streams that the tool list changed);
// `quiet_change` (adds a tool without telling anyone, and drops every open listen stream, as a restart would);
// `bad_header` (an invalid x-mcp-header declaration); `slow` (never answers); `aborted` (how many requests the client abandoned by closing their connection).
// Prints `listening <port>` once it accepts connections. Plain node:http on 127.0.0.1.
import http from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema, inputRequired, acceptedContent } from '@modelcontextprotocol/server';

const mode = process.argv[2] ?? 'modern';
const port = Number(process.argv[3] ?? 0);
let extraTools = 0;
let aborted = 0;
let shyProbeRefused = false;
const listenResponses = new Set();

const text = (value) => ({ content: [{ type: 'text', text: value }] });
const object = (properties, required = []) => fromJsonSchema({ type: 'object', properties, required });

function build(ctx) {
  const server = new McpServer({ name: `modern-fixture-${mode}`, version: '1.0.0' },
      { capabilities: { tools: { listChanged: true } }, instructions: 'A fixture that speaks MCP 2026-07-28.' });
  server.registerTool('echo', { description: 'Echoes its text', inputSchema: object({ text: { type: 'string' } }, ['text']) },
      async ({ text: value }) => text(`echo: ${value}`));
  if (ctx.era === 'modern') {
    server.registerTool('modern_only', { description: 'Listed only to 2026-07-28 clients', inputSchema: object({}) },
        async () => text('modern only'));
    server.registerTool('confirm', { description: 'Asks the user to confirm, then answers', inputSchema: object({ what: { type: 'string' } }) },
        async ({ what }, toolCtx) => {
          const answer = acceptedContent(toolCtx.mcpReq.inputResponses, 'confirm');
          if (answer?.confirm !== true) {
            return inputRequired({
              inputRequests: {
                confirm: inputRequired.elicit({
                  message: `Really ${what}?`,
                  requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] }
                })
              },
              requestState: `round-1:${what}`
            });
          }
          return text(`confirmed ${what} (state ${toolCtx.mcpReq.requestState() ?? 'none'})`);
        });
    server.registerTool('regional', {
      description: 'Routed by region',
      inputSchema: object({ region: { type: 'string', 'x-mcp-header': 'Region' }, query: { type: 'string' } }, ['region'])
    }, async ({ region }) => text(`region ${region}`));
    server.registerTool('add_tool', { description: 'Adds a tool and announces the change', inputSchema: object({}) },
        async () => {
          extraTools++;
          setImmediate(() => handler.notify.toolsChanged());
          return text(`added extra_${extraTools}`);
        });
    server.registerTool('quiet_change', { description: 'Adds a tool unannounced and drops the listen streams', inputSchema: object({}) },
        async () => {
          extraTools++;
          setImmediate(() => listenResponses.forEach((listening) => listening.destroy()));
          return text(`quietly added extra_${extraTools}`);
        });
    server.registerTool('bad_header', {
      description: 'Declares x-mcp-header on a number, which the spec forbids: a client must leave this tool out',
      inputSchema: object({ ratio: { type: 'number', 'x-mcp-header': 'Ratio' } })
    }, async () => text('should not be callable'));
    server.registerTool('slow', { description: 'Never answers', inputSchema: object({}) }, () => new Promise(() => {}));
    server.registerTool('aborted', { description: 'Requests abandoned by the client', inputSchema: object({}) },
        async () => text(`aborted ${aborted}`));
    for (let i = 1; i <= extraTools; i++) {
      server.registerTool(`extra_${i}`, { description: `Extra tool ${i}`, inputSchema: object({}) }, async () => text(`extra ${i}`));
    }
  }
  return server;
}

const handler = createMcpHandler(build, { legacy: mode === 'dual' ? 'stateless' : 'reject' });

const httpServer = http.createServer(async (req, res) => {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) {
      aborted++;
    }
    abort.abort();
  });
  try {
    const chunks = [];
    for await (const chunk of req) {
      chunks.push(chunk);
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    if (mode === 'shy' && !shyProbeRefused && body?.toString().includes('"server/discover"')) {
      shyProbeRefused = true;
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
      return;
    }
    if (body?.toString().includes('"subscriptions/listen"')) {
      listenResponses.add(res);
      res.on('close', () => listenResponses.delete(res));
    }
    const request = new Request(`http://127.0.0.1:${httpServer.address().port}${req.url}`,
        { method: req.method, headers, body, signal: abort.signal });
    const response = await handler.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    if (response.body) {
      for await (const chunk of response.body) {
        res.write(chunk);
      }
    }
    res.end();
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
    }
    res.end(String(error));
  }
});

httpServer.listen(port, '127.0.0.1', () => console.log(`listening ${httpServer.address().port}`));
