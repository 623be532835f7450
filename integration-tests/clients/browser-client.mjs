// A web MCP client in a real headless browser (Debian's chromium, driven by playwright-core). A page served from
// another origin calls msb-mcp's /mcp with fetch: initialize, read Mcp-Session-Id, notifications/initialized, tools/call.
// Usage: node browser-client.mjs <mcp-url> [chromium-path]. Prints one JSON object with what the page saw.
import http from 'node:http';
import { chromium } from 'playwright-core';

const mcpUrl = process.argv[2];
const executablePath = process.argv[3] || '/usr/bin/chromium';

const page = '<!doctype html><html><head><title>web MCP client</title></head><body>web MCP client</body></html>';
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let report;
try {
  const tab = await browser.newPage();
  const consoleErrors = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  await tab.goto(pageUrl);
  report = await tab.evaluate(async (url) => {
    const out = { origin: location.origin, step: 'initialize' };
    const parse = (text) => {
      if (text.trimStart().startsWith('{')) {
        return JSON.parse(text);
      }
      const data = text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim());
      return JSON.parse(data[data.length - 1]);
    };
    const post = (body, sessionId) => {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
      if (sessionId) {
        headers['Mcp-Session-Id'] = sessionId;
        headers['MCP-Protocol-Version'] = '2025-11-25';
      }
      return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    };
    try {
      const init = await post({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'browser-it', version: '1.0.0' } },
      });
      out.initStatus = init.status;
      out.sessionId = init.headers.get('Mcp-Session-Id');
      out.serverName = parse(await init.text()).result.serverInfo.name;
      const initialized = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, out.sessionId);
      out.initializedStatus = initialized.status;
      out.step = 'tools/call';
      const call = await post(
        {
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: { name: 'execute_code', arguments: { code: 'print(6 * 7)', template: 'python' } },
        },
        out.sessionId,
      );
      out.callStatus = call.status;
      const result = parse(await call.text()).result;
      out.stdout = result.structuredContent.stdout;
      out.sandboxSession = result.structuredContent.session_id;
      out.step = 'done';
      out.fetchError = null;
    } catch (e) {
      out.fetchError = String(e);
    }
    return out;
  }, mcpUrl);
  report.consoleErrors = consoleErrors;
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(report));
