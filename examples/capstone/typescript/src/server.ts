/** Entry point: opens the store, listens on PORT, and on SIGTERM/SIGINT finishes in-flight requests before exiting. */
import http from 'node:http';
import { createApp } from './app.ts';
import { log } from './log.ts';
import { Store } from './store.ts';

const port = Number(process.env.PORT ?? 8080);
const store = new Store(process.env.DATA_FILE ?? 'data/bookmarks.json');
const server = http.createServer(createApp(store));
server.keepAliveTimeout = 5_000;

server.listen(port, () => log('info', 'listening', { port }));

function shutdown(signal: string) {
  log('info', 'shutting down', { signal });
  // close() stops accepting connections and waits for requests in flight; idle keep-alive sockets are closed.
  server.close(() => {
    log('info', 'stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
