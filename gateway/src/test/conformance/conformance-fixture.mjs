#!/usr/bin/env node
// The upstream the official MCP conformance suite (@modelcontextprotocol/conformance) is run against through the hub.
// It serves every fixture the suite's server scenarios ask for (`conformance list --server`; payloads as their
// descriptions give them): the test_* tools, the test:// resources and template, the test_* prompts, completion,
// logging, progress, sampling, elicitation, subscriptions, json_schema_2020_12_tool and test_reconnection.
// Written for this project on the MCP TypeScript SDK's low-level Server (definitions are sent exactly as written).
//
// It also serves what the 2026-07-28 scenarios call (`--requirements 2026-07-28`), as the LEGACY server it is: the
// test_input_required_result_* tools and prompt ask with ordinary server->client requests (elicitation/create,
// sampling/createMessage, roots/list) on the call's own stream, which the hub's MRTR bridge turns into an
// input_required result for a 2026-07-28 client. Each such request names the inputRequests key the scenario expects in
// params._meta["io.mcphub/inputKey"] (a legacy request has no key of its own). The diagnostic tools of server-stateless
// are here too: test_missing_capability, test_streaming_elicitation, test_logging_tool, test_trigger_tool_change and
// test_trigger_prompt_change.
//
//   node conformance-fixture.mjs --http PORT
//
// serves Streamable HTTP at http://127.0.0.1:PORT/mcp (PORT 0: any free port; the first line on stdout says which),
// resumable: every SSE event has an id, `retry` is 500 ms, and test_reconnection closes its POST stream before answering
// (the client must come back with GET + Last-Event-ID). Everything a tool sends during its call (log lines, progress,
// sampling and elicitation requests) goes on that call's own stream.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema, CompleteRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema,
  ListResourcesRequestSchema, ListResourceTemplatesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema,
  McpError, SetLevelRequestSchema, SubscribeRequestSchema, UnsubscribeRequestSchema, isInitializeRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { PNG, WAV, complete, dynamicPrompt, dynamicTool, noArguments, promptMessages, readResource, sleep, text, user } from './fixture-content.mjs';

const NOT_FOUND = (uri) => Object.assign(new Error(`Resource not found: ${uri}`), { code: -32002, data: { uri } });

const RETRY_MS = 500;
// -32021 MissingRequiredClientCapability (2026-07-28): what the hub answers a request the client cannot serve
const MISSING_CAPABILITY = -32021;

