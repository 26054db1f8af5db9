#!/usr/bin/env node
// The upstream the conformance prerelease's `--requirements 2026-07-28` set is run against through the hub: a NATIVE
// 2026-07-28 server on the official TypeScript SDK v2 (@modelcontextprotocol/server), so multi-round-trip requests
// (SEP-2322 MRTR) are answered with input_required results whose inputRequests keys and requestState are the server's
// own, as the scenarios expect (`user_name`, `capital_question`, `step1`/`step2`, a requestState that changes per
// round and is HMAC-protected, so a tampered one is refused). It serves every fixture the 37 scored scenarios call
// (`conformance list --server`, payloads as their descriptions give them) and the diagnostic tools of
// server-stateless. 2025-era requests are served too (the SDK's stateless legacy leg; MRTR answered by its shim).
//
//   node conformance-fixture-2026.mjs --http PORT
//
// serves http://127.0.0.1:PORT/mcp (PORT 0: any free port; the first line on stdout says which).
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY, LOG_LEVEL_META_KEY, MissingRequiredClientCapabilityError, ProtocolError, ProtocolErrorCode, Server,
  acceptedContent, createMcpHandler, createRequestStateCodec, hostHeaderValidationResponse, inputRequired, inputResponse,
  localhostAllowedHostnames, originValidationResponse,
} from '@modelcontextprotocol/server';
import { PNG, WAV, complete, dynamicPrompt, dynamicTool, noArguments, promptMessages, readResource, sleep, text, user } from './fixture-content.mjs';

const NOT_FOUND = (uri) => new ProtocolError(ProtocolErrorCode.InvalidParams, `Resource not found: ${uri}`, { uri });

const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
// every round of a multi-round-trip call comes back to this process, so a per-process key is enough
const stateCodec = createRequestStateCodec({ key: randomBytes(32), ttlSeconds: 600, bind: (ctx) => ctx.mcpReq.method });

const tools = [
  { name: 'test_simple_text', description: 'Returns simple text content', inputSchema: noArguments },
  { name: 'test_image_content', description: 'Returns image content', inputSchema: noArguments },
  { name: 'test_audio_content', description: 'Returns audio content', inputSchema: noArguments },
  { name: 'test_embedded_resource', description: 'Returns an embedded resource', inputSchema: noArguments },
  { name: 'test_multiple_content_types', description: 'Returns text, image and resource content', inputSchema: noArguments },
  { name: 'test_tool_with_progress', description: 'Reports progress 0, 50 and 100 of 100', inputSchema: noArguments },
  { name: 'test_error_handling', description: 'Always fails with a tool error', inputSchema: noArguments },
  { name: 'json_schema_2020_12_tool', description: 'Tool with JSON Schema 2020-12 features',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } } },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    } },
  { name: 'test_custom_header', description: 'Echoes a region it asks clients to mirror into Mcp-Param-Region (x-mcp-header)',
    inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } }, required: ['region'] } },
  { name: 'test_input_required_result_elicitation', description: 'Asks the user their name (inputRequests key user_name)', inputSchema: noArguments },
  { name: 'test_input_required_result_sampling', description: 'Asks the client to sample an answer (key capital_question)', inputSchema: noArguments },
  { name: 'test_input_required_result_list_roots', description: "Asks for the client's roots (key client_roots)", inputSchema: noArguments },
  { name: 'test_input_required_result_request_state', description: 'Asks for a confirmation and checks its requestState', inputSchema: noArguments },
  { name: 'test_input_required_result_multiple_inputs', description: 'Asks for a name, a greeting and the roots at once', inputSchema: noArguments },
  { name: 'test_input_required_result_multi_round', description: 'Asks for a name, then for a colour (keys step1, step2)', inputSchema: noArguments },
  { name: 'test_input_required_result_tampered_state', description: 'Asks for a confirmation; refuses a tampered requestState', inputSchema: noArguments },
  { name: 'test_input_required_result_capabilities', description: 'Asks only for what the client declared it can answer', inputSchema: noArguments },
  { name: 'test_missing_capability', description: 'Needs sampling: fails with -32021 when the client did not declare it', inputSchema: noArguments },
  { name: 'test_streaming_elicitation', description: 'Asks the user for input', inputSchema: noArguments },
  { name: 'test_logging_tool', description: 'Sends three log messages while it runs', inputSchema: noArguments },
  { name: 'test_trigger_tool_change', description: 'Adds or removes test_dynamic_tool and announces the change', inputSchema: noArguments },
  { name: 'test_trigger_prompt_change', description: 'Adds or removes test_dynamic_prompt and announces the change', inputSchema: noArguments },
];

