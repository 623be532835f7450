// Drives msb-mcp with the official TypeScript SDK client (@modelcontextprotocol/sdk) over streamable HTTP.
// Usage: node sdk-client.mjs <mcp-url>. Prints one JSON object with what the client saw; exits 1 on an unexpected error.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = new URL(process.argv[2]);
const client = new Client({ name: 'msb-mcp-it-sdk', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(url);
const report = {};
try {
  await client.connect(transport);
  report.sessionId = transport.sessionId ?? null;
  report.protocolVersion = transport.protocolVersion ?? null;
  report.serverVersion = client.getServerVersion() ?? null;
  report.serverCapabilities = client.getServerCapabilities() ?? null;

  const tools = await client.listTools();
  report.tools = tools.tools.map((t) => t.name).sort();
  report.toolsWithOutputSchema = tools.tools.filter((t) => t.outputSchema).map((t) => t.name).sort();

  const first = await client.callTool({ name: 'execute_code', arguments: { code: 'x = 42', template: 'python' } });
  const sid = first.structuredContent.session_id;
  report.first = { sessionId: sid, created: first.structuredContent.session_created, isError: first.isError ?? false };

  const second = await client.callTool({ name: 'execute_code', arguments: { code: 'print(x)', session_id: sid } });
  report.second = {
    stdout: second.structuredContent.stdout,
    created: second.structuredContent.session_created,
    isError: second.isError ?? false,
    text: second.content.map((c) => c.text).join('\n'),
  };

  const failing = await client.callTool({ name: 'execute_code', arguments: { code: '1/0', session_id: sid } });
  report.failing = {
    isError: failing.isError ?? false,
    stderr: failing.structuredContent ? failing.structuredContent.stderr : null,
    text: failing.content.map((c) => c.text).join('\n'),
  };

  try {
    await client.callTool({ name: 'stop_session', arguments: { session_id: 'no-such-session' } });
    report.unknownStop = null;
  } catch (e) {
    report.unknownStop = { code: e.code, message: e.message, data: e.data ?? null };
  }

  try {
    await client.callTool({ name: 'execute_code', arguments: { code: 'print(1)', timeout: 0 } });
    report.invalidArgument = null;
  } catch (e) {
    report.invalidArgument = { code: e.code, message: e.message, data: e.data ?? null };
  }

  const stopped = await client.callTool({ name: 'stop_session', arguments: { session_id: sid } });
  report.stopped = stopped.structuredContent;

  await transport.terminateSession();
  await client.close();
  console.log(JSON.stringify(report));
} catch (e) {
  console.log(JSON.stringify({ ...report, unexpected: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
}
