// Long and cancelled calls through the official TypeScript SDK client (@modelcontextprotocol/sdk 1.32.2, 2025-11-25
// era, one MCP session): a call that outlives the SDK's 60-s default timeout and survives only because progress
// notifications keep resetting a 10-s timer, and a call aborted with an AbortSignal, which this SDK turns into
// notifications/cancelled.
// Usage: node sdk-long-call.mjs <mcp-url> long <session-id> <sleep-seconds>
//        node sdk-long-call.mjs <mcp-url> abort <session-id> <host-dir> <container-dir> <sleep-seconds>
// Prints one JSON object with what the client saw; exits 1 on an unexpected error.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { abortScenario, progressCall } from './scenarios.mjs';

const [url, scenario, session, ...rest] = process.argv.slice(2);
const client = new Client({ name: 'msb-mcp-it-sdk-long', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(url));
const run = (args, options) => client.callTool({ name: 'execute_code', arguments: args }, undefined, options);
const report = { scenario };
try {
  await client.connect(transport);
  report.protocolVersion = transport.protocolVersion ?? null;
  report.sessionHeader = transport.sessionId ?? null;
  if (scenario === 'long') {
    const seconds = Number(rest[0]);
    report.long = await progressCall(
      run,
      { code: `import time\ntime.sleep(${seconds})\nprint('slept ${seconds} s')`, session_id: session, timeout: 120 },
      { resetTimeoutOnProgress: true, timeout: 10000, maxTotalTimeout: 150000 },
    );
  } else if (scenario === 'abort') {
    const [hostDir, containerDir, sleepSeconds] = rest;
    report.abort = await abortScenario(run, { session, hostDir, containerDir, sleepSeconds: Number(sleepSeconds) });
  } else {
    throw new Error('unknown scenario ' + scenario);
  }
  await transport.terminateSession().catch(() => {});
  await client.close();
  console.log(JSON.stringify(report));
} catch (e) {
  console.log(JSON.stringify({ ...report, unexpected: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
}
