// Preloaded into a Node client (NODE_OPTIONS="--require <this file>") to show which protocol era it really speaks:
// every request it sends with fetch is appended to the file named by IT_FETCH_LOG as one JSON line: the JSON-RPC
// method, the HTTP status (or the error, e.g. AbortError), the MCP-Protocol-Version, Mcp-Method and
// Mcp-Param-Session-Id headers, the _meta protocol-version claim, and whether an Mcp-Session-Id was sent.
// It observes only; requests and responses pass through unchanged.
'use strict';
const fs = require('node:fs');

const log = process.env.IT_FETCH_LOG;
const original = globalThis.fetch;
if (log && typeof original === 'function') {
  globalThis.fetch = async function recordingFetch(input, init) {
    const headers = new Headers(init && init.headers ? init.headers : input instanceof Request ? input.headers : {});
    const method = (init && init.method) || (input instanceof Request ? input.method : 'GET');
    let messages = [];
    if (init && typeof init.body === 'string') {
      try {
        const parsed = JSON.parse(init.body);
        messages = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        messages = [];
      }
    }
    let response = null;
    let error = null;
    try {
      response = await original.call(this, input, init);
    } catch (e) {
      error = e;
    }
    for (const message of messages.length ? messages : [{}]) {
      const meta = message.params && message.params._meta ? message.params._meta : {};
      const line = {
        http: method,
        status: response ? response.status : null,
        error: error ? String(error.name ?? error) : null,
        method: message.method ?? null,
        protocolVersionHeader: headers.get('mcp-protocol-version'),
        mcpMethodHeader: headers.get('mcp-method'),
        metaProtocolVersion: meta['io.modelcontextprotocol/protocolVersion'] ?? null,
        sessionHeader: headers.get('mcp-session-id') !== null,
        paramSessionId: headers.get('mcp-param-session-id'),
      };
      try {
        fs.appendFileSync(log, JSON.stringify(line) + '\n');
      } catch {
        // recording is best effort; the client's own behaviour must not change
      }
    }
    if (error) {
      throw error;
    }
    return response;
  };
}