const tools = [
  { name: 'test_simple_text', description: 'Returns simple text content', inputSchema: noArguments },
  { name: 'test_image_content', description: 'Returns image content', inputSchema: noArguments },
  { name: 'test_audio_content', description: 'Returns audio content', inputSchema: noArguments },
  { name: 'test_embedded_resource', description: 'Returns an embedded resource', inputSchema: noArguments },
  { name: 'test_multiple_content_types', description: 'Returns text, image and resource content', inputSchema: noArguments },
  { name: 'test_tool_with_logging', description: 'Sends three log messages while it runs', inputSchema: noArguments },
  { name: 'test_tool_with_progress', description: 'Reports progress 0, 50 and 100 of 100', inputSchema: noArguments },
  { name: 'test_error_handling', description: 'Always fails with a tool error', inputSchema: noArguments },
  { name: 'test_sampling', description: 'Asks the client to sample an LLM',
    inputSchema: { type: 'object', properties: { prompt: { type: 'string', description: 'The prompt to send to the LLM' } }, required: ['prompt'] } },
  { name: 'test_elicitation', description: 'Asks the user for input through the client',
    inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'The message to show the user' } }, required: ['message'] } },
  { name: 'test_elicitation_sep1034_defaults', description: 'Elicitation with a default for every primitive type (SEP-1034)', inputSchema: noArguments },
  { name: 'test_elicitation_sep1330_enums', description: 'Elicitation with all five enum schema variants (SEP-1330)', inputSchema: noArguments },
  { name: 'json_schema_2020_12_tool', description: 'Tool with JSON Schema 2020-12 features',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } } },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    } },
  { name: 'test_reconnection', description: 'Closes its SSE stream before answering, so the client must reconnect (SEP-1699)', inputSchema: noArguments },
  // 2026-07-28 (SEP-2322 MRTR through the hub's bridge, and the diagnostic tools of server-stateless)
  { name: 'test_input_required_result_elicitation', description: 'Asks the user their name (inputRequests key user_name)', inputSchema: noArguments },
  { name: 'test_input_required_result_sampling', description: 'Asks the client to sample an answer (key capital_question)', inputSchema: noArguments },
  { name: 'test_input_required_result_list_roots', description: "Asks for the client's roots (key client_roots)", inputSchema: noArguments },
  { name: 'test_input_required_result_request_state', description: 'Asks for a confirmation (key confirm)', inputSchema: noArguments },
  { name: 'test_input_required_result_multiple_inputs', description: 'Asks for a name, a greeting and the roots at once', inputSchema: noArguments },
  { name: 'test_input_required_result_multi_round', description: 'Asks for a name, then for a colour (keys step1, step2)', inputSchema: noArguments },
  { name: 'test_input_required_result_tampered_state', description: 'Asks for a confirmation (key confirm)', inputSchema: noArguments },
  { name: 'test_input_required_result_capabilities', description: 'Asks for elicitation and sampling at once and carries on with what the client can answer', inputSchema: noArguments },
  { name: 'test_missing_capability', description: 'Needs sampling: fails with -32021 when the client cannot sample', inputSchema: noArguments },
  { name: 'test_streaming_elicitation', description: 'Asks the user for input while it runs', inputSchema: noArguments },
  { name: 'test_logging_tool', description: 'Sends three log messages while it runs', inputSchema: noArguments },
  { name: 'test_trigger_tool_change', description: 'Adds or removes test_dynamic_tool and announces the tool list change', inputSchema: noArguments },
  { name: 'test_trigger_prompt_change', description: 'Adds or removes test_dynamic_prompt and announces the prompt list change', inputSchema: noArguments },
];
// the list changes test_trigger_* make apply to every session, and every session's server is told
const dynamic = { tool: false, prompt: false, servers: new Set() };

const prompts = [
  { name: 'test_simple_prompt', description: 'A prompt without arguments' },
  { name: 'test_prompt_with_arguments', description: 'A prompt with two arguments',
    arguments: [{ name: 'arg1', description: 'First test argument', required: true }, { name: 'arg2', description: 'Second test argument', required: true }] },
  { name: 'test_prompt_with_embedded_resource', description: 'A prompt that embeds a resource',
    arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }] },
  { name: 'test_prompt_with_image', description: 'A prompt with an image' },
  { name: 'test_input_required_result_prompt', description: 'A prompt that asks the user for its context (key user_context)' },
];

const resources = [
  { uri: 'test://static-text', name: 'static-text', description: 'A static text resource', mimeType: 'text/plain' },
  { uri: 'test://static-binary', name: 'static-binary', description: 'A static binary resource (a PNG)', mimeType: 'image/png' },
  { uri: 'test://watched-resource', name: 'watched-resource', description: 'A resource clients may subscribe to', mimeType: 'text/plain' },
];

const sep1034Schema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'User name', default: 'John Doe' },
    age: { type: 'integer', description: 'User age', default: 30 },
    score: { type: 'number', description: 'User score', default: 95.5 },
    status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean', description: 'Verification status', default: true },
  },
  required: [],
};

const sep1330Schema = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', description: 'Untitled single-select', enum: ['option1', 'option2', 'option3'] },
    titledSingle: { type: 'string', description: 'Titled single-select',
      oneOf: [{ const: 'value1', title: 'First Option' }, { const: 'value2', title: 'Second Option' }, { const: 'value3', title: 'Third Option' }] },
    legacyEnum: { type: 'string', description: 'Legacy titled enum', enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'] },
    untitledMulti: { type: 'array', description: 'Untitled multi-select', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
    titledMulti: { type: 'array', description: 'Titled multi-select',
      items: { anyOf: [{ const: 'value1', title: 'First Choice' }, { const: 'value2', title: 'Second Choice' }, { const: 'value3', title: 'Third Choice' }] } },
  },
  required: [],
};

