// What both conformance fixtures serve alike, whatever the protocol era and the SDK they are written on: the media
// payloads, the test:// resources and template, completion, and the helpers their tools use. Each fixture passes the
// error its SDK expects for a resource that does not exist (2025: -32002; 2026-07-28: -32602).

// a 1x1 red PNG and a 1-sample silent 8 kHz mono WAV
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
export const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQIAAAAAAA==';
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const text = (value) => ({ content: [{ type: 'text', text: value }] });
export const noArguments = { type: 'object', properties: {} };
export const dynamicTool = { name: 'test_dynamic_tool', description: 'Listed after test_trigger_tool_change', inputSchema: noArguments };
export const dynamicPrompt = { name: 'test_dynamic_prompt', description: 'Listed after test_trigger_prompt_change' };

export const TEMPLATE = /^test:\/\/template\/([^/]+)\/data$/;

export function complete(params) {
  const candidates = params.ref?.type === 'ref/prompt' && params.ref.name === 'test_prompt_with_arguments' && params.argument?.name === 'arg1'
    ? ['paris', 'park', 'party'] : [];
  const values = candidates.filter((value) => value.startsWith(params.argument?.value ?? ''));
  return { completion: { values, total: values.length, hasMore: false } };
}

/** The contents of a test:// resource; {@code notFound(uri)} makes the error to throw for any other URI. */
export function readResource(uri, notFound) {
  if (uri === 'test://static-text') {
    return { contents: [{ uri, mimeType: 'text/plain', text: 'This is the content of the static text resource.' }] };
  }
  if (uri === 'test://static-binary') {
    return { contents: [{ uri, mimeType: 'image/png', blob: PNG }] };
  }
  if (uri === 'test://watched-resource') {
    return { contents: [{ uri, mimeType: 'text/plain', text: 'Watched resource content' }] };
  }
  const match = TEMPLATE.exec(uri);
  if (match) {
    const id = match[1];
    return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] };
  }
  throw notFound(uri);
}

/** A prompt message from the user. */
export const user = (content) => ({ role: 'user', content });

/** The messages of the prompts both fixtures serve alike; undefined for a prompt each serves its own way. */
export function promptMessages(name, args) {
  switch (name) {
    case 'test_simple_prompt':
      return { messages: [user({ type: 'text', text: 'This is a simple prompt for testing.' })] };
    case 'test_prompt_with_arguments':
      return { messages: [user({ type: 'text', text: `Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'` })] };
    case 'test_prompt_with_embedded_resource':
      return { messages: [
        user({ type: 'resource', resource: { uri: String(args.resourceUri), mimeType: 'text/plain', text: 'Embedded resource content for testing.' } }),
        user({ type: 'text', text: 'Please process the embedded resource above.' }),
      ] };
    case 'test_prompt_with_image':
      return { messages: [user({ type: 'image', data: PNG, mimeType: 'image/png' }), user({ type: 'text', text: 'Please analyze the image above.' })] };
    case 'test_dynamic_prompt':
      return { messages: [user({ type: 'text', text: 'A prompt listed after test_trigger_prompt_change.' })] };
    default:
      return undefined;
  }
}
