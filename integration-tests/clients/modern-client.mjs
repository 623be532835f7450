// Drives msb-mcp with the 2.x TypeScript client (@modelcontextprotocol/client) pinned to protocol revision 2026-07-28
// (versionNegotiation {mode: {pin: '2026-07-28'}}: connect() must find 2026-07-28 in server/discover, no fallback).
// Usage: node modern-client.mjs <mcp-url> basic <session-id>
//        node modern-client.mjs <mcp-url> abort <session-id> <host-dir> <container-dir> <sleep-seconds>
// Prints one JSON object with what the client saw; exits 1 on an unexpected error.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { abortScenario, progressCall, summary } from './scenarios.mjs';

const [url, scenario, session, hostDir, containerDir, sleepSeconds] = process.argv.slice(2);
const client = new Client(
  { name: 'msb-mcp-it-modern', version: '1.0.0' },
  { versionNegotiation: { mode: { pin: '2026-07-28' } } },
);
const transport = new StreamableHTTPClientTransport(new URL(url));
const run = (args, options) => client.callTool({ name: 'execute_code', arguments: args }, options);
const report = { scenario };
try {
  await client.connect(transport, { timeout: 30000 });
  report.era = client.getProtocolEra() ?? null;
  report.protocolVersion = client.getNegotiatedProtocolVersion() ?? null;
  report.sessionHeader = transport.sessionId ?? null;
  const discover = client.getDiscoverResult();
  report.discover = discover
    ? { supportedVersions: discover.supportedVersions ?? null, capabilities: discover.capabilities ?? null }
    : null;
  report.serverVersion = client.getServerVersion() ?? null;

  // listTools also primes the client's tool cache, which it reads to mirror session_id into Mcp-Param-Session-Id.
  const tools = await client.listTools(undefined, { timeout: 30000 });
  report.tools = tools.tools.map((t) => t.name).sort();
  report.sessionIdHeaderAnnotation =
    tools.tools.find((t) => t.name === 'execute_code')?.inputSchema?.properties?.session_id?.['x-mcp-header'] ?? null;

  if (scenario === 'basic') {
    const first = await run({ code: 'x = 6 * 7', session_id: session }, { timeout: 60000 });
    report.first = summary(first);
    const second = await run({ code: 'print(x)', session_id: session }, { timeout: 60000 });
    report.second = summary(second);
    report.progress = await progressCall(
      run,
      { code: "import time\ntime.sleep(5)\nprint('slept')", session_id: session },
      { timeout: 60000 },
    );
  } else if (scenario === 'abort') {
    report.abort = await abortScenario(run, {
      session,
      hostDir,
      containerDir,
      sleepSeconds: Number(sleepSeconds),
    });
  } else {
    throw new Error('unknown scenario ' + scenario);
  }
  await client.close();
  console.log(JSON.stringify(report));
} catch (e) {
  console.log(JSON.stringify({ ...report, unexpected: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
}