function newServer() {
  const server = new Server({ name: 'conformance-fixture', version: '1.0.0' }, {
    capabilities: {
      tools: { listChanged: true }, prompts: { listChanged: true }, resources: { subscribe: true, listChanged: true },
      logging: {}, completions: {},
    },
  });
  const subscriptions = new Set();
  dynamic.servers.add(server);
  server.onclose = () => dynamic.servers.delete(server);
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: dynamic.tool ? [...tools, dynamicTool] : tools }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => callTool(server, request.params, extra));
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: dynamic.prompt ? [...prompts, dynamicPrompt] : prompts }));
  server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => getPrompt(server, request.params, extra));
  server.setRequestHandler(CompleteRequestSchema, async (request) => complete(request.params));
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [{ uriTemplate: 'test://template/{id}/data', name: 'template-data', description: 'Data for an id', mimeType: 'application/json' }],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => readResource(request.params.uri, NOT_FOUND));
  server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    subscriptions.add(request.params.uri);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscriptions.delete(request.params.uri);
    return {};
  });
  server.setRequestHandler(SetLevelRequestSchema, async () => ({}));
  return server;
}

async function callTool(server, params, extra) {
  const notify = (method, notificationParams) => extra.sendNotification({ method, params: notificationParams });
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
    case 'test_tool_with_logging':
      await notify('notifications/message', { level: 'info', logger: 'conformance-fixture', data: 'Tool execution started' });
      await sleep(50);
      await notify('notifications/message', { level: 'info', logger: 'conformance-fixture', data: 'Tool processing data' });
      await sleep(50);
      await notify('notifications/message', { level: 'info', logger: 'conformance-fixture', data: 'Tool execution completed' });
      return text('Tool with logging executed successfully');
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
    case 'test_sampling': {
      const answer = await server.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: String(params.arguments?.prompt ?? '') } }], maxTokens: 100,
      }, { relatedRequestId: extra.requestId });
      const reply = answer.content?.type === 'text' ? answer.content.text : JSON.stringify(answer.content);
      return text(`LLM response: ${reply}`);
    }
    case 'test_elicitation': {
      const answer = await server.elicitInput({
        message: String(params.arguments?.message ?? ''),
        requestedSchema: {
          type: 'object',
          properties: { username: { type: 'string', description: "User's response" }, email: { type: 'string', description: "User's email address" } },
          required: ['username', 'email'],
        },
      }, { relatedRequestId: extra.requestId });
      return text(`User response: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
    }
    case 'test_elicitation_sep1034_defaults':
    case 'test_elicitation_sep1330_enums': {
      const sep1034 = params.name === 'test_elicitation_sep1034_defaults';
      const answer = await server.elicitInput({
        message: sep1034 ? 'Please review and update the form fields with defaults' : 'Please choose from the enum options',
        requestedSchema: sep1034 ? sep1034Schema : sep1330Schema,
      }, { relatedRequestId: extra.requestId });
      return text(`Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
    }
    case 'json_schema_2020_12_tool':
      return text(`Received: ${JSON.stringify(params.arguments ?? {})}`);
    case 'test_reconnection':
      // end this request's SSE stream now; the answer is stored and replayed when the client resumes
      extra.closeSSEStream?.();
      await sleep(100);
      return text('Reconnection test completed successfully');
    case 'test_logging_tool':
      for (const data of ['Logging tool started', 'Logging tool working', 'Logging tool finished']) {
        await notify('notifications/message', { level: 'info', logger: 'conformance-fixture', data });
      }
      return text('Logging tool executed');
    case 'test_trigger_tool_change':
      dynamic.tool = !dynamic.tool;
      await Promise.all([...dynamic.servers].map((each) => each.sendToolListChanged().catch(() => {})));
      return text(`test_dynamic_tool ${dynamic.tool ? 'added' : 'removed'}`);
    case 'test_trigger_prompt_change':
      dynamic.prompt = !dynamic.prompt;
      await Promise.all([...dynamic.servers].map((each) => each.sendPromptListChanged().catch(() => {})));
      return text(`test_dynamic_prompt ${dynamic.prompt ? 'added' : 'removed'}`);
    case 'test_dynamic_tool':
      return text('A tool listed after test_trigger_tool_change.');
    default:
      return inputRequiredTool(new Asker(server, extra), params.name);
  }
}