const prompts = [
  { name: 'test_simple_prompt', description: 'A prompt without arguments' },
  { name: 'test_prompt_with_arguments', description: 'A prompt with two arguments',
    arguments: [{ name: 'arg1', description: 'First test argument', required: true }, { name: 'arg2', description: 'Second test argument', required: true }] },
  { name: 'test_prompt_with_embedded_resource', description: 'A prompt that embeds a resource',
    arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }] },
  { name: 'test_prompt_with_image', description: 'A prompt with an image' },
  { name: 'test_input_required_result_prompt', description: 'A prompt that asks the user for its context (key user_context)' },
];
// what test_trigger_* toggle; every request's server instance reads it
const dynamic = { tool: false, prompt: false };

const resources = [
  { uri: 'test://static-text', name: 'static-text', description: 'A static text resource', mimeType: 'text/plain' },
  { uri: 'test://static-binary', name: 'static-binary', description: 'A static binary resource (a PNG)', mimeType: 'image/png' },
  { uri: 'test://watched-resource', name: 'watched-resource', description: 'A resource clients may subscribe to', mimeType: 'text/plain' },
];

const nameSchema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const confirmSchema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
const ask = {
  name: (message = 'What is your name?') => inputRequired.elicit({ message, requestedSchema: nameSchema }),
  capital: () => inputRequired.createMessage({
    messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }], maxTokens: 100,
  }),
  greeting: () => inputRequired.createMessage({
    messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }], maxTokens: 50,
  }),
  confirm: () => inputRequired.elicit({ message: 'Please confirm', requestedSchema: confirmSchema }),
};
const sampledText = (view) => (view.result.content?.type === 'text' ? view.result.content.text : JSON.stringify(view.result.content));

function newServer(handler) {
  const server = new Server({ name: 'conformance-fixture-2026', version: '1.0.0' }, {
    capabilities: {
      tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true }, logging: {}, completions: {},
    },
    requestState: { verify: stateCodec.verify },
  });
  server.setRequestHandler('tools/list', async () => ({ tools: dynamic.tool ? [...tools, dynamicTool] : tools }));
  server.setRequestHandler('tools/call', async (request, ctx) => callTool(request.params, ctx, handler));
  server.setRequestHandler('prompts/list', async () => ({ prompts: dynamic.prompt ? [...prompts, dynamicPrompt] : prompts }));
  server.setRequestHandler('prompts/get', async (request, ctx) => getPrompt(request.params, ctx));
  server.setRequestHandler('completion/complete', async (request) => complete(request.params));
  server.setRequestHandler('resources/list', async () => ({ resources }));
  server.setRequestHandler('resources/templates/list', async () => ({
    resourceTemplates: [{ uriTemplate: 'test://template/{id}/data', name: 'template-data', description: 'Data for an id', mimeType: 'application/json' }],
  }));
  server.setRequestHandler('resources/read', async (request) => readResource(request.params.uri, NOT_FOUND));
  return server;
}

