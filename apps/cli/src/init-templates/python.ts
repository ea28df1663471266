/** `project init python`: a Python 3.11+ server using only the standard library (http.server). */
import type { Template } from './template-types.ts';

export const python: Template = {
  language: 'python',
  label: 'Python 3.11+ (http.server, no dependencies)',
  command: 'python3 server.py',
  startTimeout: 30,
  files: {
    'server.py': `"""A minimal bookmarks API: for now it only answers GET /health. Build the rest stage by stage."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.send_json(200, {"status": "ok"})
        else:
            self.send_json(404, {"error": {"message": "Not found"}})

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(json.dumps({"level": "info", "msg": "listening", "port": port}), flush=True)
    server.serve_forever()
`,
  },
};