/**
 * Sends server->client requests on the call's own stream. {@code key} is the inputRequests key the scenario names; a
 * 2025 server cannot set it (the hub's bridge names keys after the request), so it only labels the call site.
 */
class Asker {
  constructor(server, extra) {
    this.server = server;
    this.options = { relatedRequestId: extra.requestId };
  }

  elicit(key, message, properties) {
    const requestedSchema = { type: 'object', properties, required: Object.keys(properties) };
    return this.server.elicitInput({ message, requestedSchema }, this.options);
  }

  sample(key, prompt, maxTokens) {
    return this.server.createMessage({
      messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens,
    }, this.options);
  }

  roots(key) {
    return this.server.listRoots({}, this.options);
  }
}

const sampled = (answer) => (answer.content?.type === 'text' ? answer.content.text : JSON.stringify(answer.content));
const rootList = (answer) => (answer.roots ?? []).map((root) => root.uri).join(', ');
const isMissingCapability = (outcome) => outcome.status === 'rejected' && outcome.reason?.code === MISSING_CAPABILITY;

/** The 2026-07-28 MRTR scenarios' tools: each asks through legacy requests and answers once they are answered. */
async function inputRequiredTool(ask, name) {
  const nameField = { name: { type: 'string' } };
  switch (name) {
    case 'test_input_required_result_elicitation':
    case 'test_input_required_result_request_state':
    case 'test_input_required_result_tampered_state': {
      if (name === 'test_input_required_result_elicitation') {
        const answer = await ask.elicit('user_name', 'What is your name?', nameField);
        return text(`Hello, ${answer.content?.name}!`);
      }
      const answer = await ask.elicit('confirm', 'Please confirm', { ok: { type: 'boolean' } });
      // the hub's bridge resumes this call only for a requestState that passed its integrity check
      return text(`state-ok: confirmed=${answer.content?.ok}`);
    }
    case 'test_input_required_result_sampling':
      return text(`LLM response: ${sampled(await ask.sample('capital_question', 'What is the capital of France?', 100))}`);
    case 'test_input_required_result_list_roots':
      return text(`Roots: ${rootList(await ask.roots('client_roots'))}`);
    case 'test_input_required_result_multiple_inputs': {
      // asked concurrently, so the bridge gathers all three into one input_required result
      const [user, greeting, roots] = await Promise.all([
        ask.elicit('user_name', 'What is your name?', nameField), ask.sample('greeting', 'Generate a greeting', 50), ask.roots('client_roots'),
      ]);
      return text(`${sampled(greeting)} ${user.content?.name}; roots: ${rootList(roots)}`);
    }
    case 'test_input_required_result_multi_round': {
      // asked one after the other: two input_required rounds, each with its own requestState
      const step1 = await ask.elicit('step1', 'Step 1: What is your name?', nameField);
      const step2 = await ask.elicit('step2', 'Step 2: What is your favorite color?', { color: { type: 'string' } });
      return text(`${step1.content?.name} likes ${step2.content?.color}`);
    }
    case 'test_input_required_result_capabilities': {
      // a request the client did not declare the capability for is refused at once (-32021): carry on without it
      const [user, capital] = await Promise.allSettled([
        ask.elicit('user_name', 'What is your name?', nameField), ask.sample('capital_question', 'What is the capital of France?', 100),
      ]);
      const part = (outcome, show) => (outcome.status === 'fulfilled' ? show(outcome.value)
        : isMissingCapability(outcome) ? 'not declared' : `failed (${outcome.reason?.message})`);
      return text(`elicitation: ${part(user, (answer) => answer.content?.name)}; sampling: ${part(capital, sampled)}`);
    }
    case 'test_missing_capability': {
      const [answer] = await Promise.allSettled([ask.sample('sample', 'Say hello', 10)]);
      if (isMissingCapability(answer)) {
        // the tool cannot work without sampling: the client gets the same -32021 (2026-07-28 MissingRequiredClientCapability)
        throw new McpError(MISSING_CAPABILITY, 'test_missing_capability needs the sampling capability',
          { requiredCapabilities: answer.reason.data?.requiredCapabilities ?? { sampling: {} } });
      }
      if (answer.status === 'rejected') {
        throw answer.reason;
      }
      return text(`LLM response: ${sampled(answer.value)}`);
    }
    case 'test_streaming_elicitation':
      return text(`User response: ${JSON.stringify((await ask.elicit('streamed_input', 'Anything to add?', { note: { type: 'string' } })).content ?? {})}`);
    default:
      return { isError: true, content: [{ type: 'text', text: `Unknown tool: ${name}` }] };
  }
}

