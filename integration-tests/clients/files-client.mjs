// Drives the file tools and resources of msb-mcp with the official TypeScript SDK client (@modelcontextprotocol/sdk).
// Usage: node files-client.mjs <mcp-url> <session-id>. Prints one JSON object with what the client saw; exits 1 on an
// unexpected error. The SDK validates every structuredContent against the tool's output schema.
import { createHash, randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = new URL(process.argv[2]);
const sid = process.argv[3];
const client = new Client({ name: 'msb-mcp-it-files', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(url);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const report = {};
const CHART = [
  'import zlib, struct',
  "def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))",
  "raw = b''.join(b'\\x00' + b''.join(bytes([x * 16, y * 16, 128]) for x in range(16)) for y in range(16))",
  "png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 16, 16, 8, 2, 0, 0, 0))"
    + " + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')",
  "open('chart.png', 'wb').write(png)",
  "open('out.csv', 'w').write('x,y\\n1,2\\n3,4\\n')",
  "print('chart saved')",
].join('\n');

try {
  await client.connect(transport);
  report.capabilities = client.getServerCapabilities() ?? null;
  const templates = await client.listResourceTemplates();
  report.templates = templates.resourceTemplates.map((t) => t.uriTemplate);

  const data = randomBytes(5 * 1024 * 1024);
  let start = Date.now();
  const up = await client.callTool(
    { name: 'upload_file', arguments: { path: 'data/random.bin', content_base64: data.toString('base64'), session_id: sid } },
    undefined,
    { timeout: 120000 });
  report.upload = { ms: Date.now() - start, isError: up.isError ?? false, structured: up.structuredContent };
  const sum = await client.callTool({ name: 'execute_command', arguments: { command: 'sha256sum data/random.bin', session_id: sid } });
  report.sandboxSha = sum.structuredContent.stdout.split(' ')[0];
  start = Date.now();
  const down = await client.callTool(
    { name: 'download_file', arguments: { path: 'data/random.bin', session_id: sid } }, undefined, { timeout: 120000 });
  report.download = { ms: Date.now() - start, types: down.content.map((c) => c.type), structured: down.structuredContent };
  const blob = Buffer.from(down.content[1].resource.blob, 'base64');
  report.localSha = sha256(data);
  report.roundTripEqual = Buffer.compare(blob, data) === 0;

  const run = await client.callTool({ name: 'execute_code', arguments: { code: CHART, session_id: sid } });
  report.chart = {
    types: run.content.map((c) => c.type),
    text: run.content[0].text,
    files: run.structuredContent.files.map((f) => f.name).sort(),
  };
  const image = run.content.find((c) => c.type === 'image');
  const reads = {};
  for (const link of run.content.filter((c) => c.type === 'resource_link')) {
    const read = await client.readResource({ uri: link.uri });
    const item = read.contents[0];
    const bytes = item.blob !== undefined ? Buffer.from(item.blob, 'base64') : Buffer.from(item.text, 'utf8');
    reads[link.name] = { uri: link.uri, mimeType: item.mimeType, size: bytes.length, linkSize: link.size, sha: sha256(bytes) };
  }
  report.reads = reads;
  report.imageSha = image ? sha256(Buffer.from(image.data, 'base64')) : null;

  const missing = await client.callTool({ name: 'download_file', arguments: { path: 'no/such.file', session_id: sid } });
  report.missing = { isError: missing.isError ?? false, text: missing.content[0].text };
  try {
    await client.readResource({ uri: `sandbox://sessions/${sid}/files/no%2Fsuch.file` });
    report.missingResource = null;
  } catch (e) {
    report.missingResource = { code: e.code, message: e.message };
  }

  await client.callTool({ name: 'stop_session', arguments: { session_id: sid } });
  await transport.terminateSession();
  await client.close();
  console.log(JSON.stringify(report));
} catch (e) {
  console.log(JSON.stringify({ ...report, unexpected: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
}