async function callTool(params, ctx, handler) {
  const notify = (method, notificationParams) => ctx.mcpReq.notify({ method, params: notificationParams });
  switch (params.name) {
    case 'test_simple_text':
      return text('This is a simple text response for testing.');
    case 'test_image_content':
      return { content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] };
    case 'test_audio_content':
      return { content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] };
    case 'test_embedded_resource':
      return { content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }] };
    case 'test_multiple_content_types':
      return { content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: PNG, mimeType: 'image/png' },
        { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) } },
      ] };
    case 'test_tool_with_progress': {
      const token = params._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (token !== undefined) {
          await notify('notifications/progress', { progressToken: token, progress, total: 100 });
        }
        if (progress < 100) {
          await sleep(50);
        }
      }
      return text('Tool with progress executed successfully');
    }
    case 'test_error_handling':
      return { isError: true, content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }] };
    case 'test_custom_header':
      return text(`region ${params.arguments?.region}`);
    case 'json_schema_2020_12_tool':
      return text(`Received: ${JSON.stringify(params.arguments ?? {})}`);
    case 'test_logging_tool': {
      // 2026-07-28: log lines only for a request that asked for them with _meta logLevel, at or above that level
      const wanted = LOG_LEVELS.indexOf(ctx.mcpReq.envelope?.[LOG_LEVEL_META_KEY]);
      for (const data of ['Logging tool started', 'Logging tool working', 'Logging tool finished']) {
        if (wanted >= 0 && wanted <= LOG_LEVELS.indexOf('info')) {
          await notify('notifications/message', { level: 'info', logger: 'conformance-fixture-2026', data });
        }
      }
      return text('Logging tool executed');
    }
    case 'test_trigger_tool_change':
      dynamic.tool = !dynamic.tool;
      handler.notify.toolsChanged();
      return text(`test_dynamic_tool ${dynamic.tool ? 'added' : 'removed'}`);
    case 'test_trigger_prompt_change':
      dynamic.prompt = !dynamic.prompt;
      handler.notify.promptsChanged();
      return text(`test_dynamic_prompt ${dynamic.prompt ? 'added' : 'removed'}`);
    case 'test_dynamic_tool':
      return text('A tool listed after test_trigger_tool_change.');
    default:
      return inputRequiredTool(params.name, ctx);
  }
}

/** The multi-round-trip tools: each returns input_required until the retry carries what it asked for. */
async function inputRequiredTool(name, ctx) {
  const responses = ctx.mcpReq.inputResponses;
  const declared = ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? {};
  switch (name) {
    case 'test_input_required_result_elicitation': {
      const answer = acceptedContent(responses, 'user_name');
      return typeof answer?.name === 'string' ? text(`Hello, ${answer.name}!`) : inputRequired({ inputRequests: { user_name: ask.name() } });
    }
    case 'test_input_required_result_sampling': {
      const answer = inputResponse(responses, 'capital_question');
      return answer.kind === 'sampling' ? text(`LLM response: ${sampledText(answer)}`) : inputRequired({ inputRequests: { capital_question: ask.capital() } });
    }
    case 'test_input_required_result_list_roots': {
      const answer = inputResponse(responses, 'client_roots');
      return answer.kind === 'roots' ? text(`Roots: ${answer.roots.map((root) => root.uri).join(', ')}`)
        : inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } });
    }
    case 'test_input_required_result_request_state':
    case 'test_input_required_result_tampered_state': {
      // the seam has verified the echoed requestState (HMAC, expiry, method) before this handler runs
      const state = ctx.mcpReq.requestState();
      const answer = acceptedContent(responses, 'confirm');
      if (state?.tool === name && typeof answer?.ok === 'boolean') {
        return text(`state-ok: confirmed=${answer.ok}`);
      }
      return inputRequired({ inputRequests: { confirm: ask.confirm() }, requestState: await stateCodec.mint({ tool: name }, ctx) });
    }
    case 'test_input_required_result_multiple_inputs': {
      const user = acceptedContent(responses, 'user_name');
      const greeting = inputResponse(responses, 'greeting');
      const roots = inputResponse(responses, 'client_roots');
      if (typeof user?.name === 'string' && greeting.kind === 'sampling' && roots.kind === 'roots') {
        return text(`${sampledText(greeting)} ${user.name}; ${roots.roots.length} root(s)`);
      }
      return inputRequired({
        inputRequests: { user_name: ask.name(), greeting: ask.greeting(), client_roots: inputRequired.listRoots() },
        requestState: await stateCodec.mint({ tool: name }, ctx),
      });
    }
    case 'test_input_required_result_multi_round':
      return multiRound(ctx);
    case 'test_input_required_result_capabilities': {
      // only what the client declared in _meta["io.modelcontextprotocol/clientCapabilities"] is asked for
      const inputRequests = {};
      if (declared.elicitation && acceptedContent(responses, 'user_name') === undefined) {
        inputRequests.user_name = ask.name();
      }
      if (declared.sampling && inputResponse(responses, 'capital_question').kind !== 'sampling') {
        inputRequests.capital_question = ask.capital();
      }
      return Object.keys(inputRequests).length > 0 ? inputRequired({ inputRequests }) : text('Capabilities respected');
    }
    case 'test_missing_capability':
      if (!declared.sampling) {
        throw new MissingRequiredClientCapabilityError({ requiredCapabilities: { sampling: {} } }, 'test_missing_capability needs the sampling capability');
      }
      return inputResponse(responses, 'sample').kind === 'sampling' ? text('Sampled')
        : inputRequired({ inputRequests: { sample: ask.capital() } });
    case 'test_streaming_elicitation': {
      const answer = acceptedContent(responses, 'user_name');
      return answer ? text(`Hello, ${answer.name}!`) : inputRequired({ inputRequests: { user_name: ask.name() } });
    }
    default:
      return { isError: true, content: [{ type: 'text', text: `Unknown tool: ${name}` }] };
  }
}