async function getPrompt(server, params, extra) {
  const fixed = promptMessages(params.name, params.arguments ?? {});
  if (fixed) {
    return fixed;
  }
  switch (params.name) {
    case 'test_input_required_result_prompt': {
      const answer = await new Asker(server, extra).elicit('user_context', 'What context should the prompt use?', { context: { type: 'string' } });
      return { messages: [user({ type: 'text', text: `Use this context: ${answer.content?.context}` })] };
    }
    default:
      throw Object.assign(new Error(`Unknown prompt: ${params.name}`), { code: -32602 });
  }
}



/** Keeps every SSE event of every stream, so a client that reconnects with Last-Event-ID gets what it missed. */
class MemoryEventStore {
  constructor() {
    this.events = new Map();
  }

  async storeEvent(streamId, message) {
    const eventId = `${streamId}_${Date.now()}_${randomUUID().slice(0, 8)}`;
    this.events.set(eventId, { streamId, message });
    return eventId;
  }

  async getStreamIdForEventId(eventId) {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const streamId = this.events.get(lastEventId)?.streamId;
    if (streamId === undefined) {
      return '';
    }
    let after = false;
    for (const [eventId, { streamId: owner, message }] of this.events) {
      if (owner === streamId && after) {
        await send(eventId, message);
      }
      after ||= eventId === lastEventId;
    }
    return streamId;
  }
}

async function serveHttp(port) {
  const sessions = new Map();
  const readBody = (request) => new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
  const httpServer = createServer(async (request, response) => {
    try {
      if (!request.url.startsWith('/mcp')) {
        response.writeHead(404).end();
        return;
      }
      const sessionId = request.headers['mcp-session-id'];
      const body = request.method === 'POST' ? JSON.parse((await readBody(request)) || 'null') : undefined;
      let transport = sessionId ? sessions.get(sessionId) : undefined;
      if (!transport && !sessionId && request.method === 'POST' && isInitializeRequest(body)) {
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(), eventStore: new MemoryEventStore(), retryInterval: RETRY_MS,
          onsessioninitialized: (id) => sessions.set(id, transport),
        });
        transport.onclose = () => sessions.delete(transport.sessionId);
        await newServer().connect(transport);
      }
      if (!transport) {
        response.writeHead(sessionId ? 404 : 400, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: sessionId ? 'Session not found' : 'Bad Request: no session' } }));
        return;
      }
      await transport.handleRequest(request, response, body);
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(400, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Bad request: ${error.message}` } }));
      }
    }
  });
  httpServer.listen(port, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${httpServer.address().port}/mcp\n`));
  const stop = () => httpServer.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const httpFlag = process.argv.indexOf('--http');
if (httpFlag < 0 || !/^\d+$/.test(process.argv[httpFlag + 1] ?? '')) {
  process.stderr.write('usage: node conformance-fixture.mjs --http PORT\n');
  process.exit(2);
}
await serveHttp(Number(process.argv[httpFlag + 1]));
