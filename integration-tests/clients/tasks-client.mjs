// Runs execute_code as MCP tasks (2025-11-25) with the official TypeScript SDK client (@modelcontextprotocol/sdk).
//   node tasks-client.mjs stream <mcp-url> <session-id> <seconds>: client.experimental.tasks.callToolStream on code that
//     runs <seconds> s (task created, status updates, the result); listTasks for its creator and for a second client.
//   node tasks-client.mjs cancel <mcp-url> <session-id> <marker>: a task whose code would write <marker> after 8 s,
//     cancelled after 3 s with cancelTask, then at once another call in the same sandbox session.
// Prints one JSON object with what the clients saw; exits 1 on an unexpected error.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';

const [mode, url, sessionId, arg] = [process.argv[2], new URL(process.argv[3]), process.argv[4], process.argv[5]];
const connect = async (name) => {
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);
  await client.listTools(); // caches which tools may run as tasks
  return { client, transport };
};
const report = {};
const clients = [];
try {
  const a = await connect('msb-mcp-it-tasks-a');
  clients.push(a);
  report.capabilities = a.client.getServerCapabilities()?.tasks ?? null;
  if (mode === 'stream') {
    const b = await connect('msb-mcp-it-tasks-b');
    clients.push(b);
    const seconds = Number(arg);
    const code = `import time\nfor i in range(${seconds}):\n    time.sleep(1)\nprint("finished after ${seconds} s")`;
    const stream = a.client.experimental.tasks.callToolStream(
      { name: 'execute_code', arguments: { code, session_id: sessionId } },
      undefined,
      { timeout: 300000 },
    );
    report.messages = [];
    for await (const message of stream) {
      if (message.type === 'taskCreated') {
        report.messages.push({ type: 'taskCreated', taskId: message.task.taskId, status: message.task.status });
        report.listA = (await a.client.experimental.tasks.listTasks()).tasks.map((t) => t.taskId);
        report.listB = (await b.client.experimental.tasks.listTasks()).tasks.map((t) => t.taskId);
      } else if (message.type === 'taskStatus') {
        report.messages.push({ type: 'taskStatus', status: message.task.status, statusMessage: message.task.statusMessage ?? null });
      } else if (message.type === 'result') {
        report.messages.push({
          type: 'result',
          stdout: message.result.structuredContent?.stdout ?? null,
          relatedTask: message.result._meta?.['io.modelcontextprotocol/related-task']?.taskId ?? null,
        });
      } else {
        report.messages.push({ type: message.type, error: String(message.error) });
      }
    }
  } else {
    const late = `import time\ntime.sleep(8)\nopen(${JSON.stringify(arg)}, "w").write("written")\nprint("too late")`;
    const created = await a.client.request(
      { method: 'tools/call', params: { name: 'execute_code', arguments: { code: late, session_id: sessionId }, task: { ttl: 600000 } } },
      CreateTaskResultSchema,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const started = Date.now();
    const cancelled = await a.client.experimental.tasks.cancelTask(created.task.taskId);
    report.cancel = { status: cancelled.status };
    report.statusAfter = (await a.client.experimental.tasks.getTask(created.task.taskId)).status;
    const next = await a.client.callTool({ name: 'execute_code', arguments: { code: 'print("next call")', session_id: sessionId } });
    report.nextCall = { stdout: next.structuredContent?.stdout ?? null, millis: Date.now() - started };
  }
  for (const c of clients) {
    await c.transport.terminateSession();
    await c.client.close();
  }
  console.log(JSON.stringify(report));
} catch (e) {
  console.log(JSON.stringify({ ...report, unexpected: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
}