/** Round 1 asks step1; round 2 (state says step1 answered) asks step2 with a new requestState; round 3 completes. */
async function multiRound(ctx) {
  const state = ctx.mcpReq.requestState();
  const responses = ctx.mcpReq.inputResponses;
  const tool = 'test_input_required_result_multi_round';
  const step1 = state?.tool === tool && state.round === 1 ? acceptedContent(responses, 'step1') : undefined;
  if (typeof step1?.name === 'string') {
    return inputRequired({
      inputRequests: { step2: inputRequired.elicit({ message: 'Step 2: What is your favorite color?',
        requestedSchema: { type: 'object', properties: { color: { type: 'string' } }, required: ['color'] } }) },
      requestState: await stateCodec.mint({ tool, round: 2, name: step1.name }, ctx),
    });
  }
  const step2 = state?.tool === tool && state.round === 2 ? acceptedContent(responses, 'step2') : undefined;
  if (typeof step2?.color === 'string') {
    return text(`${state.name} likes ${step2.color}`);
  }
  return inputRequired({ inputRequests: { step1: ask.name('Step 1: What is your name?') }, requestState: await stateCodec.mint({ tool, round: 1 }, ctx) });
}

async function getPrompt(params, ctx) {
  const fixed = promptMessages(params.name, params.arguments ?? {});
  if (fixed) {
    return fixed;
  }
  switch (params.name) {
    case 'test_input_required_result_prompt': {
      const answer = acceptedContent(ctx.mcpReq.inputResponses, 'user_context');
      return typeof answer?.context === 'string'
        ? { messages: [user({ type: 'text', text: `Use this context: ${answer.context}` })] }
        : inputRequired({ inputRequests: { user_context: inputRequired.elicit({ message: 'What context should the prompt use?',
          requestedSchema: { type: 'object', properties: { context: { type: 'string' } }, required: ['context'] } }) } });
    }
    default:
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${params.name}`);
  }
}



/** Serves the SDK's fetch-shaped handler on node:http: the request becomes a web Request, the Response is streamed back. */
function serveHttp(port) {
  // the factory runs per request, after the handler exists: test_trigger_* publish on the handler's listen streams
  const handler = createMcpHandler(() => newServer(handler), { legacy: 'stateless' });
  const httpServer = createServer(async (request, response) => {
    if (!request.url.startsWith('/mcp')) {
      response.writeHead(404).end();
      return;
    }
    const aborted = new AbortController();
    response.on('close', () => aborted.abort());
    try {
      const chunks = [];
      for await (const chunk of request) {
        chunks.push(chunk);
      }
      const body = ['GET', 'HEAD', 'DELETE'].includes(request.method) ? undefined : Buffer.concat(chunks);
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const webRequest = new Request(`http://${request.headers.host}${request.url}`, { method: request.method, headers, body, signal: aborted.signal });
      // DNS rebinding protection: only a loopback Host and Origin
      const answer = hostHeaderValidationResponse(webRequest, localhostAllowedHostnames())
        ?? originValidationResponse(webRequest, localhostAllowedHostnames()) ?? await handler.fetch(webRequest);
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      if (answer.body) {
        for await (const chunk of answer.body) {
          response.write(chunk);
        }
      }
      response.end();
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } }));
      } else {
        response.end();
      }
    }
  });
  httpServer.listen(port, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${httpServer.address().port}/mcp\n`));
  const stop = () => handler.close().finally(() => httpServer.close(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const httpFlag = process.argv.indexOf('--http');
if (httpFlag < 0 || !/^\d+$/.test(process.argv[httpFlag + 1] ?? '')) {
  process.stderr.write('usage: node conformance-fixture-2026.mjs --http PORT\n');
  process.exit(2);
}
serveHttp(Number(process.argv[httpFlag + 1]));
