/** `project init typescript`: a Node (22.18+) server using only node:http, run as TypeScript directly. */
import type { Template } from './template-types.ts';

export const typescript: Template = {
  language: 'typescript',
  label: 'TypeScript on Node.js (node:http, no dependencies)',
  command: 'node server.ts',
  startTimeout: 30,
  files: {
    'package.json': `{
  "name": "bookmarks-api",
  "private": true,
  "type": "module",
  "engines": { "node": ">=22.18" },
  "scripts": { "start": "node server.ts" }
}
`,
    'server.ts': `// A minimal bookmarks API: for now it only answers GET /health. Build the rest stage by stage.
import http from 'node:http';

const port = Number(process.env.PORT ?? 8080);

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { message: 'Not found' } }));
});

server.listen(port, () => console.log(JSON.stringify({ level: 'info', msg: 'listening', port })));
`,
  },
};
